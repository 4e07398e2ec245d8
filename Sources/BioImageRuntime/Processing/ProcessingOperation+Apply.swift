import BioImageTensor
import Foundation

extension ProcessingOperation {
    /// Applies the step to `tensor` (any axis order), reading its statistics from `statistics`.
    ///
    /// Output types follow bioimageio.core (numpy 2 promotion): a scalar parameter takes the
    /// tensor's float type (integers give float64); float64 parameters and float64 statistics give
    /// float64; float32 sample statistics of a float32 tensor keep float32.
    /// - Throws: ``RuntimeError`` naming `id` and the axis when a parameter does not fit the tensor
    ///   or a statistic is missing.
    func apply(to tensor: LabeledTensor, statistics: MeasureValues, id: String) throws(RuntimeError) -> LabeledTensor {
        switch self {
        case .ensureDtype(let dtype):
            return try tensor.replacingData(tensor.tensor.converted(to: dtype))
        case .binarize(let threshold):
            return try Self.binarize(tensor, threshold, id: id)
        case .clip(let lower, let upper):
            return try Self.clip(tensor, lower: lower, upper: upper, statistics: statistics, id: id)
        case .scaleLinear(let gain, let offset):
            let (gainGrid, gains) = gain.grid, (offsetGrid, offsets) = offset.grid
            let type: DType? = gain.axis == nil && offset.axis == nil ? nil : .float64
            return try Self.arithmetic(.affine, tensor, parameters: [Self.unit(0), Self.unit(1), (gainGrid, gains), (offsetGrid, offsets)],
                                       parameterType: type, id: id)
        case .fixedZeroMeanUnitVariance(let mean, let std):
            let (meanGrid, means) = mean.grid, (stdGrid, stds) = std.grid
            return try Self.arithmetic(.normalize, tensor, parameters: [(meanGrid, means), (stdGrid, stds.map { $0 + 1e-6 }), Self.unit(1), Self.unit(0)],
                                       parameterType: .float64, id: id)
        case .zeroMeanUnitVariance(let meanMeasure, let stdMeasure, let eps):
            let mean = try statistics.require(meanMeasure), std = try statistics.require(stdMeasure)
            let type = Self.wider(mean.dtype, std.dtype)
            return try Self.arithmetic(.normalize, tensor, parameters: [Self.grid(mean), Self.grid(std, adding: eps, in: type), Self.unit(1), Self.unit(0)],
                                       parameterType: type, id: id)
        case .scaleRange(let lowerMeasure, let upperMeasure, let eps):
            let lower = try statistics.require(lowerMeasure)
            let upper = try statistics.require(upperMeasure).aligned(to: lower.axes)
            guard upper.shape == lower.shape else {
                throw RuntimeError(.axisMismatch, "the percentiles over \(lower.axes) have shapes \(lower.shape) and \(upper.shape)", tensor: id)
            }
            let type = Self.wider(lower.dtype, upper.dtype)
            let spans = zip(upper.values, lower.values).map { Self.add(Self.add($0, -$1, in: type), eps, in: type) }
            return try Self.arithmetic(.normalize, tensor, parameters: [Self.grid(lower), (BroadcastPlan.Grid(axes: lower.axes, shape: lower.shape), spans), Self.unit(1), Self.unit(0)],
                                       parameterType: type, id: id)
        case .scaleMeanVariance(let meanMeasure, let stdMeasure, let referenceMeanMeasure, let referenceStdMeasure, let eps):
            let mean = try statistics.require(meanMeasure), std = try statistics.require(stdMeasure)
            let referenceMean = try statistics.require(referenceMeanMeasure), referenceStd = try statistics.require(referenceStdMeasure)
            let type = Self.wider(Self.wider(mean.dtype, std.dtype), Self.wider(referenceMean.dtype, referenceStd.dtype))
            return try Self.arithmetic(.normalizeRescale, tensor,
                                       parameters: [Self.grid(mean), Self.grid(std, adding: eps, in: type), Self.grid(referenceStd, adding: eps, in: type), Self.grid(referenceMean)],
                                       parameterType: type, id: id)
        case .sigmoid:
            switch tensor.tensor.storage {
            case .float32(let t): return try tensor.replacingData(AnyTensor(t.sigmoid()))
            case .float64(let t): return try tensor.replacingData(AnyTensor(t.sigmoid()))
            case .float16, .bool:
                return try tensor.replacingData(AnyTensor(tensor.tensor.converted(to: Float.self).sigmoid()))
            default:
                return try Self.integerSigmoid(tensor)
            }
        case .softmax(let axis):
            guard let index = tensor.index(of: axis) else {
                throw RuntimeError(.axisMismatch, "softmax along axis '\(axis)', which the tensor \(tensor.axes) does not have", tensor: id, axis: axis)
            }
            let result: AnyTensor
            switch tensor.tensor.storage {
            case .float32(let t): result = AnyTensor(try wrap(tensor: id, axis: axis) { () throws(TensorError) in try t.softmax(alongAxis: index) })
            default:
                let t = tensor.tensor.converted(to: Double.self)
                result = AnyTensor(try wrap(tensor: id, axis: axis) { () throws(TensorError) in try t.softmax(alongAxis: index) })
            }
            return try tensor.replacingData(result)
        }
    }

    // MARK: - Types

    /// numpy 2 promotion of a tensor of type `x` with a parameter of type `parameter` (`nil`: a
    /// Python float, which adopts the tensor's float type).
    static func resultType(_ x: DType, _ parameter: DType?) -> DType {
        let small: Set<DType> = [.bool, .int8, .uint8, .int16, .uint16, .float16, .float32]
        guard let parameter else { return x == .float32 || x == .float16 ? .float32 : .float64 }
        if parameter == x && !x.isFloatingPoint { return x }
        switch parameter {
        case .float32, .float16: return small.contains(x) ? .float32 : .float64
        default: return .float64
        }
    }

    /// The wider of two float parameter types.
    static func wider(_ a: DType, _ b: DType) -> DType { a == .float32 && b == .float32 ? .float32 : .float64 }

    /// `a + b` rounded as the reference computes it in `type`.
    static func add(_ a: Double, _ b: Double, in type: DType) -> Double {
        type == .float32 ? Double(Float(a) + Float(b)) : a + b
    }

    private static func unit(_ value: Double) -> (BroadcastPlan.Grid, [Double]) {
        (BroadcastPlan.Grid(axes: [], shape: []), [value])
    }

    private static func grid(_ value: MeasureValue, adding eps: Double? = nil, in type: DType = .float64) -> (BroadcastPlan.Grid, [Double]) {
        let values = eps.map { eps in value.values.map { add($0, eps, in: type) } } ?? value.values
        return (BroadcastPlan.Grid(axes: value.axes, shape: value.shape), values)
    }

    // MARK: - Kernels

    /// Runs an arithmetic form over the tensor in the promoted type.
    private static func arithmetic(_ form: ElementwiseKernels.Form, _ tensor: LabeledTensor, parameters: [(BroadcastPlan.Grid, [Double])],
                                   parameterType: DType?, id: String) throws(RuntimeError) -> LabeledTensor {
        let plan = try BroadcastPlan(axes: tensor.axes, shape: tensor.shape, parameters: parameters.map(\.0), tensor: id)
        if resultType(tensor.dtype, parameterType) == .float32 {
            let x = tensor.tensor.converted(to: Float.self)
            let p = parameters.map { $0.1.map { Float($0) } }
            return try tensor.replacingData(AnyTensor(run(x) { xs, ys in ElementwiseKernels.apply(form, xs, ys, plan: plan, parameters: p) }))
        }
        let p = parameters.map(\.1)
        let exact: Set<DType> = [.bool, .int8, .uint8, .int16, .uint16, .float16, .float32]
        if exact.contains(tensor.dtype) {
            let x = tensor.tensor.converted(to: Float.self)
            // float32 data, float64 parameters: widen element by element, without a float64 copy.
            let y: Tensor<Double> = try run(x) { xs, ys in ElementwiseKernels.apply(form, xs, ys, plan: plan, parameters: p) }
            return try tensor.replacingData(AnyTensor(y))
        }
        let x = tensor.tensor.converted(to: Double.self)
        return try tensor.replacingData(AnyTensor(run(x) { xs, ys in ElementwiseKernels.apply(form, xs, ys, plan: plan, parameters: p) }))
    }

    /// A new tensor of `x`'s shape filled by `body(input, output)`.
    static func run<T: TensorScalar, R: TensorScalar>(_ x: Tensor<T>, _ body: (UnsafeBufferPointer<T>, UnsafeMutableBufferPointer<R>) -> Void) throws(RuntimeError) -> Tensor<R> {
        let scalars = x.withUnsafeBufferPointer { input in
            [R](unsafeUninitializedCapacity: input.count) { output, count in
                if let base = output.baseAddress { HugePages.advise(UnsafeMutableRawPointer(base), byteCount: input.count * MemoryLayout<R>.stride) }
                body(input, output)
                count = input.count
            }
        }
        do { return try Tensor(shape: x.shape, scalars: scalars) } catch { throw RuntimeError(error) }
    }

    /// numpy's `1.0 / (1.0 + np.exp(-x))` for an integer tensor: `-x` wraps in the integer type
    /// (for unsigned types `-x` is `2ⁿ − x`), then the float math. numpy computes 8-bit types in
    /// float16; here 8- and 16-bit types give float32 and wider ones float64.
    private static func integerSigmoid(_ tensor: LabeledTensor) throws(RuntimeError) -> LabeledTensor {
        let dtype = tensor.dtype
        let bits = Double(dtype.byteCount * 8)
        let unsigned: Set<DType> = [.uint8, .uint16, .uint32, .uint64]
        let x = tensor.tensor.converted(to: Double.self)
        let result: Tensor<Double> = try run(x) { xs, ys in
            for i in xs.indices {
                let v = xs[i]
                let negated: Double
                if unsigned.contains(dtype) {
                    negated = v == 0 ? 0 : Foundation.pow(2, bits) - v
                } else {
                    negated = v == -Foundation.pow(2, bits - 1) ? v : -v
                }
                ys[i] = 1 / (1 + Foundation.exp(negated))
            }
        }
        let narrow: Set<DType> = [.uint8, .int8, .uint16, .int16]
        return try tensor.replacingData(narrow.contains(dtype) ? AnyTensor(result.converted(to: Float.self)) : AnyTensor(result))
    }

    private static func binarize(_ tensor: LabeledTensor, _ threshold: ParameterList, id: String) throws(RuntimeError) -> LabeledTensor {
        let (grid, values) = threshold.grid
        let plan = try BroadcastPlan(axes: tensor.axes, shape: tensor.shape, parameters: [grid], tensor: id)
        let result: Tensor<Bool>
        if threshold.axis == nil && (tensor.dtype == .float32 || tensor.dtype == .float16) {
            let thresholds = values.map { Float($0) }
            result = try run(tensor.tensor.converted(to: Float.self)) { xs, ys in ElementwiseKernels.greater(xs, ys, plan: plan, thresholds: thresholds) }
        } else {
            result = try run(tensor.tensor.converted(to: Double.self)) { xs, ys in ElementwiseKernels.greater(xs, ys, plan: plan, thresholds: values) }
        }
        return try tensor.replacingData(AnyTensor(result))
    }

    private static func clip(_ tensor: LabeledTensor, lower: ClipBound?, upper: ClipBound?, statistics: MeasureValues, id: String) throws(RuntimeError) -> LabeledTensor {
        var current = tensor
        // Quantile bounds first, as `x.where(x >= lo, lo)` and `x.where(x <= hi, hi)`.
        for (isLower, bound) in [(true, lower), (false, upper)] {
            guard case .measure(let measure)? = bound else { continue }
            let value = try statistics.require(measure)
            let type = resultType(current.dtype, value.dtype)
            let grid = BroadcastPlan.Grid(axes: value.axes, shape: value.shape)
            let plan = try BroadcastPlan(axes: current.axes, shape: current.shape, parameters: [grid, grid], tensor: id)
            let result: AnyTensor
            if type == .float32 {
                let bounds = value.values.map { Float($0) }
                let p = [bounds, bounds]
                result = AnyTensor(try run(current.tensor.converted(to: Float.self)) { xs, ys in
                    ElementwiseKernels.clipWhere(xs, ys, plan: plan, parameters: p, hasLower: isLower, hasUpper: !isLower)
                })
            } else {
                let p = [value.values, value.values]
                let wide = AnyTensor(try run(current.tensor.converted(to: Double.self)) { xs, ys in
                    ElementwiseKernels.clipWhere(xs, ys, plan: plan, parameters: p, hasLower: isLower, hasUpper: !isLower)
                })
                result = type == .float64 ? wide : wide.converted(to: type)
            }
            current = try current.replacingData(result)
        }
        var low = -Double.infinity, high = Double.infinity
        var hasFixed = false
        if case .value(let v)? = lower { low = v; hasFixed = true }
        if case .value(let v)? = upper { high = v; hasFixed = true }
        guard hasFixed else { return current }
        if resultType(current.dtype, nil) == .float32 {
            let (lo, hi) = (Float(low), Float(high))
            return try current.replacingData(AnyTensor(run(current.tensor.converted(to: Float.self)) { xs, ys in
                ElementwiseKernels.clipScalar(xs, ys, lower: lo, upper: hi)
            }))
        }
        return try current.replacingData(AnyTensor(run(current.tensor.converted(to: Double.self)) { xs, ys in
            ElementwiseKernels.clipScalar(xs, ys, lower: low, upper: high)
        }))
    }
}
