/// The three transforms of Winograd's minimal filtering algorithm F(2×2, 3×3) for a 3×3, stride-1,
/// pad-1 cross-correlation: each 2×2 output tile is `Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A`, where `d` is the
/// 4×4 input patch starting one row and column above the tile and `g` the 3×3 kernel.
///
/// With `Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]`, `G = [1 0 0; ½ ½ ½; ½ -½ ½; 0 0 1]` and
/// `Aᵀ = [1 1 1 0; 0 1 -1 -1]`, the element-wise product summed over input channels becomes 16
/// independent matrix products (one per frequency `f = 4·i + j`, `i` vertical), which run on the
/// tiled GEMM. Input and output transforms work on eight tiles of one tile row at a time in
/// `SIMD8` lanes; a transformed value of frequency `f`, channel `c`, tile `t` lives at
/// `f·frequencyStride + c·pitch + t`.
enum WinogradTransforms {
    /// Tiles handled per SIMD step (tile rows are padded to a multiple of this).
    static let group = 8

    /// The floats one row of a padded input strip holds for `paddedTiles` tiles per row.
    static func stripWidth(paddedTiles: Int) -> Int { 2 * paddedTiles + 2 + 16 }

    /// `G g Gᵀ` for every filter: `w` is `outChannels × inChannels × 3 × 3`; the result is
    /// `16 × outChannels × inChannels` (frequency-major).
    static func transformWeights(_ w: UnsafePointer<Float>, outChannels: Int, inChannels: Int,
                                 into u: UnsafeMutablePointer<Float>) {
        let plane = outChannels * inChannels
        var t = [Float](repeating: 0, count: 12)
        for m in 0..<outChannels {
            for c in 0..<inChannels {
                let g = w + (m * inChannels + c) * 9
                // t = G g (4 × 3), row by row.
                for col in 0..<3 {
                    let g0 = g[col], g1 = g[3 + col], g2 = g[6 + col]
                    t[col] = g0
                    t[3 + col] = (g0 + g1 + g2) * 0.5
                    t[6 + col] = (g0 - g1 + g2) * 0.5
                    t[9 + col] = g2
                }
                for i in 0..<4 {
                    let t0 = t[i * 3], t1 = t[i * 3 + 1], t2 = t[i * 3 + 2]
                    let o = u + i * 4 * plane + m * inChannels + c
                    o[0] = t0
                    o[plane] = (t0 + t1 + t2) * 0.5
                    o[2 * plane] = (t0 - t1 + t2) * 0.5
                    o[3 * plane] = t2
                }
            }
        }
    }

    @inline(__always)
    private static func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always)
    private static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// `Bᵀ`-transforms one patch row for eight tiles: the row's columns `2t … 2t+3` of each tile.
    @inline(__always)
    private static func rowTransform(_ p: UnsafePointer<Float>)
        -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        let a = load16(p), b = load16(p + 2)
        let d0 = a.evenHalf, d1 = a.oddHalf, d2 = b.evenHalf, d3 = b.oddHalf
        return (d0 - d2, d1 + d2, d2 - d1, d1 - d3)
    }

    /// Transforms the tile rows `tileRows` of one input channel plane (`height × width`) into `v`
    /// (this channel's base: frequency `f`, tile `t` at `v[f·frequencyStride + t]`, `t` counted from
    /// the band's first tile row with `paddedTiles` tiles per row).
    ///
    /// `strip` is scratch of `(2·tileRows.count + 2) × stripWidth(paddedTiles:)` floats.
    static func transformInput(plane: UnsafePointer<Float>, height: Int, width: Int, tileRows: Range<Int>,
                               paddedTiles: Int, strip: UnsafeMutablePointer<Float>,
                               v: UnsafeMutablePointer<Float>, frequencyStride: Int) {
        let sw = stripWidth(paddedTiles: paddedTiles)
        let rows = 2 * tileRows.count + 2
        // The zero-padded strip: strip row r holds input row 2·first − 1 + r, strip column s input column s − 1.
        for r in 0..<rows {
            let y = 2 * tileRows.lowerBound - 1 + r
            let row = strip + r * sw
            if y >= 0 && y < height {
                row[0] = 0
                (row + 1).update(from: plane + y * width, count: width)
                (row + 1 + width).update(repeating: 0, count: sw - 1 - width)
            } else {
                row.update(repeating: 0, count: sw)
            }
        }
        let fs = frequencyStride
        for i in 0..<tileRows.count {
            let top = UnsafePointer(strip + 2 * i * sw)
            var tx = 0
            while tx < paddedTiles {
                let p = top + 2 * tx
                let (h00, h01, h02, h03) = rowTransform(p)
                let (h10, h11, h12, h13) = rowTransform(p + sw)
                let (h20, h21, h22, h23) = rowTransform(p + 2 * sw)
                let (h30, h31, h32, h33) = rowTransform(p + 3 * sw)
                let o = v + i * paddedTiles + tx
                store(h00 - h20, o)
                store(h01 - h21, o + fs)
                store(h02 - h22, o + 2 * fs)
                store(h03 - h23, o + 3 * fs)
                store(h10 + h20, o + 4 * fs)
                store(h11 + h21, o + 5 * fs)
                store(h12 + h22, o + 6 * fs)
                store(h13 + h23, o + 7 * fs)
                store(h20 - h10, o + 8 * fs)
                store(h21 - h11, o + 9 * fs)
                store(h22 - h12, o + 10 * fs)
                store(h23 - h13, o + 11 * fs)
                store(h10 - h30, o + 12 * fs)
                store(h11 - h31, o + 13 * fs)
                store(h12 - h32, o + 14 * fs)
                store(h13 - h33, o + 15 * fs)
                tx += group
            }
        }
    }

    /// Transforms the products of one output channel back (`m`: frequency `f`, tile `t` at
    /// `m[f·frequencyStride + t]`), adds `bias`, applies `activation` and writes the tile rows
    /// `tileRows` of the `height × width` output plane.
    static func transformOutput(m: UnsafePointer<Float>, frequencyStride: Int, tileRows: Range<Int>, tiles: Int,
                                paddedTiles: Int, plane: UnsafeMutablePointer<Float>, height: Int, width: Int,
                                bias: Float, activation: FusedActivation) {
        switch activation {
        case .identity:
            outputRows(m, frequencyStride, tileRows, tiles, paddedTiles, plane, height, width, bias) { $0 }
        case .relu:
            outputRows(m, frequencyStride, tileRows, tiles, paddedTiles, plane, height, width, bias) {
                $0.replacing(with: 0, where: $0 .< 0)
            }
        default:
            outputRows(m, frequencyStride, tileRows, tiles, paddedTiles, plane, height, width, bias) { activation.apply($0) }
        }
    }

    @inline(__always)
    private static func interleave(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD16<Float> {
        SIMD16(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3], a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7])
    }

    @inline(__always)
    private static func outputRows(_ m: UnsafePointer<Float>, _ fs: Int, _ tileRows: Range<Int>, _ tiles: Int,
                                   _ paddedTiles: Int, _ plane: UnsafeMutablePointer<Float>, _ height: Int, _ width: Int,
                                   _ bias: Float, _ f: (SIMD8<Float>) -> SIMD8<Float>) {
        var spill = (SIMD16<Float>(), SIMD16<Float>())
        for i in 0..<tileRows.count {
            let y = 2 * (tileRows.lowerBound + i)
            var tx = 0
            while tx < tiles {
                let p = m + i * paddedTiles + tx
                // Vertical Aᵀ first: s0j = m0j + m1j + m2j, s1j = m1j − m2j − m3j.
                let m00 = load8(p), m01 = load8(p + fs), m02 = load8(p + 2 * fs), m03 = load8(p + 3 * fs)
                let m10 = load8(p + 4 * fs), m11 = load8(p + 5 * fs), m12 = load8(p + 6 * fs), m13 = load8(p + 7 * fs)
                let m20 = load8(p + 8 * fs), m21 = load8(p + 9 * fs), m22 = load8(p + 10 * fs), m23 = load8(p + 11 * fs)
                let m30 = load8(p + 12 * fs), m31 = load8(p + 13 * fs), m32 = load8(p + 14 * fs), m33 = load8(p + 15 * fs)
                let s00 = m00 + m10 + m20, s01 = m01 + m11 + m21, s02 = m02 + m12 + m22, s03 = m03 + m13 + m23
                let s10 = m10 - m20 - m30, s11 = m11 - m21 - m31, s12 = m12 - m22 - m32, s13 = m13 - m23 - m33
                // Then horizontal: y·0 = s·0 + s·1 + s·2, y·1 = s·1 − s·2 − s·3.
                let y00 = f(s00 + s01 + s02 + bias), y01 = f(s01 - s02 - s03 + bias)
                let y10 = f(s10 + s11 + s12 + bias), y11 = f(s11 - s12 - s13 + bias)
                let row0 = interleave(y00, y01), row1 = interleave(y10, y11)
                let x = 2 * tx
                let out = plane + y * width + x
                let hasSecond = y + 1 < height
                if x + 16 <= width {
                    UnsafeMutableRawPointer(out).storeBytes(of: row0, as: SIMD16<Float>.self)
                    if hasSecond { UnsafeMutableRawPointer(out + width).storeBytes(of: row1, as: SIMD16<Float>.self) }
                } else {
                    spill = (row0, row1)
                    let count = width - x
                    withUnsafeBytes(of: &spill) { raw in
                        let values = raw.bindMemory(to: Float.self)
                        for j in 0..<count { out[j] = values[j] }
                        if hasSecond { for j in 0..<count { out[width + j] = values[16 + j] } }
                    }
                }
                tx += group
            }
        }
    }
}
