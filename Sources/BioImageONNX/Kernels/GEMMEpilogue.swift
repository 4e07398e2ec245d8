/// Writes a finished micro-kernel tile to the output: bias, activation or `alpha`-scaled
/// accumulation, in `SIMD8` chunks when the tile's columns are one contiguous output run.
enum GEMMEpilogue {
    /// Writes `rows` rows of the `rows × width` tile (row `r` goes to output row `firstRow + r`).
    ///
    /// `outIndex[j]` is lane `j`'s output column (`-1`: dropped); when `contiguous`, the lanes map
    /// to `outIndex[0] ..< outIndex[0] + width`.
    @inline(__always)
    static func write(tile: UnsafePointer<Float>, width: Int, rows: Int, firstRow: Int, c: UnsafeMutablePointer<Float>,
                      ldc: Int, bias: UnsafePointer<Float>?, outIndex: UnsafePointer<Int>, contiguous: Bool,
                      mode: GEMMOutputMode) {
        for r in 0..<rows {
            let m = firstRow + r
            let source = tile + r * width
            let row = c + m * ldc
            switch mode {
            case .store(let activation):
                let b = bias.map { $0[m] } ?? 0
                if contiguous {
                    let out = row + outIndex[0]
                    // One loop per activation, so each is specialised and inlined (no per-chunk switch).
                    switch activation {
                    case .identity: storeRun(source, out, width, b) { $0 }
                    case .relu: storeRun(source, out, width, b) { $0.replacing(with: 0, where: $0 .< 0) }
                    case .leakyRelu(let alpha): storeRun(source, out, width, b) { $0.replacing(with: $0 * alpha, where: $0 .< 0) }
                    default: storeRun(source, out, width, b) { activation.apply($0) }
                    }
                } else {
                    for j in 0..<width where outIndex[j] >= 0 {
                        row[outIndex[j]] = activation.apply(source[j] + b)
                    }
                }
            case .accumulate(let alpha):
                if contiguous {
                    let out = row + outIndex[0]
                    var j = 0
                    while j < width {
                        let v = UnsafeRawPointer(source + j).loadUnaligned(as: SIMD8<Float>.self)
                        let o = UnsafeRawPointer(out + j).loadUnaligned(as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(out + j).storeBytes(of: alpha * v + o, as: SIMD8<Float>.self)
                        j += 8
                    }
                } else {
                    for j in 0..<width where outIndex[j] >= 0 {
                        row[outIndex[j]] = alpha * source[j] + row[outIndex[j]]
                    }
                }
            }
        }
    }

    /// `out[j] = f(source[j] + bias)` over `width` (a multiple of 8) contiguous elements.
    @inline(__always)
    private static func storeRun(_ source: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ width: Int, _ bias: Float,
                                 _ f: (SIMD8<Float>) -> SIMD8<Float>) {
        var j = 0
        while j < width {
            let v = UnsafeRawPointer(source + j).loadUnaligned(as: SIMD8<Float>.self) + bias
            UnsafeMutableRawPointer(out + j).storeBytes(of: f(v), as: SIMD8<Float>.self)
            j += 8
        }
    }
}
