@testable import BioImageONNX
import BioImageTensor
import Testing

@Suite("Image operators: activations, softmax, clip, PRelu")
struct ImageActivationTests {
    static let functions: [ActivationFunction] = [
        .relu, .leakyRelu(alpha: 0.1), .elu(alpha: 1.5), .selu(alpha: 1.673_263_2, gamma: 1.050_701), .celu(alpha: 0.7),
        .thresholdedRelu(alpha: 0.5), .sigmoid, .hardSigmoid(alpha: 0.2, beta: 0.5), .hardSwish, .tanh, .erf, .softplus,
        .softsign, .gelu(tanhApproximation: true), .gelu(tanhApproximation: false),
    ]

    /// The float32 SIMD path against the double-precision definition, over ±20, near zero and the edges.
    @Test("float32 fast path matches the exact definition", arguments: functions)
    func fastPathMatchesDefinition(_ function: ActivationFunction) {
        var inputs = ImageTestNode.random(count: 4000, seed: 7, scale: 20)
        inputs += ImageTestNode.random(count: 1000, seed: 8, scale: 1e-3)
        inputs += [0, -0.0, 1e-30, -1e-30, 88, -88, 100, -100, .infinity, -.infinity, .nan, 0.624, 0.626, -0.624, -0.626]
        let expected = inputs.map { Float(function.scalar(Double($0))) }
        let actual: [Float] = inputs.withUnsafeBufferPointer { input in
            [Float](unsafeUninitializedCapacity: input.count) { output, count in
                function.apply(input, to: output, threads: 2)
                count = input.count
            }
        }
        #expect(ImageTestNode.mismatch(actual, expected, rtol: 2e-6, atol: 1e-7, inputs: inputs) == nil, "\(function)")
    }

    @Test("Relu on int32 and the activations on float64 and float16")
    func otherDTypes() throws {
        let ints = try ImageTestNode.run("Relu", opset: 14, [AnyTensor(Tensor<Int32>([-3, 0, 5]))])
        #expect(try ints[0].tensor(of: Int32.self).scalars == [0, 0, 5])
        let doubles = try ImageTestNode.run("LeakyRelu", opset: 16, attributes: ["alpha": .float(0.5)], [AnyTensor(Tensor<Double>([-2, 3]))])
        #expect(try doubles[0].tensor(of: Double.self).scalars == [-1, 3])
        let halves = try ImageTestNode.run("Sigmoid", opset: 13, [AnyTensor(Tensor<Float16>([0, 2]))])
        // σ(0) = 0.5; σ(2) = 0.8808 (float16 rounds to 0.881).
        #expect(ImageTestNode.mismatch(ImageTestNode.values(halves[0]), [0.5, 0.8808], rtol: 1e-3) == nil)
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Sigmoid", [AnyTensor(Tensor<Int32>([1]))]) }
    }

    @Test("unknown attributes and values are refused at load time")
    func loadTimeChecks() {
        #expect(throws: ONNXError.self) { try ImageTestNode.build("Relu", attributes: ["alpha": .float(1)]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("Gelu", opset: 20, attributes: ["approximate": .string("fast")]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("Softmax", attributes: ["axes": .ints([1])]) }
        do {
            _ = try ImageTestNode.build("Elu", attributes: ["beta": .float(1)])
        } catch {
            #expect(error.code == .invalidAttribute && error.node == "n" && error.opType == "Elu")
        }
    }

    /// Softmax before opset 13 flattens at `axis`: over [[0, ln 2], [ln 3, ln 4]] with axis 0 the whole
    /// tensor is one row, e^x = 1, 2, 3, 4 over a sum of 10. From opset 13 axis 0 normalises columns:
    /// (1, 3)/4 and (2, 4)/6.
    @Test("Softmax opset < 13 flattens, opset 13 uses one axis")
    func softmaxOpsets() throws {
        let x = ImageTestNode.floats([2, 2], [0, Float(0.693_147_18), Float(1.098_612_3), Float(1.386_294_4)])
        let old = try ImageTestNode.run("Softmax", opset: 11, attributes: ["axis": .int(0)], [x])
        #expect(ImageTestNode.mismatch(ImageTestNode.values(old[0]), [0.1, 0.2, 0.3, 0.4]) == nil)
        let new = try ImageTestNode.run("Softmax", opset: 13, attributes: ["axis": .int(0)], [x])
        #expect(ImageTestNode.mismatch(ImageTestNode.values(new[0]), [0.25, 1.0 / 3, 0.75, 2.0 / 3]) == nil)
        let log = try ImageTestNode.run("LogSoftmax", opset: 11, attributes: ["axis": .int(0)], [x])
        #expect(ImageTestNode.mismatch(ImageTestNode.values(log[0]), [0.1, 0.2, 0.3, 0.4].map { Float(Double($0).logValue) }) == nil)
    }

    /// The float32 path (rows and strided columns) against the double-precision general path.
    @Test("Softmax float32 matches the double reference", arguments: [[3, 37, 5], [2, 100], [4, 3, 40]])
    func softmaxMatchesReference(_ shape: [Int]) throws {
        let count = shape.reduce(1, *)
        let data = ImageTestNode.random(count: count, seed: 11, scale: 30)
        for axis in 0..<shape.count {
            for op in ["Softmax", "LogSoftmax"] {
                let y = try ImageTestNode.run(op, opset: 13, attributes: ["axis": .int(axis)], [ImageTestNode.floats(shape, data)])
                let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
                let expected = SoftmaxKernel.reference(data.map(Double.init), outer, shape[axis], inner, log: op == "LogSoftmax")
                #expect(ImageTestNode.mismatch(ImageTestNode.values(y[0]), expected.map(Float.init), rtol: 1e-5, atol: 1e-6) == nil, "\(op) axis \(axis)")
            }
        }
    }

    @Test("Clip: opset 6 attributes, opset 13 optional inputs, integers, NaN")
    func clip() throws {
        let x = ImageTestNode.floats([5], [-3, -1, 0.5, 2, .nan])
        let old = try ImageTestNode.run("Clip", opset: 6, attributes: ["min": .float(-1), "max": .float(1)], [x])
        #expect(ImageTestNode.mismatch(ImageTestNode.values(old[0]), [-1, -1, 0.5, 1, .nan]) == nil)
        let onlyMax = try ImageTestNode.run("Clip", opset: 13, [x, nil, ImageTestNode.floats([], [0])])
        #expect(ImageTestNode.mismatch(ImageTestNode.values(onlyMax[0]), [-3, -1, 0, 0, .nan]) == nil)
        let ints = try ImageTestNode.run("Clip", opset: 13, [AnyTensor(Tensor<Int8>([-100, 5, 100])), AnyTensor(Tensor<Int8>(-10)), AnyTensor(Tensor<Int8>(10))])
        #expect(try ints[0].tensor(of: Int8.self).scalars == [-10, 5, 10])
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Clip", opset: 13, [x, ImageTestNode.floats([2], [0, 1])]) }
    }

    /// PRelu with a per-channel slope of shape [C, 1, 1] on [1, 2, 1, 2]: channel 0 slope 0.5, channel 1 slope 2.
    @Test("PRelu broadcasts a per-channel slope")
    func prelu() throws {
        let x = ImageTestNode.floats([1, 2, 1, 2], [-2, 3, -4, 5])
        let slope = ImageTestNode.floats([2, 1, 1], [0.5, 2])
        let y = try ImageTestNode.run("PRelu", opset: 16, [x, slope])
        #expect(ImageTestNode.values(y[0]) == [-1, 3, -8, 5])
        #expect(throws: ONNXError.self) { try ImageTestNode.run("PRelu", [x, ImageTestNode.floats([3], [1, 2, 3])]) }
    }
}

private extension Double {
    var logValue: Double { Double.log(self) }
}
