@testable import BioImageONNX
import BioImageTensor
import Testing

@Suite("Conv kernel")
struct ConvKernelTests {
    @Test("3×3 input, 2×2 kernel, no padding: hand-computed")
    func handComputed() throws {
        // X = [[1 2 3] [4 5 6] [7 8 9]], W = [[1 0] [0 -1]], B = 10
        // Y[0][0] = 1·1 + 5·(-1) + 10 = 6;  Y[0][1] = 2 - 6 + 10 = 6;  Y[1][0] = 4 - 8 + 10 = 6;  Y[1][1] = 5 - 9 + 10 = 6
        // Second filter W = [[1 1] [1 1]], B = 0: sums of 2×2 windows 12, 16, 24, 28.
        let x = try Tensor<Float>(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let w = try Tensor<Float>(shape: [2, 1, 2, 2], scalars: [1, 0, 0, -1, 1, 1, 1, 1])
        let b = Tensor<Float>([10, 0])
        let y = try ConvReference.run(try ConvReference.kernel("Conv", inputs: 3), [x, w, b])
        #expect(y.shape == [1, 2, 2, 2])
        #expect(y.scalars == [6, 6, 6, 6, 12, 16, 24, 28])
    }

    @Test("pads and strides: hand-computed")
    func padsAndStrides() throws {
        // X = 1…16 as 4×4, 3×3 all-ones kernel, pads 1, strides 2 → 2×2 output:
        // Y[0][0] = 1+2+5+6 = 14;  Y[0][1] = 2+3+4+6+7+8 = 30;  Y[1][0] = 5+6+9+10+13+14 = 57;
        // Y[1][1] = 6+7+8+10+11+12+14+15+16 = 99
        let x = try Tensor<Float>(shape: [1, 1, 4, 4], scalars: (1...16).map(Float.init))
        let w = try Tensor<Float>(repeating: 1, shape: [1, 1, 3, 3])
        let kernel = try ConvReference.kernel("Conv", inputs: 2, attributes: ["pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2])])
        let y = try ConvReference.run(kernel, [x, w, nil])
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.scalars == [14, 30, 57, 99])
    }

    @Test("auto_pad SAME_UPPER and SAME_LOWER put the odd padding at opposite ends")
    func autoPad() throws {
        // 1-D X = [1 2 3 4], kernel [1 10] (2 taps), SAME: needed padding 1.
        // SAME_UPPER pads at the end: [1 2 3 4 0] → 1+20, 2+30, 3+40, 4+0 = 21 32 43 4
        // SAME_LOWER pads at the start: [0 1 2 3 4] → 0+10, 1+20, 2+30, 3+40 = 10 21 32 43
        let x = try Tensor<Float>(shape: [1, 1, 4], scalars: [1, 2, 3, 4])
        let w = try Tensor<Float>(shape: [1, 1, 2], scalars: [1, 10])
        let upper = try ConvReference.run(try ConvReference.kernel("Conv", inputs: 2, attributes: ["auto_pad": .string("SAME_UPPER")]), [x, w])
        let lower = try ConvReference.run(try ConvReference.kernel("Conv", inputs: 2, attributes: ["auto_pad": .string("SAME_LOWER")]), [x, w])
        #expect(upper.scalars == [21, 32, 43, 4])
        #expect(lower.scalars == [10, 21, 32, 43])
    }

    @Test("fused activations are applied to the convolution's output")
    func fusedActivations() throws {
        // 1×1 convolution with weight 1 and bias 0 is the identity, so the output is the activation of X.
        let values: [Float] = [-3, -0.5, 0, 0.25, 2, 7, -1, 1]
        let x = try Tensor<Float>(shape: [1, 1, 8], scalars: values)
        let w = try Tensor<Float>(shape: [1, 1, 1], scalars: [1])
        func fused(_ name: String, _ parameters: [Float]) throws -> [Float] {
            let kernel = try ConvReference.kernel("Conv", inputs: 2, attributes: [
                "_activation": .string(name), "_activation_alpha": .floats(parameters)])
            return try ConvReference.run(kernel, [x, w]).scalars
        }
        #expect(try fused("Relu", []) == values.map { max($0, 0) })
        #expect(try fused("LeakyRelu", [0.1]) == values.map { $0 < 0 ? 0.1 * $0 : $0 })
        #expect(try fused("Clip", [-1, 1]) == values.map { min(max($0, -1), 1) })
        // Sigmoid and tanh against Foundation-free closed forms computed in Double.
        let sigmoid = values.map { Float(1 / (1 + _exp(-Double($0)))) }
        let tanh = values.map { Float((_exp(2 * Double($0)) - 1) / (_exp(2 * Double($0)) + 1)) }
        #expect(ConvReference.close(try fused("Sigmoid", []), sigmoid, rtol: 1e-6, atol: 1e-7))
        #expect(ConvReference.close(try fused("Tanh", []), tanh, rtol: 1e-6, atol: 1e-7))
        #expect(throws: ONNXError.self) { try fused("Softplus", []) }
    }

    @Test("invalid shapes and attributes throw typed errors naming the node")
    func errors() throws {
        let x = try Tensor<Float>(repeating: 1, shape: [1, 3, 4, 4])
        let w = try Tensor<Float>(repeating: 1, shape: [2, 2, 3, 3])
        #expect(throws: ONNXError.self) { try ConvReference.run(try ConvReference.kernel("Conv", inputs: 2), [x, w]) }
        #expect(throws: ONNXError.self) { try ConvReference.kernel("Conv", inputs: 2, attributes: ["auto_pad": .string("FULL")]) }
        #expect(throws: ONNXError.self) { try ConvReference.kernel("Conv", inputs: 2, attributes: ["strides": .ints([0, 1])]) }
        #expect(throws: ONNXError.self) { try ConvReference.kernel("Conv", inputs: 2, attributes: ["bogus": .int(1)]) }
        // Hostile sizes: values past the per-axis limit fail at build time, huge padded copies at run time.
        #expect(throws: ONNXError.self) { try ConvReference.kernel("Conv", inputs: 2, attributes: ["pads": .ints([1 << 40, 0, 0, 0])]) }
        let huge = try ConvReference.kernel("Conv", inputs: 2, attributes: ["pads": .ints([1 << 23, 1 << 23, 1 << 23, 1 << 23])])
        #expect(throws: ONNXError.self) { try ConvReference.run(huge, [x, try Tensor<Float>(repeating: 1, shape: [1, 3, 3, 3])]) }
        #expect(throws: ONNXError.self) {
            try ConvReference.kernel("ConvTranspose", inputs: 2, attributes: ["output_shape": .ints([1 << 40, 2])])
        }
        do {
            _ = try ConvReference.run(try ConvReference.kernel("Conv", inputs: 2), [x, try Tensor<Float>(repeating: 1, shape: [1, 3, 7, 7])])
            Issue.record("expected an error")
        } catch let error as ONNXError {
            #expect(error.node == "test" && error.opType == "Conv")
        }
    }

    /// One randomized case: shapes, group, strides, dilations and pads drawn from `seed`.
    static func randomCase(seed: UInt64) throws -> (actual: [Float], expected: [Float], description: String) {
        var rng = ConvReference.Generator(seed: seed)
        let spatial = rng.int(1...3)
        let group = [1, 1, 2, 3][rng.int(0...3)]
        let cg = rng.int(1...4), mg = rng.int(1...(spatial == 3 ? 4 : 11))
        let batch = rng.int(1...2)
        var inSpatial: [Int] = [], kernel: [Int] = [], strides: [Int] = [], dilations: [Int] = [], begin: [Int] = [], end: [Int] = []
        for _ in 0..<spatial {
            let k = rng.int(1...3), d = rng.int(1...2), s = rng.int(1...3) == 3 ? 2 : 1
            let size = rng.int((spatial == 3 ? 3 : 5)...(spatial == 3 ? 7 : 37))
            kernel.append(k); dilations.append(d); strides.append(s)
            begin.append(rng.int(0...2)); end.append(rng.int(0...2))
            inSpatial.append(max(size, (k - 1) * d + 1))
        }
        let x = try Tensor<Float>(shape: [batch, cg * group] + inSpatial, scalars: rng.floats(batch * cg * group * inSpatial.reduce(1, *)))
        let w = try Tensor<Float>(shape: [mg * group, cg] + kernel, scalars: rng.floats(mg * group * cg * kernel.reduce(1, *)))
        let bias = rng.int(0...1) == 1 ? rng.floats(mg * group) : nil
        var outSpatial: [Int] = []
        for i in 0..<spatial {
            let extent = (kernel[i] - 1) * dilations[i] + 1
            outSpatial.append((inSpatial[i] + begin[i] + end[i] - extent) / strides[i] + 1)
        }
        let expected = ConvReference.conv(x: x, w: w, bias: bias, group: group, strides: strides, dilations: dilations,
                                          padsBegin: begin, outSpatial: outSpatial)
        let node = try ConvReference.kernel("Conv", inputs: 3, attributes: [
            "group": .int(group), "strides": .ints(strides), "dilations": .ints(dilations), "pads": .ints(begin + end),
            "kernel_shape": .ints(kernel)])
        let y = try ConvReference.run(node, [x, w, bias.map { Tensor($0) }], threads: Int(seed % 2) + 1)
        let description = "seed \(seed): X \(x.shape) W \(w.shape) group \(group) strides \(strides) dilations \(dilations) pads \(begin + end)"
        guard y.shape == [batch, mg * group] + outSpatial else { return ([], expected, description + " shape \(y.shape)") }
        return (y.scalars, expected, description)
    }

    @Test("randomized shapes agree with the textbook loop", arguments: 0..<60)
    func randomized(seed: Int) throws {
        let result = try Self.randomCase(seed: UInt64(seed))
        let agrees = ConvReference.close(result.actual, result.expected)
        #expect(agrees, "\(result.description)")
    }

    @Test("a layer as wide as the UNet's first level agrees with the textbook loop on both threads settings")
    func wideLayer() throws {
        // 16 → 16 channels, 3×3, pad 1, on 40×45 (odd width: partial tiles at every row end).
        var rng = ConvReference.Generator(seed: 99)
        let x = try Tensor<Float>(shape: [1, 16, 40, 45], scalars: rng.floats(16 * 40 * 45))
        let w = try Tensor<Float>(shape: [16, 16, 3, 3], scalars: rng.floats(16 * 16 * 9))
        let b = Tensor<Float>(rng.floats(16))
        let expected = ConvReference.conv(x: x, w: w, bias: b.scalars, group: 1, strides: [1, 1], dilations: [1, 1],
                                          padsBegin: [1, 1], outSpatial: [40, 45]).map { max($0, 0) }
        let kernel = try ConvReference.kernel("Conv", inputs: 3, attributes: [
            "pads": .ints([1, 1, 1, 1]), "_activation": .string("Relu"), "_activation_alpha": .floats([])])
        for threads in [1, 2] {
            let y = try ConvReference.run(kernel, [x, w, b], threads: threads)
            let agrees = ConvReference.close(y.scalars, expected)
            #expect(agrees)
        }
    }

    @Test("float64 and float16 inputs run through float32 and keep their dtype")
    func otherDTypes() throws {
        let x = try Tensor<Double>(shape: [1, 1, 3], scalars: [1, 2, 3])
        let w = try Tensor<Double>(shape: [1, 1, 2], scalars: [1, -1])
        let kernel = try ConvReference.kernel("Conv", inputs: 2)
        let y = try kernel.run([AnyTensor(x), AnyTensor(w)], context: KernelContext(threads: 1))[0]
        #expect(y.dtype == .float64)
        #expect(try y.tensor(of: Double.self).scalars == [-1, -1])  // 1-2, 2-3
        let xi = try Tensor<Int32>(shape: [1, 1, 3], scalars: [1, 2, 3])
        #expect(throws: ONNXError.self) { try kernel.run([AnyTensor(xi), AnyTensor(w)], context: KernelContext(threads: 1)) }
    }
}

/// `exp` without Foundation, for the expected values above (series to convergence).
private func _exp(_ x: Double) -> Double {
    // e^x = (e^(x/2^k))^(2^k) with a Taylor series on the small argument.
    let k = 10
    let y = x / Double(1 << k)
    var term = 1.0, sum = 1.0
    for n in 1..<20 { term *= y / Double(n); sum += term }
    for _ in 0..<k { sum *= sum }
    return sum
}
