import BioImageTensor
import Foundation

/// `Cast` (`to` attribute) and `CastLike` (the second input's dtype), with numpy `astype`
/// semantics: float → integer truncates toward zero, anything → bool is `x != 0`, float → float
/// rounds to nearest even. `saturate` (opset ≥ 19) only concerns float8 types, which are not
/// supported, so it is accepted and ignored.
///
/// bfloat16 values are held as float32 by this runtime (as the model reader decodes them), so a cast
/// to bfloat16 gives float32 elements rounded to bfloat16 precision (nearest, ties to even; NaN kept).
struct CastKernel: OperatorKernel {
    let node: OperatorNode
    let target: DType?
    var roundsToBFloat16 = false

    static let castFactory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(node.opset >= 19 ? ["to", "saturate", "round_mode"] : ["to"])
        let code = try node.int("to")
        guard let dtype = ONNXDataType(rawValue: code).dtype else {
            throw node.error(.unsupportedDType, "cannot cast to ONNX data type \(code)")
        }
        return CastKernel(node: node, target: dtype, roundsToBFloat16: code == ONNXDataType.bfloat16.rawValue)
    }

    static let castLikeFactory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(node.opset >= 19 ? ["saturate", "round_mode"] : [])
        return CastKernel(node: node, target: nil)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let input = try node.inputTensor(inputs, 0, "input")
        var dtype = input.dtype
        if let target { dtype = target } else { dtype = try node.inputTensor(inputs, 1, "target_type").dtype }
        if roundsToBFloat16 {
            let widened = input.converted(to: Float.self)
            return [AnyTensor(try ElementwiseRows.unaryScalar(widened, threads: context.threads, node: node, to: Float.self) { x in
                guard !x.isNaN else { return x }
                let bits = x.bitPattern
                return Float(bitPattern: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) & 0xFFFF_0000)
            })]
        }
        if input.dtype == dtype { return [input] }
        if let fast = try fastCast(input, to: dtype, threads: context.threads) { return [fast] }
        return [input.converted(to: dtype)]
    }

    /// Concrete loops for the casts models use most (float32 to and from float16, int32, int64 and
    /// bool), with the same results as `converted(to:)`; `nil` for other pairs. Out-of-range and NaN
    /// floats take the general conversion element by element.
    private func fastCast(_ input: AnyTensor, to dtype: DType, threads: Int) throws(ONNXError) -> AnyTensor? {
        switch (input.storage, dtype) {
        case (.float32(let t), .int32):
            return AnyTensor(try ElementwiseRows.unaryScalar(t, threads: threads, node: node, to: Int32.self) { x in
                x > -2_147_483_648 && x < 2_147_483_648 ? Int32(x) : Int32(converting: x.scalarValue)
            })
        case (.float32(let t), .int64):
            return AnyTensor(try ElementwiseRows.unaryScalar(t, threads: threads, node: node, to: Int64.self) { x in
                x >= -9_223_372_036_854_775_808 && x < 9_223_372_036_854_775_808 ? Int64(x) : Int64(converting: x.scalarValue)
            })
        case (.int32(let t), .float32):
            return AnyTensor(try ElementwiseRows.unaryScalar(t, threads: threads, node: node, to: Float.self) { Float($0) })
        case (.int64(let t), .float32):
            return AnyTensor(try ElementwiseRows.unaryScalar(t, threads: threads, node: node, to: Float.self) { Float($0) })
        case (.bool(let t), .float32):
            return AnyTensor(try ElementwiseRows.unaryScalar(t, threads: threads, node: node, to: Float.self) { $0 ? 1 : 0 })
        case (.float32(let t), .bool):
            return AnyTensor(try ElementwiseRows.unaryScalar(t, threads: threads, node: node, to: Bool.self) { $0 != 0 })
        #if !(os(macOS) && arch(x86_64))
        case (.float32(let t), .float16):
            return AnyTensor(try ElementwiseRows.unaryScalar(t, threads: threads, node: node, to: Float16.self) { Float16($0) })
        case (.float16(let t), .float32):
            return AnyTensor(try ElementwiseRows.unaryScalar(t, threads: threads, node: node, to: Float.self) { Float($0) })
        #endif
        default:
            return nil
        }
    }
}

/// `Constant`: the value of one of the attributes `value`, `value_float(s)`, `value_int(s)`.
struct ConstantKernel: OperatorKernel {
    let value: AnyTensor

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(["value", "value_float", "value_floats", "value_int", "value_ints"])
        guard node.attributes.count == 1, let (key, attribute) = node.attributes.first else {
            throw node.error(.invalidAttribute, "needs exactly one value attribute, got \(node.attributes.keys.sorted())")
        }
        let value: AnyTensor
        switch (key, attribute) {
        case ("value", .tensor(let tensor)): value = tensor
        case ("value_float", .float(let float)): value = AnyTensor(Tensor<Float>(float))
        case ("value_floats", .floats(let floats)): value = AnyTensor(Tensor<Float>(floats))
        case ("value_int", .int(let int)): value = AnyTensor(Tensor<Int64>(Int64(int)))
        case ("value_ints", .ints(let ints)): value = AnyTensor(Tensor<Int64>(ints.map { Int64($0) }))
        default: throw node.error(.invalidAttribute, "attribute '\(key)' has the wrong type")
        }
        return ConstantKernel(value: value)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] { [value] }
}

/// `ConstantOfShape`: a tensor of the given shape filled with the one-element `value` attribute
/// (float32 zero by default).
struct ConstantOfShapeKernel: OperatorKernel {
    let node: OperatorNode
    let value: AnyTensor

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(["value"])
        let value = try node.tensor("value") ?? AnyTensor(Tensor<Float>(0))
        guard value.count == 1 else {
            throw node.error(.invalidAttribute, "value must hold one element, got shape \(value.shape)")
        }
        return ConstantOfShapeKernel(node: node, value: value)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let shape = try node.integerValues(try node.inputTensor(inputs, 0, "input"), "shape")
        _ = try TensorOps.count(shape, node: node)
        return [try value.visitScalars(FillVisitor(node: node, shape: shape))]
    }
}

private struct FillVisitor: TensorScalarVisitor {
    let node: OperatorNode
    let shape: [Int]

    func visit<S: TensorScalar>(_ tensor: Tensor<S>) throws(ONNXError) -> AnyTensor {
        guard let element = tensor.scalars.first else { throw node.error(.invalidAttribute, "value is empty") }
        do { return AnyTensor(try Tensor<S>(repeating: element, shape: shape)) } catch { throw error.onnxError(for: node) }
    }
}

/// `Range(start, limit, delta)`: `max(ceil((limit − start) / delta), 0)` elements `start + i·delta`
/// of the inputs' dtype (integers computed exactly, floating point in `Double`).
struct RangeKernel: OperatorKernel {
    let node: OperatorNode

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes([])
        return RangeKernel(node: node)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let start = try node.inputTensor(inputs, 0, "start"), limit = try node.inputTensor(inputs, 1, "limit")
        let delta = try node.inputTensor(inputs, 2, "delta")
        let dtype = start.dtype
        guard limit.dtype == dtype, delta.dtype == dtype, dtype != .bool else {
            throw node.error(.unsupportedDType, "start, limit and delta must share a numeric dtype (\(start.dtype), \(limit.dtype), \(delta.dtype))")
        }
        if dtype.isInteger {
            let s = try integer(start, "start"), l = try integer(limit, "limit"), d = try integer(delta, "delta")
            guard d != 0 else { throw node.error(.invalidInput, "delta must not be 0") }
            let span = l.subtractingReportingOverflow(s)
            guard !span.overflow else { throw node.error(.limitExceeded, "range \(s)..<\(l) is too long") }
            // ceil(span / d) without overflow: truncate, then step up when the remainder has d's sign.
            let quotient = span.partialValue.dividedReportingOverflow(by: d)
            guard !quotient.overflow else { throw node.error(.limitExceeded, "range \(s)..<\(l) is too long") }
            let remainder = span.partialValue.remainderReportingOverflow(dividingBy: d).partialValue
            let n = max(0, quotient.partialValue + (remainder != 0 && (remainder > 0) == (d > 0) ? 1 : 0))
            _ = try TensorOps.count([Int(n)], node: node)
            let values = (0..<n).map { s &+ $0 &* d }
            return [AnyTensor(Tensor<Int64>(values)).converted(to: dtype)]
        }
        let s = try node.scalarValue(start, "start"), l = try node.scalarValue(limit, "limit"), d = try node.scalarValue(delta, "delta")
        guard d != 0, s.isFinite, l.isFinite, d.isFinite else {
            throw node.error(.invalidInput, "start, limit and delta must be finite and delta not 0")
        }
        let exact = ((l - s) / d).rounded(.up)
        guard exact < Double(Int32.max) else { throw node.error(.limitExceeded, "range has \(exact) elements") }
        let n = exact > 0 ? Int(exact) : 0
        let values = (0..<n).map { s + Double($0) * d }
        return [AnyTensor(Tensor<Double>(values)).converted(to: dtype)]
    }

    private func integer(_ tensor: AnyTensor, _ what: String) throws(ONNXError) -> Int64 {
        guard tensor.count == 1 else { throw node.error(.invalidInput, "\(what) must hold one element, got shape \(tensor.shape)") }
        return tensor.converted(to: Int64.self).scalars[0]
    }
}
