import BioImageTensor
import Foundation

/// The broadcasting binary arithmetic of `Add`, `Sub`, `Mul`, `Div`, `Pow`, `Min`, `Max` (and the
/// folds of `Sum`/`Mean`).
///
/// Numerics: floating-point results are IEEE 754 in the operands' type; `Min`/`Max` propagate NaN.
/// Integer `Add`/`Sub`/`Mul` wrap, integer `Div` truncates toward zero (as C and the ONNX
/// reference; division by zero gives the dividend rather than trapping), integer `Pow` multiplies
/// with wrap-around (a negative exponent gives 0 unless the base is ±1).
enum BinaryArithmetic: Sendable {
    case add, subtract, multiply, divide, power, minimum, maximum

    /// Computes `a op b` with numpy broadcasting on `threads` threads.
    func apply(_ a: AnyTensor, _ b: AnyTensor, node: OperatorNode, threads: Int) throws(ONNXError) -> AnyTensor {
        let plan = try BroadcastPlan(a.shape, b.shape, node: node)
        if a.dtype != b.dtype {
            guard self == .power else {
                throw node.error(.unsupportedDType, "inputs have different dtypes (\(a.dtype) and \(b.dtype))")
            }
            return try MixedPower.apply(a, b, plan: plan, node: node, threads: threads)
        }
        return try a.visitKind(BinaryArithmeticVisitor(node: node, other: b, operation: self, plan: plan, threads: threads))
    }
}

private struct BinaryArithmeticVisitor: TensorKindVisitor {
    let node: OperatorNode
    let other: AnyTensor
    let operation: BinaryArithmetic
    let plan: BroadcastPlan
    let threads: Int

    func floating<S: TensorFloatingPoint>(_ a: Tensor<S>) throws(ONNXError) -> AnyTensor {
        let b: Tensor<S>
        do { b = try other.tensor(of: S.self) } catch { throw error.onnxError(for: node) }
        if operation == .minimum || operation == .maximum, let af = a as? Tensor<Float>, let bf = b as? Tensor<Float> {
            return AnyTensor(try Float32Kernels.extremum(af, bf, isMax: operation == .maximum, plan: plan, threads: threads, node: node))
        }
        if operation == .power, b.count == 1, b.scalars[0] == 2 {
            return AnyTensor(try ElementwiseRows.map(a, b, plan: plan, threads: threads, node: node, to: S.self) { pa, sa, pb, sb, o, n in
                ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { x, _ in x * x }, vector: { x, _ in x * x })
            })
        }
        return AnyTensor(try ElementwiseRows.map(a, b, plan: plan, threads: threads, node: node, to: S.self) { pa, sa, pb, sb, o, n in
            switch operation {
            case .add: ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { $0 + $1 }, vector: { $0 + $1 })
            case .subtract: ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { $0 - $1 }, vector: { $0 - $1 })
            case .multiply: ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { $0 * $1 }, vector: { $0 * $1 })
            case .divide: ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { $0 / $1 }, vector: { $0 / $1 })
            case .minimum:
                ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { x, y in x.isNaN || y.isNaN ? x + y : (y < x ? y : x) }
            case .maximum:
                ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { x, y in x.isNaN || y.isNaN ? x + y : (y > x ? y : x) }
            case .power:
                ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { S.pow($0, $1) }
            }
        })
    }

    func integer<S: TensorInteger>(_ a: Tensor<S>) throws(ONNXError) -> AnyTensor {
        let b: Tensor<S>
        do { b = try other.tensor(of: S.self) } catch { throw error.onnxError(for: node) }
        return AnyTensor(try ElementwiseRows.map(a, b, plan: plan, threads: threads, node: node, to: S.self) { pa, sa, pb, sb, o, n in
            switch operation {
            case .add: ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { $0 &+ $1 }, vector: { $0 &+ $1 })
            case .subtract: ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { $0 &- $1 }, vector: { $0 &- $1 })
            case .multiply: ElementwiseRows.binary(pa, sa, pb, sb, o, n, scalar: { $0 &* $1 }, vector: { $0 &* $1 })
            case .divide: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { $0.dividedReportingOverflow(by: $1).partialValue }
            case .minimum: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { Swift.min($0, $1) }
            case .maximum: ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { Swift.max($0, $1) }
            case .power:
                ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { IntegerPower.power($0, $1) }
            }
        })
    }
}

/// Integer powers with wrap-around, as numpy's `power` on integers.
enum IntegerPower {
    /// `base` raised to `exponent` by repeated squaring, wrapping on overflow; a negative exponent
    /// gives 0 unless the base is ±1 (numpy raises there; ONNX leaves it undefined).
    @inline(__always)
    static func power<T: FixedWidthInteger, E: FixedWidthInteger>(_ base: T, _ exponent: E) -> T {
        if exponent < 0 {
            if base == 1 { return 1 }
            if T.isSigned, base == 0 &- 1 { return exponent & 1 == 0 ? 1 : base }
            return 0
        }
        var result: T = 1, square = base, e = exponent
        while e != 0 {
            if e & 1 == 1 { result = result &* square }
            square = square &* square
            e >>= 1
        }
        return result
    }
}

/// `Pow` with a base and an exponent of different dtypes (opset ≥ 12): the result has the base's
/// dtype and is computed in `Double` then converted (numpy `power(a, b).astype(a.dtype)`: a float
/// result converted to an integer base type truncates toward zero), or with integer powers when
/// both are integers.
enum MixedPower {
    static func apply(_ a: AnyTensor, _ b: AnyTensor, plan: BroadcastPlan, node: OperatorNode, threads: Int) throws(ONNXError) -> AnyTensor {
        guard a.dtype != .bool, b.dtype != .bool else { throw node.error(.unsupportedDType, "Pow does not take bool inputs") }
        if a.dtype.isInteger && b.dtype.isInteger {
            let base = a.converted(to: Int64.self), exponent = b.converted(to: Int64.self)
            let result = try ElementwiseRows.map(base, exponent, plan: plan, threads: threads, node: node, to: Int64.self) { pa, sa, pb, sb, o, n in
                ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { IntegerPower.power($0, $1) }
            }
            return AnyTensor(result).converted(to: a.dtype)
        }
        let base = a.converted(to: Double.self), exponent = b.converted(to: Double.self)
        let result = try ElementwiseRows.map(base, exponent, plan: plan, threads: threads, node: node, to: Double.self) { pa, sa, pb, sb, o, n in
            ElementwiseRows.binaryScalar(pa, sa, pb, sb, o, n) { Foundation.pow($0, $1) }
        }
        return AnyTensor(result).converted(to: a.dtype)
    }
}

/// `Add`, `Sub`, `Mul`, `Div`, `Pow`: two inputs, numpy broadcasting.
struct BinaryArithmeticKernel: OperatorKernel {
    let node: OperatorNode
    let operation: BinaryArithmetic

    static func factory(_ operation: BinaryArithmetic) -> KernelFactory {
        { node throws(ONNXError) in
            // Opsets before 7 had `broadcast`/`axis` attributes; since 7 broadcasting is implicit.
            try node.checkAttributes([])
            return BinaryArithmeticKernel(node: node, operation: operation)
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let a = try node.inputTensor(inputs, 0, "A"), b = try node.inputTensor(inputs, 1, "B")
        return [try operation.apply(a, b, node: node, threads: context.threads)]
    }
}

/// `Sum`, `Mean`, `Min`, `Max`: one or more inputs folded left to right with broadcasting.
struct VariadicArithmeticKernel: OperatorKernel {
    let node: OperatorNode
    let operation: BinaryArithmetic
    let isMean: Bool

    static func factory(_ operation: BinaryArithmetic, mean: Bool = false) -> KernelFactory {
        { node throws(ONNXError) in
            try node.checkAttributes([])
            return VariadicArithmeticKernel(node: node, operation: operation, isMean: mean)
        }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let values = inputs.compactMap { $0 }
        guard var result = values.first else { throw node.error(.invalidInput, "needs at least one input") }
        for value in values.dropFirst() {
            result = try operation.apply(result, value, node: node, threads: context.threads)
        }
        if isMean && values.count > 1 {
            guard result.dtype.isFloatingPoint else {
                throw node.error(.unsupportedDType, "Mean takes floating-point inputs, got \(result.dtype)")
            }
            let divisor = AnyTensor(Tensor<Double>(Double(values.count))).converted(to: result.dtype)
            result = try BinaryArithmetic.divide.apply(result, divisor, node: node, threads: context.threads)
        }
        return [result]
    }
}
