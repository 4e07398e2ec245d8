/// The element-wise arithmetic of the processing steps over contiguous runs, with parameters that
/// are constant along a run (SIMD) or advance by a stride (one load per element, no lookup).
///
/// Each form evaluates in the order numpy does, so results round the same way in `Float` and `Double`.
enum ElementwiseKernels {
    /// Which expression to evaluate with the parameters `a, d, g, h`.
    enum Form: Sendable {
        /// `(x − a) / d`: zero_mean_unit_variance, fixed_zero_mean_unit_variance, scale_range.
        case normalize
        /// `x · g + h`: scale_linear.
        case affine
        /// `(x − a) / d · g + h`: scale_mean_variance.
        case normalizeRescale
    }

    /// Applies `form` to every element of `x` into `y` following `plan`; `parameters` holds a, d, g, h.
    /// The input may be narrower than the compute type `T` (float32 data, float64 parameters): each
    /// element is widened as it is loaded, as numpy's mixed-type loops do.
    @_specialize(where X == Float, T == Float)
    @_specialize(where X == Float, T == Double)
    @_specialize(where X == Double, T == Double)
    static func apply<X: BinaryFloatingPoint & SIMDScalar & SendableMetatype, T: BinaryFloatingPoint & SIMDScalar & SendableMetatype>(
        _ form: Form, _ x: UnsafeBufferPointer<X>, _ y: UnsafeMutableBufferPointer<T>, plan: BroadcastPlan, parameters: [[T]]
    ) {
        guard let xBase = UncheckedPointer(x.baseAddress), let yBase = UncheckedPointer(y.baseAddress), parameters.count == 4 else { return }
        let s = plan.runStrides
        parameters[0].withUnsafeBufferPointer { a in
            parameters[1].withUnsafeBufferPointer { d in
                parameters[2].withUnsafeBufferPointer { g in
                    parameters[3].withUnsafeBufferPointer { h in
                        guard let a = UncheckedPointer(a.baseAddress), let d = UncheckedPointer(d.baseAddress),
                              let g = UncheckedPointer(g.baseAddress), let h = UncheckedPointer(h.baseAddress) else { return }
                        plan.forEachSegment { start, n, o in
                            let a = a.pointer, d = d.pointer, g = g.pointer, h = h.pointer
                            let xs = xBase.pointer + start, ys = yBase.mutable + start
                            if s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 0 {
                                constantRun(form, xs, ys, n, a[o[0]], d[o[1]], g[o[2]], h[o[3]])
                            } else {
                                for i in 0..<n {
                                    let v = T(xs[i])
                                    let ai = a[o[0] + i * s[0]], di = d[o[1] + i * s[1]], gi = g[o[2] + i * s[2]], hi = h[o[3] + i * s[3]]
                                    switch form {
                                    case .normalize: ys[i] = (v - ai) / di
                                    case .affine: ys[i] = v * gi + hi
                                    case .normalizeRescale: ys[i] = (v - ai) / di * gi + hi
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func load<X: BinaryFloatingPoint & SIMDScalar, T: BinaryFloatingPoint & SIMDScalar>(_ x: UnsafePointer<X>, as: T.Type) -> SIMD8<T> {
        let v = UnsafeRawPointer(x).loadUnaligned(as: SIMD8<X>.self)
        if X.self == T.self { return unsafeBitCast(v, to: SIMD8<T>.self) }
        if X.self == Float.self && T.self == Double.self {
            return unsafeBitCast(SIMD8<Double>(unsafeBitCast(v, to: SIMD8<Float>.self)), to: SIMD8<T>.self)
        }
        return SIMD8<T>(v)
    }

    @inline(__always)
    private static func constantRun<X: BinaryFloatingPoint & SIMDScalar, T: BinaryFloatingPoint & SIMDScalar>(
        _ form: Form, _ x: UnsafePointer<X>, _ y: UnsafeMutablePointer<T>, _ n: Int, _ a: T, _ d: T, _ g: T, _ h: T
    ) {
        var i = 0
        let va = SIMD8<T>(repeating: a), vd = SIMD8<T>(repeating: d), vg = SIMD8<T>(repeating: g), vh = SIMD8<T>(repeating: h)
        switch form {
        case .normalize:
            while i + 8 <= n {
                let v = load(x + i, as: T.self)
                UnsafeMutableRawPointer(y + i).storeBytes(of: (v - va) / vd, as: SIMD8<T>.self)
                i += 8
            }
            while i < n { y[i] = (T(x[i]) - a) / d; i += 1 }
        case .affine:
            while i + 8 <= n {
                let v = load(x + i, as: T.self)
                UnsafeMutableRawPointer(y + i).storeBytes(of: v * vg + vh, as: SIMD8<T>.self)
                i += 8
            }
            while i < n { y[i] = T(x[i]) * g + h; i += 1 }
        case .normalizeRescale:
            while i + 8 <= n {
                let v = load(x + i, as: T.self)
                UnsafeMutableRawPointer(y + i).storeBytes(of: (v - va) / vd * vg + vh, as: SIMD8<T>.self)
                i += 8
            }
            while i < n { y[i] = (T(x[i]) - a) / d * g + h; i += 1 }
        }
    }

    /// Clamps with per-position bounds, as `x.where(x >= lo, lo)` then `x.where(x <= hi, hi)`:
    /// a NaN becomes the lower bound (or the upper one when there is no lower bound).
    /// `parameters` holds the lower and upper bounds; `hasLower`/`hasUpper` say which apply.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func clipWhere<T: BinaryFloatingPoint & SIMDScalar & SendableMetatype>(
        _ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>, plan: BroadcastPlan, parameters: [[T]], hasLower: Bool, hasUpper: Bool
    ) {
        guard let xBase = UncheckedPointer(x.baseAddress), let yBase = UncheckedPointer(y.baseAddress), parameters.count == 2 else { return }
        let s = plan.runStrides
        parameters[0].withUnsafeBufferPointer { lo in
            parameters[1].withUnsafeBufferPointer { hi in
                guard let lo = UncheckedPointer(lo.baseAddress), let hi = UncheckedPointer(hi.baseAddress) else { return }
                plan.forEachSegment { start, n, o in
                    let lo = lo.pointer, hi = hi.pointer, xBase = xBase.pointer, yBase = yBase.mutable
                    for i in 0..<n {
                        var v = xBase[start + i]
                        if hasLower { let l = lo[o[0] + i * s[0]]; if !(v >= l) { v = l } }
                        if hasUpper { let u = hi[o[1] + i * s[1]]; if !(v <= u) { v = u } }
                        yBase[start + i] = v
                    }
                }
            }
        }
    }

    /// Clamps to fixed bounds as `numpy.clip`: NaN stays NaN.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func clipScalar<T: BinaryFloatingPoint & SIMDScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>, lower: T, upper: T) {
        guard let xs = x.baseAddress, let ys = y.baseAddress else { return }
        let n = x.count
        var i = 0
        let lo = SIMD8<T>(repeating: lower), hi = SIMD8<T>(repeating: upper)
        while i + 8 <= n {
            var v = UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<T>.self)
            v.replace(with: lo, where: v .< lo)
            v.replace(with: hi, where: v .> hi)
            UnsafeMutableRawPointer(ys + i).storeBytes(of: v, as: SIMD8<T>.self)
            i += 8
        }
        while i < n {
            var v = xs[i]
            if v < lower { v = lower }
            if v > upper { v = upper }
            ys[i] = v
            i += 1
        }
    }

    /// `y = x > threshold` with thresholds broadcast by `plan`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func greater<T: BinaryFloatingPoint & SIMDScalar & SendableMetatype>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<Bool>, plan: BroadcastPlan, thresholds: [T]) {
        guard let xBase = UncheckedPointer(x.baseAddress), let yBase = UncheckedPointer(y.baseAddress) else { return }
        let s = plan.runStrides[0]
        thresholds.withUnsafeBufferPointer { t in
            guard let t = UncheckedPointer(t.baseAddress) else { return }
            plan.forEachSegment { start, n, o in
                let t = t.pointer, xBase = xBase.pointer, yBase = yBase.mutable
                if s == 0 {
                    let threshold = t[o[0]]
                    for i in 0..<n { yBase[start + i] = xBase[start + i] > threshold }
                } else {
                    for i in 0..<n { yBase[start + i] = xBase[start + i] > t[o[0] + i * s] }
                }
            }
        }
    }
}

/// A raw pointer handed to the concurrent segments of one kernel call (each writes only its own
/// elements, and the buffers outlive the call).
struct UncheckedPointer<T>: @unchecked Sendable {
    let raw: UnsafeRawPointer

    init?(_ pointer: UnsafePointer<T>?) {
        guard let pointer else { return nil }
        raw = UnsafeRawPointer(pointer)
    }

    init?(_ pointer: UnsafeMutablePointer<T>?) {
        guard let pointer else { return nil }
        raw = UnsafeRawPointer(pointer)
    }

    var pointer: UnsafePointer<T> { raw.assumingMemoryBound(to: T.self) }
    var mutable: UnsafeMutablePointer<T> { UnsafeMutablePointer(mutating: pointer) }
}
