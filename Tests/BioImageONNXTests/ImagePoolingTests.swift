@testable import BioImageONNX
import BioImageTensor
import Testing

@Suite("Image operators: pooling and normalisation")
struct ImagePoolingTests {
    /// The 2 × 2 / stride 2 fast path against the general window walk, with NaN and odd extents.
    @Test("MaxPool 2×2 fast path matches the general path", arguments: [[2, 3, 8, 8], [1, 2, 7, 37], [1, 1, 2, 2]])
    func maxPoolFastPath(_ shape: [Int]) {
        var data = ImageTestNode.random(count: shape.reduce(1, *), seed: 3)
        data[1] = .nan
        data[data.count - 1] = .nan
        let axes = [PoolAxis.unit] + [2, 3].map {
            PoolAxis(input: shape[$0], output: shape[$0] / 2, kernel: 2, stride: 2, dilation: 1, padBegin: 0, padEnd: 0)
        }
        let plan = PoolPlan(axes: axes, planes: shape[0] * shape[1], threads: 2)
        let fast = plan.maxPool2x2(data)
        #expect(fast != nil)
        let general = plan.max(data, columnMajor: false, indices: false).0
        #expect(ImageTestNode.mismatch(fast ?? [], general, rtol: 0, atol: 0) == nil)
    }

    /// The branch-free float32 max against the generic max, with padding, dilation, ceil mode, NaN
    /// windows and −∞.
    @Test("MaxPool float32 path matches the generic path")
    func maxPoolFloatPath() throws {
        var data = ImageTestNode.random(count: 2 * 3 * 5 * 6 * 7, seed: 5)
        for i in stride(from: 0, to: data.count, by: 7) { data[i] = .nan }
        for i in stride(from: 3, to: data.count, by: 11) { data[i] = -.infinity }
        for i in 0..<12 { data[i] = .nan }
        let node = OperatorNode(name: "n", opType: "MaxPool", inputs: ["x"], outputs: ["y"], opset: 12, attributes: [
            "kernel_shape": .ints([2, 3, 2]), "pads": .ints([1, 0, 2, 1, 1, 0]), "dilations": .ints([1, 2, 1]),
            "strides": .ints([1, 1, 2]), "ceil_mode": .int(1),
        ])
        let pool = try PoolAttributes(node: node, allowsDilations: true, allowsCeilMode: true)
        let axes = try pool.geometry(input: [5, 6, 7], site: ImageKernelSite(node))
        let plan = PoolPlan(axes: axes, planes: 6, threads: 2)
        #expect(ImageTestNode.mismatch(plan.maxFloat(data), plan.max(data, columnMajor: false, indices: false).0, rtol: 0, atol: 0) == nil)
    }

    /// 1 × 1 × 3 × 3 input 1…9, 2 × 2 windows, stride 1, pads 1 on every side:
    /// the top-left window covers only x[0,0] = 1, so count_include_pad = 0 gives 1 and = 1 gives 1/4.
    /// The centre window of the 4 × 4 output covers 1, 2, 4, 5 → 3 either way.
    @Test("AveragePool count_include_pad")
    func averagePoolPadding() throws {
        let x = ImageTestNode.floats([1, 1, 3, 3], (1...9).map(Float.init))
        let common: [String: AttributeValue] = ["kernel_shape": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]
        let excluded = ImageTestNode.values(try ImageTestNode.run("AveragePool", opset: 11, attributes: common, [x])[0])
        var including = common
        including["count_include_pad"] = .int(1)
        let included = ImageTestNode.values(try ImageTestNode.run("AveragePool", opset: 11, attributes: including, [x])[0])
        #expect(excluded.count == 16 && included.count == 16)
        #expect(excluded.first == 1 && included.first == 0.25)
        #expect(excluded[5] == 3 && included[5] == 3)
    }

    /// MaxPool on 1 × 1 × 2 × 3 [[1, 6, 2], [5, 3, 4]] with a 2 × 2 window, stride 1: both windows
    /// peak at 6 at (h, w) = (0, 1) — flat index 0·3 + 1 = 1 row-major, h + w·H = 0 + 1·2 = 2 column-major.
    @Test("MaxPool Indices in both storage orders")
    func maxPoolIndices() throws {
        let x = ImageTestNode.floats([1, 1, 2, 3], [1, 6, 2, 5, 3, 4])
        let rowMajor = try ImageTestNode.run("MaxPool", opset: 12, attributes: ["kernel_shape": .ints([2, 2])], [x], outputs: 2)
        #expect(ImageTestNode.values(rowMajor[0]) == [6, 6])
        #expect(try rowMajor[1].tensor(of: Int64.self).scalars == [1, 1])
        let columnMajor = try ImageTestNode.run("MaxPool", opset: 12, attributes: ["kernel_shape": .ints([2, 2]), "storage_order": .int(1)],
                                                [x], outputs: 2)
        #expect(try columnMajor[1].tensor(of: Int64.self).scalars == [2, 2])
        let ints = try ImageTestNode.run("MaxPool", opset: 12, attributes: ["kernel_shape": .ints([2, 2])],
                                         [AnyTensor(try Tensor<Int8>(shape: [1, 1, 2, 2], scalars: [-5, -3, -9, -4]))])
        #expect(try ints[0].tensor(of: Int8.self).scalars == [-3])
    }

    @Test("pooling attribute and shape errors are thrown, not trapped")
    func poolingErrors() throws {
        #expect(throws: ONNXError.self) { try ImageTestNode.build("MaxPool", attributes: [:]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("MaxPool", attributes: ["kernel_shape": .ints([2, 2]), "strides": .ints([0, 1])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("AveragePool", opset: 11, attributes: ["kernel_shape": .ints([2]), "dilations": .ints([2])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("MaxPool", attributes: ["kernel_shape": .ints([2]), "auto_pad": .string("SAME")]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("MaxPool", attributes: ["kernel_shape": .ints([1 << 40])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("LpPool", attributes: ["kernel_shape": .ints([2]), "p": .int(0)]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("AveragePool", attributes: ["kernel_shape": .ints([2])], outputs: 2) }
        let small = ImageTestNode.floats([1, 1, 2, 2], [1, 2, 3, 4])
        #expect(throws: ONNXError.self) { try ImageTestNode.run("MaxPool", attributes: ["kernel_shape": .ints([3, 3])], [small]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("MaxPool", attributes: ["kernel_shape": .ints([2])], [small]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("GlobalAveragePool", [ImageTestNode.floats([4], [1, 2, 3, 4])]) }
    }

    /// BatchNormalization-9 on [1, 2, 1, 2] with scale (1, 2), B (0, 1), mean (1, 2), var (4, 1), ε = 0:
    /// channel 0 → (x − 1)/2, channel 1 → 2(x − 2) + 1.
    @Test("BatchNormalization inference, opset 7 spatial = 0, training refused before opset 14")
    func batchNormalization() throws {
        let x = ImageTestNode.floats([1, 2, 1, 2], [3, 5, 2, 4])
        let p = { (a: Float, b: Float) in ImageTestNode.floats([2], [a, b]) }
        let y = try ImageTestNode.run("BatchNormalization", opset: 9, attributes: ["epsilon": .float(0)],
                                      [x, p(1, 2), p(0, 1), p(1, 2), p(4, 1)])
        #expect(ImageTestNode.values(y[0]) == [1, 2, 1, 5])
        // spatial = 0: statistics per (channel, position): mean (0, 1, 2, 3), var 1, scale 1, B 0 → x − mean.
        let q = { (v: [Float]) in ImageTestNode.floats([2, 1, 2], v) }
        let perElement = try ImageTestNode.run("BatchNormalization", opset: 7, attributes: ["epsilon": .float(0), "spatial": .int(0)],
                                               [x, q([1, 1, 1, 1]), q([0, 0, 0, 0]), q([0, 1, 2, 3]), q([1, 1, 1, 1])])
        #expect(ImageTestNode.values(perElement[0]) == [3, 4, 0, 1])
        #expect(throws: ONNXError.self) { try ImageTestNode.build("BatchNormalization", opset: 9, inputs: 5, outputs: 5) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("BatchNormalization", opset: 15, attributes: ["spatial": .int(1)], inputs: 5) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("BatchNormalization", opset: 15, [x, p(1, 2), p(0, 1), p(1, 2), ImageTestNode.floats([3], [1, 1, 1])]) }
    }

    /// InstanceNormalization on one plane (1, 2, 3, 4): mean 2.5, variance 1.25; with scale 2, B 1, ε 0:
    /// y = 2(x − 2.5)/√1.25 + 1.
    @Test("InstanceNormalization per plane")
    func instanceNormalization() throws {
        let x = ImageTestNode.floats([1, 1, 4], [1, 2, 3, 4])
        let y = try ImageTestNode.run("InstanceNormalization", opset: 6, attributes: ["epsilon": .float(0)],
                                      [x, ImageTestNode.floats([1], [2]), ImageTestNode.floats([1], [1])])
        let s = Float(1.25).squareRoot()
        #expect(ImageTestNode.mismatch(ImageTestNode.values(y[0]), [1, 2, 3, 4].map { 2 * ($0 - 2.5) / s + 1 }) == nil)
        let doubles = try ImageTestNode.run("InstanceNormalization", opset: 6, attributes: ["epsilon": .float(0)],
                                            [x.converted(to: .float64), AnyTensor(Tensor<Double>([2])), AnyTensor(Tensor<Double>([1]))])
        #expect(ImageTestNode.mismatch(ImageTestNode.values(doubles[0]), [1, 2, 3, 4].map { 2 * ($0 - 2.5) / s + 1 }) == nil)
    }
}
