@testable import BioImageONNX
import BioImageTensor
import Testing

/// Random, often invalid, attributes and inputs for every image operator: each run must either
/// succeed or throw an `ONNXError` — never trap. (A trap fails the whole test process.)
@Suite("Image operators: hostile attributes and inputs")
struct ImageRobustnessTests {
    static let operators = [
        "Relu", "LeakyRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid", "Tanh", "Erf", "Softmax", "LogSoftmax", "Clip", "PRelu",
        "MaxPool", "AveragePool", "LpPool", "GlobalMaxPool", "GlobalAveragePool", "BatchNormalization", "InstanceNormalization",
        "Resize", "Upsample", "Pad",
    ]

    /// A small deterministic generator (64-bit LCG).
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
        mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
    }

    static func attributes(_ random: inout Random) -> [String: AttributeValue] {
        let names = ["kernel_shape", "strides", "pads", "dilations", "auto_pad", "ceil_mode", "count_include_pad", "storage_order",
                     "axis", "alpha", "beta", "mode", "scales", "value", "min", "max", "epsilon", "spatial", "training_mode",
                     "coordinate_transformation_mode", "nearest_mode", "antialias", "axes", "keep_aspect_ratio_policy",
                     "exclude_outside", "cubic_coeff_a", "extrapolation_value", "p"]
        var result: [String: AttributeValue] = [:]
        for _ in 0..<random.next(5) {
            let name = random.pick(names)
            let ints = (0..<random.next(7)).map { _ in random.pick([-1 << 40, -3, -1, 0, 1, 2, 3, 5, 1 << 40]) }
            result[name] = random.pick([
                .int(random.pick([-5, -1, 0, 1, 2, 1 << 50])), .ints(ints), .float(random.pick([-1, 0, 0.5, 2, .nan, .infinity])),
                .floats(ints.map { Float($0) }), .string(random.pick(["", "nearest", "linear", "cubic", "SAME_UPPER", "VALID",
                                                                        "reflect", "wrap", "edge", "tf_crop_and_resize", "bogus"])),
            ])
        }
        return result
    }

    static func tensor(_ random: inout Random) -> AnyTensor? {
        if random.next(8) == 0 { return nil }
        let rank = random.next(6)
        let shape = (0..<rank).map { _ in random.pick([0, 1, 1, 2, 3, 4]) }
        let count = shape.reduce(1, *)
        let values = (0..<count).map { _ in Float(random.pick([-2, -1, 0, 0.5, 1, 3, 1e30, -.infinity, .nan])) }
        guard let floats = try? Tensor(shape: shape, scalars: values) else { return nil }
        switch random.next(6) {
        case 0: return AnyTensor(floats).converted(to: .int64)
        case 1: return AnyTensor(floats).converted(to: .float64)
        case 2: return AnyTensor(floats).converted(to: .uint8)
        default: return AnyTensor(floats)
        }
    }

    /// Inputs shaped like the operator expects (right counts and dtypes), with hostile values.
    static func structuredInputs(_ opType: String, _ x: AnyTensor, _ random: inout Random) -> [AnyTensor?] {
        let rank = x.shape.count
        let hostile: [Int64] = [-5, -1, 0, 1, 2, 3, 7, 1 << 40, .max, .min]
        let floats: [Float] = [-1, 0, 0.3, 0.5, 1, 1.5, 2, 1e-30, 1e30, .nan, .infinity]
        func ints(_ n: Int) -> AnyTensor { AnyTensor(Tensor<Int64>((0..<n).map { _ in random.pick(hostile) })) }
        func reals(_ n: Int) -> AnyTensor { AnyTensor(Tensor<Float>((0..<n).map { _ in random.pick(floats) })) }
        let n = random.pick([rank, rank, 2 * rank, 1, 0])
        switch opType {
        case "Pad":
            return [x, ints(2 * n), random.next(2) == 0 ? nil : reals(1), random.next(2) == 0 ? nil : ints(n)]
        case "Resize":
            return [x, random.next(2) == 0 ? nil : reals(2 * n), random.next(2) == 0 ? nil : reals(n), random.next(2) == 0 ? nil : ints(n)]
        case "Upsample":
            return [x, reals(n)]
        case "BatchNormalization", "InstanceNormalization":
            let channels = rank > 1 ? x.shape[1] : 1
            return [x] + (0..<4).map { _ in reals(random.pick([channels, channels, 0, 3])) }
        case "PRelu":
            return [x, reals(random.pick([1, rank > 0 ? x.shape[rank - 1] : 1, 2]))]
        default:
            return [x, reals(1), reals(1)]
        }
    }

    @Test("random nodes succeed or throw", arguments: operators)
    func hostile(_ opType: String) {
        var random = Random(state: opType.unicodeScalars.reduce(UInt64(17)) { $0 &* 31 &+ UInt64($1.value) })
        var built = 0
        for _ in 0..<600 {
            let opset = random.pick([7, 9, 10, 11, 13, 14, 18, 19, 22])
            let inputCount = random.next(5) + 1
            var attributes = Self.attributes(&random)
            if opType.hasSuffix("Pool") && !opType.hasPrefix("Global") && random.next(4) != 0 {
                attributes["kernel_shape"] = .ints((0..<random.next(4)).map { _ in random.pick([1, 2, 3]) })
            }
            let node = OperatorNode(name: "fuzz", opType: opType, inputs: (0..<inputCount).map { "i\($0)" },
                                    outputs: (0..<(random.next(3) + 1)).map { "o\($0)" }, opset: opset, attributes: attributes)
            guard let kernel = try? OperatorRegistry.kernel(for: node) else { continue }
            built += 1
            var inputs = (0..<inputCount).map { _ in Self.tensor(&random) }
            if random.next(2) == 0, let x = inputs.first ?? nil {
                inputs = Self.structuredInputs(opType, x, &random)
            }
            _ = try? kernel.run(inputs, context: KernelContext(threads: 2))
        }
        #expect(built > 0, "no \(opType) node was built")
    }
}
