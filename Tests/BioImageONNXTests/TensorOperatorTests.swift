import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

/// Builds one node of the tensor operator table and runs it.
enum TensorOperatorHarness {
    static func run(
        _ op: String, opset: Int = 17, _ inputs: [AnyTensor?], attributes: [String: AttributeValue] = [:],
        outputs: Int = 1, threads: Int = 1
    ) throws(ONNXError) -> [AnyTensor] {
        let node = OperatorNode(name: "n", opType: op, inputs: inputs.indices.map { inputs[$0] == nil ? "" : "x\($0)" },
                                outputs: (0..<outputs).map { "y\($0)" }, opset: opset, attributes: attributes)
        return try OperatorRegistry.kernel(for: node).run(inputs, context: KernelContext(threads: threads))
    }

    /// A float32 tensor.
    static func floats(_ shape: [Int], _ values: [Float]) throws -> AnyTensor { AnyTensor(try Tensor<Float>(shape: shape, scalars: values)) }

    /// An int64 tensor (rank 1 unless `shape` is given).
    static func int64s(_ values: [Int64], shape: [Int]? = nil) throws -> AnyTensor {
        AnyTensor(try Tensor<Int64>(shape: shape ?? [values.count], scalars: values))
    }

    /// The elements widened to `Double`.
    static func values(_ tensor: AnyTensor) -> [Double] { tensor.converted(to: Double.self).scalars }

    static func one(
        _ op: String, opset: Int = 17, _ inputs: [AnyTensor?], attributes: [String: AttributeValue] = [:], threads: Int = 1
    ) throws -> AnyTensor {
        try #require(try run(op, opset: opset, inputs, attributes: attributes, threads: threads).first)
    }
}


@Suite struct TensorArithmeticTests {
    typealias H = TensorOperatorHarness

    @Test func addBroadcastsRowsAgainstColumns() throws {
        // [[1], [2]] + [[10, 20, 30]] = [[11, 21, 31], [12, 22, 32]]
        let y = try H.one("Add", [try H.floats([2, 1], [1, 2]), try H.floats([1, 3], [10, 20, 30])])
        #expect(y.shape == [2, 3])
        #expect(H.values(y) == [11, 21, 31, 12, 22, 32])
    }

    @Test func perChannelBroadcastOnTwoThreadsMatchesFormula() throws {
        // x[n, c, h, w] = h·64 + w (+ c·10000), bias[c] = c / 2: every element of a large result
        // exercises the collapsed [N, C, H·W] plan, SIMD chunks and the split across threads.
        let c = 8, hw = 64 * 64
        var x = [Float](repeating: 0, count: c * hw)
        for i in x.indices { x[i] = Float(i % hw) + Float(i / hw) * 10000 }
        let bias = (0..<c).map { Float($0) / 2 }
        let y = try H.one("Mul", [try H.floats([1, c, 64, 64], x), try H.floats([1, c, 1, 1], bias)], threads: 2)
        let out = y.converted(to: Float.self).scalars
        #expect(y.shape == [1, c, 64, 64])
        #expect((0..<out.count).allSatisfy { out[$0] == x[$0] * bias[$0 / hw] })
    }

    @Test func integerArithmeticWrapsAndDivisionTruncates() throws {
        let a = AnyTensor(Tensor<Int8>([-7, 7, -7, 7, 100, -128])), b = AnyTensor(Tensor<Int8>([2, 2, -2, -2, 100, -1]))
        // C-style truncation: -7/2 = -3, 7/-2 = -3; -128 / -1 wraps to -128 instead of trapping.
        #expect(H.values(try H.one("Div", [a, b])) == [-3, 3, 3, -3, 1, -128])
        // 100 + 100 = 200 wraps to -56 in int8.
        #expect(H.values(try H.one("Add", [a, b]))[4] == -56)
        // Division by zero must not trap.
        _ = try H.one("Div", [AnyTensor(Tensor<Int32>([5])), AnyTensor(Tensor<Int32>([0]))])
    }

    @Test func powerWithMixedTypes() throws {
        // float base, int64 exponent: 2^3 = 8, 1.5^2 = 2.25
        #expect(H.values(try H.one("Pow", [try H.floats([2], [2, 1.5]), try H.int64s([3, 2])])) == [8, 2.25])
        // int32 base, float exponent: 3^0.5 = 1.732 truncates to 1, 4^2 = 16 (numpy power().astype(int32))
        let y = try H.one("Pow", [AnyTensor(Tensor<Int32>([3, 4])), try H.floats([2], [0.5, 2])])
        #expect(y.dtype == .int32)
        #expect(H.values(y) == [1, 16])
        // int64 ^ int64: 3^4 = 81, (-2)^3 = -8
        #expect(H.values(try H.one("Pow", [try H.int64s([3, -2]), try H.int64s([4, 3])])) == [81, -8])
    }

    @Test func variadicMinMaxPropagateNaNAndMeanAverages() throws {
        let a = try H.floats([3], [1, .nan, 5]), b = try H.floats([3], [2, 0, 4]), c = try H.floats([1], [3])
        let maximum = H.values(try H.one("Max", [a, b, c]))
        #expect(maximum[0] == 3 && maximum[1].isNaN && maximum[2] == 5)
        let minimum = H.values(try H.one("Min", [a, b]))
        #expect(minimum[0] == 1 && minimum[1].isNaN && minimum[2] == 4)
        // (1 + 2 + 3) / 3 = 2, (5 + 4 + 3) / 3 = 4
        let mean = H.values(try H.one("Mean", [a, b, c]))
        #expect(mean[0] == 2 && mean[2] == 4)
        #expect(H.values(try H.one("Sum", [a, b, c]))[2] == 12)
    }

    @Test func unaryMath() throws {
        // Round is half to even; Floor/Ceil; Reciprocal; Abs/Neg of integers wrap.
        #expect(H.values(try H.one("Round", [try H.floats([6], [0.5, 1.5, 2.5, -0.5, -1.5, 2.6])])) == [0, 2, 2, -0, -2, 3])
        #expect(H.values(try H.one("Floor", [try H.floats([2], [-1.5, 1.5])])) == [-2, 1])
        #expect(H.values(try H.one("Ceil", [try H.floats([2], [-1.5, 1.5])])) == [-1, 2])
        #expect(H.values(try H.one("Reciprocal", [try H.floats([2], [4, -0.5])])) == [0.25, -2])
        #expect(H.values(try H.one("Abs", [AnyTensor(Tensor<Int8>([-128, -3, 4]))])) == [-128, 3, 4])
        #expect(H.values(try H.one("Neg", [AnyTensor(Tensor<Int32>([5, -6]))])) == [-5, 6])
        #expect(H.values(try H.one("Sqrt", [try H.floats([2], [9, 2.25])])) == [3, 1.5])
        // e^1 = 2.7182817, ln(e) = 1 (to float32 precision)
        #expect(abs(H.values(try H.one("Exp", [try H.floats([1], [1])]))[0] - 2.718_281_8) < 1e-6)
        #expect(abs(H.values(try H.one("Log", [try H.floats([1], [2.718_281_8])]))[0] - 1) < 1e-6)
    }

    @Test func comparisonsAndLogic() throws {
        let a = try H.floats([3], [1, 2, .nan]), b = try H.floats([1], [2])
        #expect(try H.one("Less", [a, b]).converted(to: Bool.self).scalars == [true, false, false])
        #expect(try H.one("GreaterOrEqual", [a, b]).converted(to: Bool.self).scalars == [false, true, false])
        #expect(try H.one("Equal", [try H.int64s([1, 2]), try H.int64s([2])]).converted(to: Bool.self).scalars == [false, true])
        let p = AnyTensor(Tensor<Bool>([true, true, false, false])), q = AnyTensor(Tensor<Bool>([true, false, true, false]))
        #expect(try H.one("And", [p, q]).converted(to: Bool.self).scalars == [true, false, false, false])
        #expect(try H.one("Or", [p, q]).converted(to: Bool.self).scalars == [true, true, true, false])
        #expect(try H.one("Xor", [p, q]).converted(to: Bool.self).scalars == [false, true, true, false])
        #expect(try H.one("Not", [p]).converted(to: Bool.self).scalars == [false, false, true, true])
        // Where([[T, F]], [[1], [2]], 0) = [[1, 0], [2, 0]]
        let w = try H.one("Where", [AnyTensor(try Tensor<Bool>(shape: [1, 2], scalars: [true, false])),
                                    try H.floats([2, 1], [1, 2]), try H.floats([], [0])])
        #expect(w.shape == [2, 2])
        #expect(H.values(w) == [1, 0, 2, 0])
    }

    @Test func mismatchedShapesAndDtypesThrow() throws {
        #expect(throws: ONNXError.self) { try H.one("Add", [try H.floats([2], [1, 2]), try H.floats([3], [1, 2, 3])]) }
        #expect(throws: ONNXError.self) { try H.one("Add", [try H.floats([1], [1]), try H.int64s([1])]) }
        #expect(throws: ONNXError.self) { try H.one("Sqrt", [try H.int64s([4])]) }
        #expect(throws: ONNXError.self) { try H.one("Add", [try H.floats([1], [1])]) }
        do {
            _ = try H.one("Add", [try H.floats([1], [1]), try H.floats([1], [1])], attributes: ["broadcast": .int(1)])
            Issue.record("an unknown attribute must be rejected")
        } catch let error as ONNXError {
            #expect(error.code == .invalidAttribute)
            #expect(error.description.contains("broadcast"))
        }
    }
}
