import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

@Suite struct TensorShapeOperatorTests {
    typealias H = TensorOperatorHarness

    let ramp = AnyTensor(Tensor<Float>((0..<10).map { Float($0) }))

    @Test func sliceClampsAndWalksBackwards() throws {
        // starts 20 clamps to 9, ends -100 clamps to -1 (exclusive), step -3: 9, 6, 3, 0
        let y = try H.one("Slice", [ramp, try H.int64s([20]), try H.int64s([-100]), try H.int64s([0]), try H.int64s([-3])])
        #expect(H.values(y) == [9, 6, 3, 0])
        // Opset 9: attributes; [[0..4], [5..9]] rows 0..<2, columns 1..<3
        let m = try H.floats([2, 5], (0..<10).map { Float($0) })
        let z = try H.one("Slice", opset: 9, [m], attributes: ["starts": .ints([1]), "ends": .ints([3]), "axes": .ints([1])])
        #expect(z.shape == [2, 2])
        #expect(H.values(z) == [1, 2, 6, 7])
        // Step 2 on axis 1 of a matrix, INT64_MAX end: columns 0, 2, 4
        let s = try H.one("Slice", [m, try H.int64s([0]), try H.int64s([Int64.max]), try H.int64s([-1]), try H.int64s([2])])
        #expect(H.values(s) == [0, 2, 4, 5, 7, 9])
    }

    @Test func splitByOpset() throws {
        // Opset 11: `split` attribute [2, 8]
        let a = try H.run("Split", opset: 11, [ramp], attributes: ["split": .ints([2, 8])], outputs: 2)
        #expect(a.map(\.shape) == [[2], [8]])
        // Opset 13: `split` input [5, 5]
        let b = try H.run("Split", opset: 13, [ramp, try H.int64s([5, 5])], outputs: 2)
        #expect(H.values(b[1]) == [5, 6, 7, 8, 9])
        // Opset 18: num_outputs 3 of 10 elements: ceil(10/3) = 4 → 4, 4, 2
        let c = try H.run("Split", opset: 18, [ramp], attributes: ["num_outputs": .int(3)], outputs: 3)
        #expect(c.map(\.shape) == [[4], [4], [2]])
        #expect(throws: ONNXError.self) { try H.run("Split", opset: 13, [ramp], outputs: 3) }
    }

    @Test func reshapeFlattenSqueezeUnsqueeze() throws {
        let x = try H.floats([2, 3, 4], [Float](repeating: 1, count: 24))
        // 0 copies extent 2, -1 infers 12 / 3 = 4... here [0, -1] → [2, 12]
        #expect(try H.one("Reshape", [x, try H.int64s([0, -1])]).shape == [2, 12])
        // allowzero: a literal 0 extent needs an empty input
        let empty = try H.floats([0, 3], [])
        #expect(try H.one("Reshape", [empty, try H.int64s([3, 0])], attributes: ["allowzero": .int(1)]).shape == [3, 0])
        #expect(throws: ONNXError.self) { try H.one("Reshape", [x, try H.int64s([5, -1])]) }
        #expect(try H.one("Flatten", [x], attributes: ["axis": .int(-1)]).shape == [6, 4])
        #expect(try H.one("Flatten", [x], attributes: ["axis": .int(0)]).shape == [1, 24])
        let column = try H.floats([1, 3, 1], [1, 2, 3])
        #expect(try H.one("Squeeze", opset: 11, [column], attributes: ["axes": .ints([-1])]).shape == [1, 3])
        #expect(try H.one("Squeeze", opset: 13, [column]).shape == [3])
        #expect(throws: ONNXError.self) { try H.one("Squeeze", opset: 13, [column, try H.int64s([1])]) }
        #expect(try H.one("Unsqueeze", opset: 11, [column], attributes: ["axes": .ints([0, 4])]).shape == [1, 1, 3, 1, 1])
        #expect(try H.one("Unsqueeze", opset: 13, [column, try H.int64s([-1, 1])]).shape == [1, 1, 3, 1, 1])
    }

    @Test func shapeSizeTileExpandGatherTranspose() throws {
        let x = try H.floats([2, 3], [0, 1, 2, 3, 4, 5])
        #expect(H.values(try H.one("Shape", [x])) == [2, 3])
        #expect(H.values(try H.one("Shape", opset: 15, [x], attributes: ["start": .int(-1)])) == [3])
        #expect(H.values(try H.one("Size", [x])) == [6])
        // Tile [[0, 1, 2], [3, 4, 5]] by [1, 2]: each row twice
        #expect(H.values(try H.one("Tile", [x, try H.int64s([1, 2])])) == [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5])
        // Expand [3] to [2, 1] broadcasts to [2, 3]
        let e = try H.one("Expand", [try H.floats([3], [7, 8, 9]), try H.int64s([2, 1])])
        #expect(e.shape == [2, 3])
        #expect(H.values(e) == [7, 8, 9, 7, 8, 9])
        // Gather rows [-1, 0] along axis 0: row 1 then row 0; along axis 1 with 2-D indices
        #expect(H.values(try H.one("Gather", [x, try H.int64s([-1, 0])])) == [3, 4, 5, 0, 1, 2])
        let g = try H.one("Gather", [x, try H.int64s([2, 0], shape: [1, 2])], attributes: ["axis": .int(1)])
        #expect(g.shape == [2, 1, 2])
        #expect(H.values(g) == [2, 0, 5, 3])
        #expect(throws: ONNXError.self) { try H.one("Gather", [x, try H.int64s([2])]) }
        #expect(H.values(try H.one("Transpose", [x])) == [0, 3, 1, 4, 2, 5])
        #expect(throws: ONNXError.self) { try H.one("Transpose", [x], attributes: ["perm": .ints([0, 0])]) }
    }

    @Test func concatAlongNegativeAxis() throws {
        let a = try H.floats([2, 1], [1, 2]), b = try H.floats([2, 2], [3, 4, 5, 6])
        let y = try H.one("Concat", [a, b], attributes: ["axis": .int(-1)])
        #expect(y.shape == [2, 3])
        #expect(H.values(y) == [1, 3, 4, 2, 5, 6])
        #expect(throws: ONNXError.self) { try H.one("Concat", [a, try H.floats([3, 1], [1, 2, 3])], attributes: ["axis": .int(1)]) }
    }

    @Test func castConstantsAndRange() throws {
        let x = try H.floats([5], [-1.7, 2.9, 300, 0, .nan])
        // float → int32 truncates toward zero; → uint8 wraps like numpy astype (300 → 44);
        // → bool is x != 0 (NaN is true).
        #expect(H.values(try H.one("Cast", [x], attributes: ["to": .int(6)]))[0...2] == [-1, 2, 300])
        #expect(H.values(try H.one("Cast", [x], attributes: ["to": .int(2)]))[2] == 44)
        #expect(try H.one("Cast", [x], attributes: ["to": .int(9)]).converted(to: Bool.self).scalars == [true, true, true, false, true])
        #expect(throws: ONNXError.self) { try H.one("Cast", [x], attributes: ["to": .int(8)]) }
        // float → int64 truncates (−1.7 → −1); float16 of 1/3 is 0.333251953125 (nearest, numpy
        // float16(1/3)); bool → float is 0/1; int64 → float rounds to nearest (2^24 + 1 → 2^24).
        #expect(H.values(try H.one("Cast", [x], attributes: ["to": .int(7)]))[0...2] == [-1, 2, 300])
        #expect(H.values(try H.one("Cast", [try H.floats([1], [1.0 / 3])], attributes: ["to": .int(10)])) == [0.333_251_953_125])
        #expect(H.values(try H.one("Cast", [AnyTensor(Tensor<Bool>([true, false]))], attributes: ["to": .int(1)])) == [1, 0])
        #expect(H.values(try H.one("Cast", [try H.int64s([16_777_217])], attributes: ["to": .int(1)])) == [16_777_216])
        #expect(H.values(try H.one("Constant", [], attributes: ["value_ints": .ints([4, 5])])) == [4, 5])
        let filled = try H.one("ConstantOfShape", [try H.int64s([2, 2])], attributes: ["value": .tensor(AnyTensor(Tensor<Int32>([7])))])
        #expect(filled.dtype == .int32 && H.values(filled) == [7, 7, 7, 7])
        // Range(10, 1, -3) = 10, 7, 4; Range(0.5, 2, 0.5) = 0.5, 1, 1.5
        #expect(H.values(try H.one("Range", [try H.int64s([10], shape: []), try H.int64s([1], shape: []), try H.int64s([-3], shape: [])])) == [10, 7, 4])
        #expect(H.values(try H.one("Range", [try H.floats([], [0.5]), try H.floats([], [2]), try H.floats([], [0.5])])) == [0.5, 1, 1.5])
        #expect(throws: ONNXError.self) { try H.one("Range", [try H.floats([], [0]), try H.floats([], [1]), try H.floats([], [0])]) }
    }

    @Test func dropoutIsIdentityWithTrueMask() throws {
        let x = try H.floats([2], [1, 2])
        let outputs = try H.run("Dropout", opset: 13, [x, try H.floats([], [0.3])], outputs: 2)
        #expect(H.values(outputs[0]) == [1, 2])
        #expect(outputs[1].converted(to: Bool.self).scalars == [true, true])
        #expect(throws: ONNXError.self) {
            try H.run("Dropout", opset: 13, [x, try H.floats([], [0.3]), AnyTensor(Tensor<Bool>(true))])
        }
    }

    @Test func hostileValuesThrowInsteadOfTrapping() throws {
        // Extreme steps, sizes and repeats must not overflow Int arithmetic.
        let y = try H.one("Slice", [ramp, try H.int64s([Int64.max]), try H.int64s([Int64.min]), try H.int64s([0]), try H.int64s([Int64.min])])
        #expect(H.values(y) == [9])
        #expect(H.values(try H.one("Slice", [ramp, try H.int64s([0]), try H.int64s([10]), try H.int64s([0]), try H.int64s([Int64.max])])) == [0])
        #expect(throws: ONNXError.self) { try H.run("Split", opset: 13, [ramp, try H.int64s([Int64.max, Int64.max])], outputs: 2) }
        #expect(throws: ONNXError.self) { try H.one("Tile", [ramp, try H.int64s([Int64.max])]) }
        #expect(throws: ONNXError.self) { try H.one("Expand", [ramp, try H.int64s([Int64.max, 1 << 40])]) }
        #expect(throws: ONNXError.self) { try H.one("ConstantOfShape", [try H.int64s([-1])]) }
        #expect(throws: ONNXError.self) { try H.one("Range", [try H.int64s([Int64.min], shape: []), try H.int64s([Int64.max], shape: []), try H.int64s([1], shape: [])]) }
        #expect(H.values(try H.one("Range", [try H.floats([], [0]), try H.floats([], [-1e30]), try H.floats([], [1])])) == [])
        #expect(throws: ONNXError.self) { try H.one("Reshape", [ramp, try H.int64s([-1, -1])]) }
        #expect(throws: ONNXError.self) { try H.one("Reshape", [ramp, try H.int64s([0, 0, 10])]) }
    }
}
