import BioImageTensor

/// The comparison operators (`Equal`, `Less`, `Greater`, `LessOrEqual`, `GreaterOrEqual`):
/// broadcasting, a `bool` result, any comparison with NaN false (`Equal` included).
enum Comparison: Sendable {
    case equal, less, greater, lessOrEqual, greaterOrEqual
}

/// A comparison node: two inputs of one dtype, broadcast, giving `bool`.
struct ComparisonKernel: OperatorKernel {
    let node: OperatorNode
    let comparison: Comparison

    static func factory(_ comparison: Comparison) -> KernelFactory {
        { node throws(ONNXError) in
            try node.checkAttributes([])
            return ComparisonKernel(node: node, comparison: comparison)
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let a = try node.inputTensor(inputs, 0, "A"), b = try node.inputTensor(inputs, 1, "B")
        guard a.dtype == b.dtype else {
            throw node.error(.unsupportedDType, "inputs have different dtypes (\(a.dtype) and \(b.dtype))")
        }
        let plan = try BroadcastPlan(a.shape, b.shape, node: node)
        return [try a.visitKind(ComparisonVisitor(node: node, other: b, comparison: comparison, plan: plan, threads: context.threads))]
    }
}

private struct ComparisonVisitor: TensorKindVisitor {
    let node: OperatorNode
    let other: AnyTensor
    let comparison: Comparison
    let plan: BroadcastPlan
    let threads: Int

    func compare<S: TensorNumeric>(_ a: Tensor<S>) throws(ONNXError) -> AnyTensor {
        let b: Tensor<S>
        do { b = try other.tensor(of: S.self) } catch { throw error.onnxError(for: node) }
        return AnyTensor(try ElementwiseRows.map(a, b, plan: plan, threads: threads, node: node, to: Bool.self) { pa, sa, pb, sb, o, n in
            switch comparison {
            case .equal: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 == $1 }
            case .less: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 < $1 }
            case .greater: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 > $1 }
            case .lessOrEqual: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 <= $1 }
            case .greaterOrEqual: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 >= $1 }
            }
        })
    }

    func floating<S: TensorFloatingPoint>(_ a: Tensor<S>) throws(ONNXError) -> AnyTensor { try compare(a) }
    func integer<S: TensorInteger>(_ a: Tensor<S>) throws(ONNXError) -> AnyTensor { try compare(a) }

    func boolean(_ a: Tensor<Bool>) throws(ONNXError) -> AnyTensor {
        // Bool compares as 0 < 1, as numpy does.
        let b: Tensor<Bool>
        do { b = try other.tensor(of: Bool.self) } catch { throw error.onnxError(for: node) }
        return AnyTensor(try ElementwiseRows.map(a, b, plan: plan, threads: threads, node: node, to: Bool.self) { pa, sa, pb, sb, o, n in
            switch comparison {
            case .equal: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 == $1 }
            case .less: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { !$0 && $1 }
            case .greater: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 && !$1 }
            case .lessOrEqual: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { !$0 || $1 }
            case .greaterOrEqual: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 || !$1 }
            }
        })
    }
}

/// The boolean operators `And`, `Or`, `Xor` (broadcasting) and `Not`.
enum BooleanLogic: Sendable {
    case and, or, xor, not
}

/// A boolean logic node: `bool` inputs (two, broadcast, or one for `Not`).
struct BooleanLogicKernel: OperatorKernel {
    let node: OperatorNode
    let operation: BooleanLogic

    static func factory(_ operation: BooleanLogic) -> KernelFactory {
        { node throws(ONNXError) in
            try node.checkAttributes([])
            return BooleanLogicKernel(node: node, operation: operation)
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let a = try boolInput(inputs, 0)
        if operation == .not {
            return [AnyTensor(try ElementwiseRows.unaryScalar(a, threads: context.threads, node: node, to: Bool.self) { !$0 })]
        }
        let b = try boolInput(inputs, 1)
        let plan = try BroadcastPlan(a.shape, b.shape, node: node)
        let operation = self.operation
        return [AnyTensor(try ElementwiseRows.map(a, b, plan: plan, threads: context.threads, node: node, to: Bool.self) { pa, sa, pb, sb, o, n in
            switch operation {
            case .and: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 && $1 }
            case .or: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 || $1 }
            case .xor, .not: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0 != $1 }
            }
        })]
    }

    private func boolInput(_ inputs: [AnyTensor?], _ index: Int) throws(ONNXError) -> Tensor<Bool> {
        let value = try node.inputTensor(inputs, index, index == 0 ? "A" : "B")
        guard case .bool(let t) = value.storage else {
            throw node.error(.unsupportedDType, "input \(index) must be bool, got \(value.dtype)")
        }
        return t
    }
}

/// `Where(condition, X, Y)`: X where the condition holds, else Y, all three broadcast.
struct WhereKernel: OperatorKernel {
    let node: OperatorNode

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes([])
        return WhereKernel(node: node)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let condition = try node.inputTensor(inputs, 0, "condition")
        let x = try node.inputTensor(inputs, 1, "X"), y = try node.inputTensor(inputs, 2, "Y")
        guard case .bool(let mask) = condition.storage else {
            throw node.error(.unsupportedDType, "condition must be bool, got \(condition.dtype)")
        }
        guard x.dtype == y.dtype else {
            throw node.error(.unsupportedDType, "X and Y have different dtypes (\(x.dtype) and \(y.dtype))")
        }
        return [try x.visitScalars(WhereVisitor(node: node, mask: mask, other: y))]
    }
}

private struct WhereVisitor: TensorScalarVisitor {
    let node: OperatorNode
    let mask: Tensor<Bool>
    let other: AnyTensor

    func visit<S: TensorScalar>(_ x: Tensor<S>) throws(ONNXError) -> AnyTensor {
        do {
            return AnyTensor(try Tensor<S>.select(mask, x, try other.tensor(of: S.self)))
        } catch {
            throw error.onnxError(for: node)
        }
    }
}
