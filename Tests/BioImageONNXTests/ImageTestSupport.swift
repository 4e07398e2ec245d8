@testable import BioImageONNX
import BioImageTensor

/// Builds one image-operator node and runs it, for the hand-computed kernel tests.
enum ImageTestNode {
    /// Runs `opType` at `opset` with `attributes` on `inputs` (`nil` for an omitted optional input).
    static func run(_ opType: String, opset: Int = 19, attributes: [String: AttributeValue] = [:], _ inputs: [AnyTensor?],
                    outputs: Int = 1, threads: Int = 2) throws(ONNXError) -> [AnyTensor] {
        let kernel = try build(opType, opset: opset, attributes: attributes, inputs: inputs.count, outputs: outputs)
        return try kernel.run(inputs, context: KernelContext(threads: threads))
    }

    /// Builds the kernel only (to test load-time checks).
    static func build(_ opType: String, opset: Int = 19, attributes: [String: AttributeValue] = [:], inputs: Int = 1,
                      outputs: Int = 1) throws(ONNXError) -> any OperatorKernel {
        let node = OperatorNode(name: "n", opType: opType, inputs: (0..<inputs).map { "i\($0)" },
                                outputs: (0..<outputs).map { "o\($0)" }, opset: opset, attributes: attributes)
        return try OperatorRegistry.kernel(for: node)
    }

    /// A float32 tensor.
    static func floats(_ shape: [Int], _ values: [Float]) -> AnyTensor {
        AnyTensor((try? Tensor(shape: shape, scalars: values)) ?? Tensor<Float>([]))
    }

    /// An int64 tensor of rank 1.
    static func int64s(_ values: [Int64]) -> AnyTensor { AnyTensor(Tensor<Int64>(values)) }

    /// The float32 values of a tensor.
    static func values(_ tensor: AnyTensor?) -> [Float] { tensor?.converted(to: Float.self).scalars ?? [] }

    /// Deterministic pseudo-random floats in [-scale, scale) (a 64-bit LCG; no global state).
    static func random(count: Int, seed: UInt64, scale: Float = 4) -> [Float] {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * scale
        }
    }

    /// `nil` when two float arrays agree within `atol + rtol·|expected|` element-wise (NaN matches NaN),
    /// else a description of the first mismatch.
    static func mismatch(_ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-6,
                         inputs: [Float]? = nil) -> String? {
        guard actual.count == expected.count else { return "\(actual.count) values, \(expected.count) expected" }
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            if a.isNaN || e.isNaN {
                if a.isNaN != e.isNaN { return "at \(i): \(a), expected \(e)" }
                continue
            }
            if a == e { continue }
            if !(Swift.abs(a - e) <= atol + rtol * Swift.abs(e)) {
                return "at \(i)\(inputs.map { " (x = \($0[i]))" } ?? ""): \(a), expected \(e)"
            }
        }
        return nil
    }
}
