/// Reductions of one contiguous run, with explicit SIMD chunks for `Float` and `Double`.
///
/// Sums accumulate in `Double` (float32 input is widened lane-wise), in 8- or 16-lane partial sums,
/// so a float32 mean is accurate to about 1e-16 relative before its final rounding — tighter than
/// numpy's float32 pairwise summation, which these results match to within its own error.
enum RunKernels {
    @inline(__always)
    static func double<T: TensorScalar>(_ x: T) -> Double {
        switch x.scalarValue {
        case .bool(let b): return b ? 1 : 0
        case .signed(let v): return Double(v)
        case .unsigned(let v): return Double(v)
        case .floatingPoint(let d): return d
        }
    }

    /// Σ x over the run, in `Double`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == Int32)
    static func sum<T: TensorNumeric>(_ p: UnsafePointer<T>, _ n: Int) -> Double {
        if T.self == Float.self {
            return p.withMemoryRebound(to: Float.self, capacity: n) { f in
                var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
                var i = 0
                while i + 16 <= n {
                    let v = UnsafeRawPointer(f + i).loadUnaligned(as: SIMD16<Float>.self)
                    a0 += SIMD8<Double>(v.lowHalf)
                    a1 += SIMD8<Double>(v.highHalf)
                    i += 16
                }
                var total = (a0 + a1).sum()
                while i < n { total += Double(f[i]); i += 1 }
                return total
            }
        }
        if T.self == Double.self {
            return p.withMemoryRebound(to: Double.self, capacity: n) { d in
                var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
                var i = 0
                while i + 16 <= n {
                    a0 += UnsafeRawPointer(d + i).loadUnaligned(as: SIMD8<Double>.self)
                    a1 += UnsafeRawPointer(d + i + 8).loadUnaligned(as: SIMD8<Double>.self)
                    i += 16
                }
                var total = (a0 + a1).sum()
                while i < n { total += d[i]; i += 1 }
                return total
            }
        }
        var total = 0.0
        for i in 0..<n { total += double(p[i]) }
        return total
    }

    /// Σ (x − mean)² over the run, in `Double`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == Int32)
    static func sumOfSquaredDeviations<T: TensorNumeric>(_ p: UnsafePointer<T>, _ n: Int, mean: Double) -> Double {
        let m = SIMD8<Double>(repeating: mean)
        if T.self == Float.self {
            return p.withMemoryRebound(to: Float.self, capacity: n) { f in
                var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
                var i = 0
                while i + 16 <= n {
                    let v = UnsafeRawPointer(f + i).loadUnaligned(as: SIMD16<Float>.self)
                    let d0 = SIMD8<Double>(v.lowHalf) - m, d1 = SIMD8<Double>(v.highHalf) - m
                    a0 += d0 * d0
                    a1 += d1 * d1
                    i += 16
                }
                var total = (a0 + a1).sum()
                while i < n { let d = Double(f[i]) - mean; total += d * d; i += 1 }
                return total
            }
        }
        if T.self == Double.self {
            return p.withMemoryRebound(to: Double.self, capacity: n) { x in
                var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
                var i = 0
                while i + 16 <= n {
                    let d0 = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Double>.self) - m
                    let d1 = UnsafeRawPointer(x + i + 8).loadUnaligned(as: SIMD8<Double>.self) - m
                    a0 += d0 * d0
                    a1 += d1 * d1
                    i += 16
                }
                var total = (a0 + a1).sum()
                while i < n { let d = x[i] - mean; total += d * d; i += 1 }
                return total
            }
        }
        var total = 0.0
        for i in 0..<n { let d = double(p[i]) - mean; total += d * d }
        return total
    }

    /// The minimum or maximum of a non-empty run; NaN if the run holds a NaN (numpy semantics).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == Int32)
    static func extremum<T: TensorNumeric>(_ p: UnsafePointer<T>, _ n: Int, maximum: Bool) -> T {
        var best = p[0]
        var i = 0
        if n >= 32 {
            var acc = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<T>.self)
            var nan = acc .!= acc
            i = 16
            while i + 16 <= n {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<T>.self)
                nan .|= v .!= v
                acc = maximum ? pointwiseMax(acc, v) : pointwiseMin(acc, v)
                i += 16
            }
            if any(nan) {
                for j in 0..<n where p[j] != p[j] { return p[j] }
            }
            best = maximum ? acc.max() : acc.min()
        }
        while i < n {
            let x = p[i]
            if x != x { return x }
            if maximum ? x > best : x < best { best = x }
            i += 1
        }
        return best
    }

    /// Σ x in `Int64`, wrapping.
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == Int16)
    @_specialize(where T == Int32)
    @_specialize(where T == Int64)
    static func integerSum<T: TensorInteger>(_ p: UnsafePointer<T>, _ n: Int) -> Int64 {
        var total: Int64 = 0
        for i in 0..<n { total &+= Int64(truncatingIfNeeded: p[i]) }
        return total
    }

    /// Replaces a non-empty run by its softmax, `exp(x − max) / Σ exp(x − max)`, in place.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func softmax<T: TensorFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ n: Int) {
        let top = extremum(UnsafePointer(p), n, maximum: true)
        var total: T = 0
        for i in 0..<n {
            let e = T.exp(p[i] - top)
            p[i] = e
            total += e
        }
        for i in 0..<n { p[i] /= total }
    }

    /// The number of NaNs in the run (0 for integers).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func nanCount<T: TensorNumeric>(_ p: UnsafePointer<T>, _ n: Int) -> Int {
        // A branch-free count the optimiser vectorises once specialised.
        var count = 0
        for i in 0..<n { count &+= p[i] != p[i] ? 1 : 0 }
        return count
    }

    /// The index of the first maximum of a non-empty run (the first NaN if there is one).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == UInt8)
    static func argmax<T: TensorNumeric>(_ p: UnsafePointer<T>, _ n: Int, stride: Int) -> Int {
        var best = p[0], index = 0
        if best != best { return 0 }
        for i in 1..<max(n, 1) {
            let x = p[i * stride]
            if x != x { return i }
            if x > best { best = x; index = i }
        }
        return index
    }
}
