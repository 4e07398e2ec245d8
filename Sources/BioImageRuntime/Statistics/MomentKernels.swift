import Dispatch
import Foundation

/// Sums over contiguous runs for the statistics engine, in `Double`, with SIMD chunks for `Float`
/// and `Double` and a split across cores for long runs.
enum MomentKernels {
    /// Below this many elements a run is summed on the calling thread.
    static let parallelThreshold = 1 << 18

    /// Σ x and the number of x over the non-NaN elements of the run.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func sumAndCount<T: BinaryFloatingPoint & SIMDScalar>(_ p: UnsafePointer<T>, _ n: Int) -> (sum: Double, count: Int) {
        chunked(n) { start, end in sumAndCountSerial(p + start, end - start) } combine: { ($0.sum + $1.sum, $0.count + $1.count) }
    }

    /// Σ (x − mean)² over the run; NaNs are skipped when `skippingNaN`, else they propagate.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func squaredDeviations<T: BinaryFloatingPoint & SIMDScalar>(_ p: UnsafePointer<T>, _ n: Int, mean: Double, skippingNaN: Bool) -> Double {
        chunked(n) { start, end in squaredDeviationsSerial(p + start, end - start, mean: mean, skippingNaN: skippingNaN) } combine: { $0 + $1 }
    }

    private static func chunked<R>(_ n: Int, _ body: (Int, Int) -> R, combine: (R, R) -> R) -> R {
        guard n >= parallelThreshold else { return body(0, n) }
        let chunks = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        let per = ((n + chunks - 1) / chunks + 63) & ~63
        var partial = [R?](repeating: nil, count: chunks)
        partial.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let results = out
            withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let work = body
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = min(n, chunk * per), end = min(n, start + per)
                    results[chunk] = work(start, end)
                }
            }
        }
        var total = body(0, 0)
        for value in partial { if let value { total = combine(total, value) } }
        return total
    }

    @inline(__always)
    private static func sumAndCountSerial<T: BinaryFloatingPoint & SIMDScalar>(_ p: UnsafePointer<T>, _ n: Int) -> (sum: Double, count: Int) {
        var i = 0
        var total = 0.0
        var count = 0
        if T.self == Float.self {
            p.withMemoryRebound(to: Float.self, capacity: n) { f in
                var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
                var c = SIMD16<Int32>()
                while i + 16 <= n {
                    let v = UnsafeRawPointer(f + i).loadUnaligned(as: SIMD16<Float>.self)
                    let valid = v .== v
                    let clean = v.replacing(with: 0, where: .!valid)
                    a0 += SIMD8<Double>(clean.lowHalf)
                    a1 += SIMD8<Double>(clean.highHalf)
                    c &+= SIMD16<Int32>(repeating: 1).replacing(with: 0, where: .!valid)
                    i += 16
                }
                total = (a0 + a1).sum()
                count = Int(c.wrappedSum())
            }
        } else if T.self == Double.self {
            p.withMemoryRebound(to: Double.self, capacity: n) { d in
                var a0 = SIMD8<Double>()
                var c = SIMD8<Int64>()
                while i + 8 <= n {
                    let v = UnsafeRawPointer(d + i).loadUnaligned(as: SIMD8<Double>.self)
                    let valid = v .== v
                    a0 += v.replacing(with: 0, where: .!valid)
                    c &+= SIMD8<Int64>(repeating: 1).replacing(with: 0, where: .!valid)
                    i += 8
                }
                total = a0.sum()
                count = Int(c.wrappedSum())
            }
        }
        while i < n {
            let x = Double(p[i])
            if x == x { total += x; count += 1 }
            i += 1
        }
        return (total, count)
    }

    @inline(__always)
    private static func squaredDeviationsSerial<T: BinaryFloatingPoint & SIMDScalar>(_ p: UnsafePointer<T>, _ n: Int, mean: Double, skippingNaN: Bool) -> Double {
        var i = 0
        var total = 0.0
        let m = SIMD8<Double>(repeating: mean)
        if T.self == Float.self {
            p.withMemoryRebound(to: Float.self, capacity: n) { f in
                var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
                while i + 16 <= n {
                    let v = UnsafeRawPointer(f + i).loadUnaligned(as: SIMD16<Float>.self)
                    var d0 = SIMD8<Double>(v.lowHalf) - m, d1 = SIMD8<Double>(v.highHalf) - m
                    if skippingNaN {
                        d0.replace(with: 0, where: d0 .!= d0)
                        d1.replace(with: 0, where: d1 .!= d1)
                    }
                    a0 += d0 * d0
                    a1 += d1 * d1
                    i += 16
                }
                total = (a0 + a1).sum()
            }
        } else if T.self == Double.self {
            p.withMemoryRebound(to: Double.self, capacity: n) { x in
                var a0 = SIMD8<Double>()
                while i + 8 <= n {
                    var d0 = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Double>.self) - m
                    if skippingNaN { d0.replace(with: 0, where: d0 .!= d0) }
                    a0 += d0 * d0
                    i += 8
                }
                total = a0.sum()
            }
        }
        while i < n {
            let d = Double(p[i]) - mean
            if !(skippingNaN && d != d) { total += d * d }
            i += 1
        }
        return total
    }
}
