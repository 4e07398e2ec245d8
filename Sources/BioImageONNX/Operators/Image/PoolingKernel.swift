import BioImageTensor
import Foundation

/// `MaxPool`, `AveragePool`, `LpPool` and their `Global…` forms over 1 to 3 spatial axes.
///
/// Windows start at `o·stride − pad_begin` and take `kernel` taps `dilation` apart; taps outside the
/// input are skipped. `AveragePool` divides by the taps inside the input, or with
/// `count_include_pad = 1` by the taps inside input + explicit padding. `MaxPool` skips NaN (as
/// onnxruntime) and can return the flat argmax `Indices` (row- or column-major per `storage_order`).
struct PoolingKernel: OperatorKernel {
    /// What a window reduces to.
    enum Mode: Sendable, Hashable {
        case max
        case average(countIncludePad: Bool)
        case lp(p: Int)
    }

    let site: ImageKernelSite
    let mode: Mode
    /// `nil` for the global pools (the window is the whole input).
    let attributes: PoolAttributes?
    let columnMajorIndices: Bool
    let wantsIndices: Bool

    init(node: OperatorNode) throws(ONNXError) {
        site = ImageKernelSite(node)
        var global = false
        switch node.opType {
        case "MaxPool":
            var known: Set<String> = ["kernel_shape", "strides", "pads", "auto_pad"]
            if node.opset >= 8 { known.formUnion(["storage_order"]) }
            if node.opset >= 10 { known.formUnion(["ceil_mode", "dilations"]) }
            try node.checkAttributes(known)
            mode = .max
        case "AveragePool":
            var known: Set<String> = ["kernel_shape", "strides", "pads", "auto_pad", "count_include_pad"]
            if node.opset >= 10 { known.insert("ceil_mode") }
            if node.opset >= 19 { known.insert("dilations") }
            try node.checkAttributes(known)
            mode = .average(countIncludePad: try node.int("count_include_pad", default: 0) != 0)
        case "LpPool":
            var known: Set<String> = ["kernel_shape", "strides", "pads", "auto_pad", "p"]
            if node.opset >= 18 { known.formUnion(["ceil_mode", "dilations"]) }
            try node.checkAttributes(known)
            mode = .lp(p: try node.int("p", default: 2))
        case "GlobalMaxPool": try node.checkAttributes([]); mode = .max; global = true
        case "GlobalAveragePool": try node.checkAttributes([]); mode = .average(countIncludePad: false); global = true
        case "GlobalLpPool": try node.checkAttributes(["p"]); mode = .lp(p: try node.int("p", default: 2)); global = true
        default: throw node.error(.unsupportedOperator, "'\(node.opType)' is not a pooling operator")
        }
        if case .lp(let p) = mode, p < 1 { throw node.error(.invalidAttribute, "p must be at least 1, got \(p)") }
        attributes = global ? nil : try PoolAttributes(node: node, allowsDilations: node.attributes["dilations"] != nil,
                                                       allowsCeilMode: node.attributes["ceil_mode"] != nil)
        let storageOrder = try node.int("storage_order", default: 0)
        guard storageOrder == 0 || storageOrder == 1 else {
            throw node.error(.invalidAttribute, "storage_order must be 0 or 1, got \(storageOrder)")
        }
        columnMajorIndices = storageOrder == 1
        wantsIndices = node.outputs.count > 1 && !node.outputs[1].isEmpty
        if wantsIndices && mode != .max { throw node.error(.invalidAttribute, "only MaxPool has an Indices output") }
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let x = try site.input(inputs, 0, "X")
        let shape = x.shape
        guard shape.count >= 3, shape.count <= 5 else {
            throw site.error(.shapeMismatch, "pooling needs an input of shape N × C × 1 to 3 spatial axes, got \(shape)")
        }
        let spatial = Array(shape[2...])
        let axes: [PoolAxis]
        if let attributes {
            axes = try attributes.geometry(input: spatial, site: site)
        } else {
            axes = spatial.map { PoolAxis(input: $0, output: 1, kernel: $0, stride: 1, dilation: 1, padBegin: 0, padEnd: 0) }
        }
        let lifted = [PoolAxis](repeating: .unit, count: 3 - axes.count) + axes
        let plan = PoolPlan(axes: lifted, planes: shape[0] * shape[1], threads: context.threads)
        let outShape = Array(shape[0..<2]) + axes.map(\.output)
        switch mode {
        case .max:
            if !wantsIndices, case .float32(let t) = x.storage, let fast = plan.maxPool2x2(t.scalars) {
                return [AnyTensor(try site.tensor(shape: outShape, scalars: fast))]
            }
            if !wantsIndices, case .float32(let t) = x.storage {
                return [AnyTensor(try site.tensor(shape: outShape, scalars: plan.maxFloat(t.scalars)))]
            }
            let operation = MaxOperation(plan: plan, columnMajor: columnMajorIndices, wantsIndices: wantsIndices, site: site, shape: outShape)
            let result = try x.applyNumeric(operation, site: site)
            return wantsIndices ? [result.values, result.indices] : [result.values]
        case .average(let countIncludePad):
            return [try floating(x, doublePath: { plan.average($0, countIncludePad: countIncludePad) },
                                 floatPath: { plan.average($0, countIncludePad: countIncludePad) }, shape: outShape)]
        case .lp(let p):
            return [try floating(x, doublePath: { plan.lp($0, p: p) }, floatPath: { plan.lp($0, p: p) }, shape: outShape)]
        }
    }

    /// Runs a floating-point-only pool in float32 (float16 widened) or float64.
    private func floating(_ x: AnyTensor, doublePath: ([Double]) -> [Double], floatPath: ([Float]) -> [Float],
                          shape: [Int]) throws(ONNXError) -> AnyTensor {
        switch x.dtype {
        case .float64: return AnyTensor(try site.tensor(shape: shape, scalars: doublePath(x.converted(to: Double.self).scalars)))
        case .float32, .float16:
            return AnyTensor(try site.tensor(shape: shape, scalars: floatPath(x.converted(to: Float.self).scalars))).converted(to: x.dtype)
        default: throw site.error(.unsupportedDType, "input dtype \(x.dtype) is not supported")
        }
    }

    /// Max pooling (and indices) for one dtype.
    private struct MaxOperation: ImageNumericOperation {
        let plan: PoolPlan
        let columnMajor: Bool
        let wantsIndices: Bool
        let site: ImageKernelSite
        let shape: [Int]
        func callAsFunction<T: TensorNumeric>(_ tensor: Tensor<T>) throws(ONNXError) -> (values: AnyTensor, indices: AnyTensor) {
            let (values, indices) = plan.max(tensor.scalars, columnMajor: columnMajor, indices: wantsIndices)
            let indexTensor = wantsIndices ? AnyTensor(try site.tensor(shape: shape, scalars: indices)) : AnyTensor(Tensor<Int64>([]))
            return (AnyTensor(try site.tensor(shape: shape, scalars: values)), indexTensor)
        }
    }
}
