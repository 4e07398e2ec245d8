/// Register-blocked inner products: the innermost loop of every GEMM and convolution.
///
/// A micro-kernel computes one tile `T[r][j] = Σ_k A[k][r] · B[offsets[k] + j]` for `rows` rows
/// and `width` contiguous columns. `A` is a packed panel (for each `k`, `rows` consecutive floats, or
/// `rows × 4` for ``broadcastLanes`` kernels whose weights are stored pre-broadcast) and `B` is any
/// buffer read through a per-`k` offset table: a row-major matrix (`offsets[k] = k·ldb`), a
/// zero-padded image (implicit im2col, `offsets[k]` = channel and tap offset) or a packed panel.
/// The tile goes to a small scratch buffer (`rows × width`, row-major); ``GEMMEpilogue`` then adds
/// bias, applies the activation and stores into the output.
///
/// Accumulation is `acc = acc + a * b` in increasing `k`, never `addProduct` (a library call on
/// baseline x86-64; Zen 4 issues separate multiplies and adds at the same rate as FMAs); every
/// variant sums in the same order, so they give identical results. ``preferred`` picks the variant
/// that suits the instruction set the binary was compiled for.
enum MicroKernel: Sendable, Hashable, CaseIterable {
    /// 16 rows × 16 columns in 16 `SIMD16` accumulators (AVX-512: 16 zmm registers, one `B` load per step).
    case rows16x16
    /// 8 rows × 32 columns in 2 × 8 `SIMD16` accumulators (AVX-512: 16 zmm registers).
    case rows8x32
    /// 6 rows × 16 columns in 6 × 2 `SIMD8` accumulators (AVX2: 12 ymm registers).
    case rows6x16
    /// 4 rows × 8 columns in 4 `SIMD8` accumulators with pre-broadcast weights (SSE: 8 xmm registers).
    case rows4x8
    /// 6 rows × 8 columns in 6 `SIMD8` accumulators with pre-broadcast weights (SSE: 12 xmm registers).
    case rows6x8

    /// The rows of one tile.
    var rows: Int {
        switch self {
        case .rows16x16: 16
        case .rows8x32: 8
        case .rows6x16: 6
        case .rows4x8: 4
        case .rows6x8: 6
        }
    }

    /// The columns of one tile (contiguous elements of `B`).
    var width: Int {
        switch self {
        case .rows16x16: 16
        case .rows8x32: 32
        case .rows6x16: 16
        case .rows4x8, .rows6x8: 8
        }
    }

    /// How many copies of each weight the packed panel holds (1, or 4 for pre-broadcast SSE operands).
    var broadcastLanes: Int {
        switch self {
        case .rows16x16, .rows8x32, .rows6x16: 1
        case .rows4x8, .rows6x8: 4
        }
    }

    /// Runs the kernel over `count` steps of `k`, writing the `rows × width` tile.
    @inline(__always)
    func run(count: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, offsets: UnsafePointer<Int>,
             tile: UnsafeMutablePointer<Float>) {
        switch self {
        case .rows16x16: MicroKernel.kernel16x16(count, a, b, offsets, tile)
        case .rows8x32: MicroKernel.kernel8x32(count, a, b, offsets, tile)
        case .rows6x16: MicroKernel.kernel6x16(count, a, b, offsets, tile)
        case .rows4x8: MicroKernel.kernel4x8(count, a, b, offsets, tile)
        case .rows6x8: MicroKernel.kernel6x8(count, a, b, offsets, tile)
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
    private static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }

    @inline(__always)
    private static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    @inline(never)
    static func kernel16x16(_ count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                            _ offsets: UnsafePointer<Int>, _ tile: UnsafeMutablePointer<Float>) {
        var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()
        var c4 = SIMD16<Float>(), c5 = SIMD16<Float>(), c6 = SIMD16<Float>(), c7 = SIMD16<Float>()
        var c8 = SIMD16<Float>(), c9 = SIMD16<Float>(), c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
        var c12 = SIMD16<Float>(), c13 = SIMD16<Float>(), c14 = SIMD16<Float>(), c15 = SIMD16<Float>()
        var w = a
        for k in 0..<count {
            let v = load16(b + offsets[k])
            c0 = c0 + SIMD16(repeating: w[0]) * v; c1 = c1 + SIMD16(repeating: w[1]) * v
            c2 = c2 + SIMD16(repeating: w[2]) * v; c3 = c3 + SIMD16(repeating: w[3]) * v
            c4 = c4 + SIMD16(repeating: w[4]) * v; c5 = c5 + SIMD16(repeating: w[5]) * v
            c6 = c6 + SIMD16(repeating: w[6]) * v; c7 = c7 + SIMD16(repeating: w[7]) * v
            c8 = c8 + SIMD16(repeating: w[8]) * v; c9 = c9 + SIMD16(repeating: w[9]) * v
            c10 = c10 + SIMD16(repeating: w[10]) * v; c11 = c11 + SIMD16(repeating: w[11]) * v
            c12 = c12 + SIMD16(repeating: w[12]) * v; c13 = c13 + SIMD16(repeating: w[13]) * v
            c14 = c14 + SIMD16(repeating: w[14]) * v; c15 = c15 + SIMD16(repeating: w[15]) * v
            w += 16
        }
        store(c0, tile); store(c1, tile + 16); store(c2, tile + 32); store(c3, tile + 48)
        store(c4, tile + 64); store(c5, tile + 80); store(c6, tile + 96); store(c7, tile + 112)
        store(c8, tile + 128); store(c9, tile + 144); store(c10, tile + 160); store(c11, tile + 176)
        store(c12, tile + 192); store(c13, tile + 208); store(c14, tile + 224); store(c15, tile + 240)
    }

    @inline(never)
    static func kernel8x32(_ count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                           _ offsets: UnsafePointer<Int>, _ tile: UnsafeMutablePointer<Float>) {
        var c00 = SIMD16<Float>(), c01 = SIMD16<Float>(), c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
        var c20 = SIMD16<Float>(), c21 = SIMD16<Float>(), c30 = SIMD16<Float>(), c31 = SIMD16<Float>()
        var c40 = SIMD16<Float>(), c41 = SIMD16<Float>(), c50 = SIMD16<Float>(), c51 = SIMD16<Float>()
        var c60 = SIMD16<Float>(), c61 = SIMD16<Float>(), c70 = SIMD16<Float>(), c71 = SIMD16<Float>()
        var w = a
        for k in 0..<count {
            let p = b + offsets[k]
            let b0 = load16(p), b1 = load16(p + 16)
            var s = SIMD16<Float>(repeating: w[0])
            c00 = c00 + s * b0; c01 = c01 + s * b1
            s = SIMD16<Float>(repeating: w[1])
            c10 = c10 + s * b0; c11 = c11 + s * b1
            s = SIMD16<Float>(repeating: w[2])
            c20 = c20 + s * b0; c21 = c21 + s * b1
            s = SIMD16<Float>(repeating: w[3])
            c30 = c30 + s * b0; c31 = c31 + s * b1
            s = SIMD16<Float>(repeating: w[4])
            c40 = c40 + s * b0; c41 = c41 + s * b1
            s = SIMD16<Float>(repeating: w[5])
            c50 = c50 + s * b0; c51 = c51 + s * b1
            s = SIMD16<Float>(repeating: w[6])
            c60 = c60 + s * b0; c61 = c61 + s * b1
            s = SIMD16<Float>(repeating: w[7])
            c70 = c70 + s * b0; c71 = c71 + s * b1
            w += 8
        }
        store(c00, tile); store(c01, tile + 16)
        store(c10, tile + 32); store(c11, tile + 48)
        store(c20, tile + 64); store(c21, tile + 80)
        store(c30, tile + 96); store(c31, tile + 112)
        store(c40, tile + 128); store(c41, tile + 144)
        store(c50, tile + 160); store(c51, tile + 176)
        store(c60, tile + 192); store(c61, tile + 208)
        store(c70, tile + 224); store(c71, tile + 240)
    }

    @inline(never)
    static func kernel6x16(_ count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                           _ offsets: UnsafePointer<Int>, _ tile: UnsafeMutablePointer<Float>) {
        var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
        var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
        var c40 = SIMD8<Float>(), c41 = SIMD8<Float>(), c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
        var w = a
        for k in 0..<count {
            let p = b + offsets[k]
            let b0 = load8(p), b1 = load8(p + 8)
            var s = SIMD8<Float>(repeating: w[0])
            c00 = c00 + s * b0; c01 = c01 + s * b1
            s = SIMD8<Float>(repeating: w[1])
            c10 = c10 + s * b0; c11 = c11 + s * b1
            s = SIMD8<Float>(repeating: w[2])
            c20 = c20 + s * b0; c21 = c21 + s * b1
            s = SIMD8<Float>(repeating: w[3])
            c30 = c30 + s * b0; c31 = c31 + s * b1
            s = SIMD8<Float>(repeating: w[4])
            c40 = c40 + s * b0; c41 = c41 + s * b1
            s = SIMD8<Float>(repeating: w[5])
            c50 = c50 + s * b0; c51 = c51 + s * b1
            w += 6
        }
        store(c00, tile); store(c01, tile + 8)
        store(c10, tile + 16); store(c11, tile + 24)
        store(c20, tile + 32); store(c21, tile + 40)
        store(c30, tile + 48); store(c31, tile + 56)
        store(c40, tile + 64); store(c41, tile + 72)
        store(c50, tile + 80); store(c51, tile + 88)
    }

    @inline(never)
    static func kernel4x8(_ count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                          _ offsets: UnsafePointer<Int>, _ tile: UnsafeMutablePointer<Float>) {
        var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
        var w = UnsafeRawPointer(a)
        for k in 0..<count {
            let bv = load8(b + offsets[k])
            // Weights are stored as 4 copies each, so one aligned 16-byte load is the broadcast.
            let w0 = w.load(as: SIMD4<Float>.self), w1 = w.load(fromByteOffset: 16, as: SIMD4<Float>.self)
            let w2 = w.load(fromByteOffset: 32, as: SIMD4<Float>.self), w3 = w.load(fromByteOffset: 48, as: SIMD4<Float>.self)
            c0 = c0 + SIMD8(lowHalf: w0, highHalf: w0) * bv
            c1 = c1 + SIMD8(lowHalf: w1, highHalf: w1) * bv
            c2 = c2 + SIMD8(lowHalf: w2, highHalf: w2) * bv
            c3 = c3 + SIMD8(lowHalf: w3, highHalf: w3) * bv
            w += 64
        }
        store(c0, tile); store(c1, tile + 8); store(c2, tile + 16); store(c3, tile + 24)
    }

    @inline(never)
    static func kernel6x8(_ count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                          _ offsets: UnsafePointer<Int>, _ tile: UnsafeMutablePointer<Float>) {
        var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
        var c4 = SIMD8<Float>(), c5 = SIMD8<Float>()
        var w = UnsafeRawPointer(a)
        for k in 0..<count {
            let bv = load8(b + offsets[k])
            let w0 = w.load(as: SIMD4<Float>.self), w1 = w.load(fromByteOffset: 16, as: SIMD4<Float>.self)
            c0 = c0 + SIMD8(lowHalf: w0, highHalf: w0) * bv
            c1 = c1 + SIMD8(lowHalf: w1, highHalf: w1) * bv
            let w2 = w.load(fromByteOffset: 32, as: SIMD4<Float>.self), w3 = w.load(fromByteOffset: 48, as: SIMD4<Float>.self)
            c2 = c2 + SIMD8(lowHalf: w2, highHalf: w2) * bv
            c3 = c3 + SIMD8(lowHalf: w3, highHalf: w3) * bv
            let w4 = w.load(fromByteOffset: 64, as: SIMD4<Float>.self), w5 = w.load(fromByteOffset: 80, as: SIMD4<Float>.self)
            c4 = c4 + SIMD8(lowHalf: w4, highHalf: w4) * bv
            c5 = c5 + SIMD8(lowHalf: w5, highHalf: w5) * bv
            w += 96
        }
        store(c0, tile); store(c1, tile + 8); store(c2, tile + 16); store(c3, tile + 24)
        store(c4, tile + 32); store(c5, tile + 40)
    }
}
