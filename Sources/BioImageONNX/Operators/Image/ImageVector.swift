/// Small float32 vector loops shared by the normalisation kernels.
enum ImageVector {
    /// `dst[i] = a·src[i] + b` for `i < n`.
    @inline(__always)
    static func affine(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int, _ a: Float, _ b: Float) {
        let av = SIMD16<Float>(repeating: a), bv = SIMD16<Float>(repeating: b)
        var i = 0
        while i + 16 <= n {
            let v = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(dst + i).storeBytes(of: v * av + bv, as: SIMD16<Float>.self)
            i += 16
        }
        while i < n {
            dst[i] = a * src[i] + b
            i += 1
        }
    }

    /// The sum of `n` floats, accumulated in sixteen float lanes per block of 4096 and in double across blocks.
    @inline(__always)
    static func sum(_ src: UnsafePointer<Float>, _ n: Int) -> Double {
        var total = 0.0
        var start = 0
        while start < n {
            let end = min(n, start + 4096)
            var acc = SIMD16<Float>(repeating: 0)
            var i = start
            while i + 16 <= end {
                acc += UnsafeRawPointer(src + i).loadUnaligned(as: SIMD16<Float>.self)
                i += 16
            }
            var tail: Float = 0
            while i < end { tail += src[i]; i += 1 }
            total += Double(acc.sum()) + Double(tail)
            start = end
        }
        return total
    }

    /// The sum of squared deviations from `mean`, blocked like ``sum(_:_:)``.
    @inline(__always)
    static func squaredDeviations(_ src: UnsafePointer<Float>, _ n: Int, mean: Float) -> Double {
        var total = 0.0
        var start = 0
        let m = SIMD16<Float>(repeating: mean)
        while start < n {
            let end = min(n, start + 4096)
            var acc = SIMD16<Float>(repeating: 0)
            var i = start
            while i + 16 <= end {
                let d = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD16<Float>.self) - m
                acc += d * d
                i += 16
            }
            var tail: Float = 0
            while i < end { let d = src[i] - mean; tail += d * d; i += 1 }
            total += Double(acc.sum()) + Double(tail)
            start = end
        }
        return total
    }
}
