import BioImageTensor

/// The element-wise unary math operators.
///
/// Numerics: `Sqrt`, `Floor`, `Ceil`, `Round` (half to even) and `Reciprocal` are correctly
/// rounded; `Exp` on float32 uses BioImageTensor's SIMD polynomial (≤ 2 ulp), `Log` and the other
/// dtypes the C library. `Abs`/`Neg` on integers wrap (`abs(Int8.min) == Int8.min`, as numpy).
enum UnaryMath: Sendable {
    case squareRoot, exp, log, absolute, negate, reciprocal, floor, ceil, round

    /// Whether the operator also takes integer inputs.
    var acceptsIntegers: Bool { self == .absolute || self == .negate }
}

/// A unary math node (no attributes).
struct UnaryMathKernel: OperatorKernel {
    let node: OperatorNode
    let operation: UnaryMath

    static func factory(_ operation: UnaryMath) -> KernelFactory {
        { node throws(ONNXError) in
            try node.checkAttributes([])
            return UnaryMathKernel(node: node, operation: operation)
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try node.inputTensor(inputs, 0, "X")
        if operation == .exp, case .float32(let t) = x.storage { return [AnyTensor(t.exp())] }
        return [try x.visitKind(UnaryMathVisitor(node: node, operation: operation, threads: context.threads))]
    }
}

private struct UnaryMathVisitor: TensorKindVisitor {
    let node: OperatorNode
    let operation: UnaryMath
    let threads: Int

    func floating<S: TensorFloatingPoint>(_ x: Tensor<S>) throws(ONNXError) -> AnyTensor {
        if let f = x as? Tensor<Float>, let result = try Float32Kernels.unary(f, operation, threads: threads, node: node) {
            return AnyTensor(result)
        }
        let result: Tensor<S>
        switch operation {
        case .squareRoot: result = try map(x) { $0.squareRoot() }
        case .exp: result = try map(x) { S.exp($0) }
        case .log: result = try map(x) { S.log($0) }
        case .absolute: result = try map(x) { $0.magnitude }
        case .negate: result = try map(x) { -$0 }
        case .reciprocal: result = try map(x) { 1 / $0 }
        case .floor: result = try map(x) { $0.rounded(.down) }
        case .ceil: result = try map(x) { $0.rounded(.up) }
        case .round: result = try map(x) { $0.rounded(.toNearestOrEven) }
        }
        return AnyTensor(result)
    }

    @inline(__always)
    private func map<S: TensorScalar>(_ x: Tensor<S>, _ body: (S) -> S) throws(ONNXError) -> Tensor<S> {
        try ElementwiseRows.unaryScalar(x, threads: threads, node: node, to: S.self, body)
    }

    func integer<S: TensorInteger>(_ x: Tensor<S>) throws(ONNXError) -> AnyTensor {
        switch operation {
        case .absolute: return AnyTensor(try map(x) { $0 < 0 ? 0 &- $0 : $0 })
        case .negate: return AnyTensor(try map(x) { 0 &- $0 })
        default:
            throw node.error(.unsupportedDType, "\(S.dtype) inputs are not supported")
        }
    }
}
