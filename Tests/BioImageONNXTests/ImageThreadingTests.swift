@testable import BioImageONNX
import BioImageTensor
import Testing

/// Tensors large enough (≥ 2¹⁵ elements of work) that the kernels split across threads must give
/// bit-identical results on 1 and 3 threads (every split is over disjoint outputs).
@Suite("Image operators: multi-threaded runs equal single-threaded runs")
struct ImageThreadingTests {
    static let x = ImageTestNode.floats([2, 4, 66, 70], ImageTestNode.random(count: 2 * 4 * 66 * 70, seed: 21))
    static let channel = ImageTestNode.floats([4], [0.5, 1, 1.5, 2])

    static let cases: [(String, Int, [String: AttributeValue], [AnyTensor?])] = [
        ("Sigmoid", 13, [:], [x]),
        ("Tanh", 13, [:], [x]),
        ("Erf", 13, [:], [x]),
        ("Softmax", 13, ["axis": .int(1)], [x]),
        ("Softmax", 13, ["axis": .int(-1)], [x]),
        ("LogSoftmax", 11, ["axis": .int(2)], [x]),
        ("MaxPool", 12, ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])], [x]),
        ("MaxPool", 12, ["kernel_shape": .ints([3, 3]), "pads": .ints([1, 1, 1, 1])], [x]),
        ("AveragePool", 19, ["kernel_shape": .ints([3, 2]), "dilations": .ints([2, 1]), "ceil_mode": .int(1)], [x]),
        ("GlobalAveragePool", 1, [:], [x]),
        ("BatchNormalization", 15, [:], [x, channel, channel, channel, channel]),
        ("InstanceNormalization", 6, [:], [x, channel, channel]),
        ("PRelu", 16, [:], [x, ImageTestNode.floats([4, 1, 1], [0.1, 0.2, 0.3, 0.4])]),
        ("Clip", 13, [:], [x, ImageTestNode.floats([], [-1]), ImageTestNode.floats([], [1])]),
        ("Resize", 19, ["mode": .string("nearest")], [x, nil, ImageTestNode.floats([4], [1, 1, 2, 2])]),
        ("Resize", 19, ["mode": .string("linear")], [x, nil, ImageTestNode.floats([4], [1, 1, 1.5, 0.7])]),
        ("Resize", 19, ["mode": .string("cubic"), "antialias": .int(1)], [x, nil, ImageTestNode.floats([4], [1, 1, 0.5, 0.5])]),
        ("Pad", 19, ["mode": .string("reflect")], [x, ImageTestNode.int64s([0, 0, 3, 2, 0, 0, 1, 4])]),
    ]

    @Test("same result on 1 and 3 threads", arguments: 0..<cases.count)
    func threads(_ index: Int) throws {
        let (op, opset, attributes, inputs) = Self.cases[index]
        let one = try ImageTestNode.run(op, opset: opset, attributes: attributes, inputs, threads: 1)
        let three = try ImageTestNode.run(op, opset: opset, attributes: attributes, inputs, threads: 3)
        #expect(one == three, "\(op) \(attributes)")
    }
}
