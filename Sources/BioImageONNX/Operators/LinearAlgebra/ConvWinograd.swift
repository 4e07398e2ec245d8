import BioImageTensor
import Dispatch
import Foundation

/// The Winograd F(2×2, 3×3) path of `Conv` for 3×3, stride-1, dilation-1, pad-1, ungrouped 2-D
/// float32 convolutions with enough channels: 2.25× fewer multiply-adds than the direct path.
///
/// The image is processed in bands of tile rows: each band's input is transformed into 16
/// `inChannels × tiles` matrices, multiplied by the 16 transformed weight matrices on the packed
/// tiled GEMM, and transformed back with bias and activation fused (``WinogradTransforms``). A band
/// holds a few MB, so the transformed data stays in cache and memory does not grow with the image.
/// One instance lives in each `Conv` kernel and keeps the transformed, packed weights of the last
/// `W` it saw (initializers: transformed once).
final class ConvWinograd: @unchecked Sendable {
    /// Transformed and packed weights for one `W`.
    private final class PackedWeights: @unchecked Sendable {
        let source: [Float]
        let pointer: UnsafeMutablePointer<Float>
        /// Floats per frequency.
        let frequencySize: Int

        init(source: [Float], pointer: UnsafeMutablePointer<Float>, frequencySize: Int) {
            self.source = source
            self.pointer = pointer
            self.frequencySize = frequencySize
        }

        deinit { pointer.deallocate() }
    }

    private let lock = NSLock()
    private var cached: PackedWeights?

    /// Floats of transformed input and products one band aims for.
    let bandFloats: Int

    /// Creates the path with bands of about `bandFloats` transformed floats (tests use small bands).
    init(bandFloats: Int = ConvWinograd.defaultBandFloats) {
        self.bandFloats = max(1, bandFloats)
    }

    /// The default band size (4 MiB of transformed input and products).
    static let defaultBandFloats = 1 << 20

    /// Whether `BIOIMAGEIO_ONNX_WINOGRAD=0` turned the path off (to compare with the direct path).
    static let disabled = ProcessInfo.processInfo.environment["BIOIMAGEIO_ONNX_WINOGRAD"] == "0"

    /// Whether the Winograd path computes this convolution (and is expected to be faster).
    ///
    /// Measured on one thread, baseline x86-64, 64² and 256² images, Winograd time / direct time:
    /// 8→8 1.06–1.15, 8→16 1.07–1.20, 16→8 0.87–0.94, 16→16 0.86–0.96, 32→32 0.60–0.62 (the
    /// transforms are memory-bound, so few input channels do not pay for them).
    static func applies(to g: ConvGeometry) -> Bool {
        !disabled && g.group == 1 && g.kernel == [1, 3, 3] && g.strides == [1, 1, 1] && g.dilations == [1, 1, 1]
            && g.pads == [0, 1, 1, 0, 1, 1] && g.inSpatial[0] == 1 && g.batch > 0
            && g.inChannels >= 16 && g.outChannels >= 8 && g.inSpatial[1] >= 4 && g.inSpatial[2] >= 4
    }

    /// Returns the packed transformed weights for `w`, building them when `w` changed.
    private func weights(_ w: Tensor<Float>, kernel: MicroKernel, outChannels: Int, inChannels: Int) -> PackedWeights {
        lock.lock()
        defer { lock.unlock() }
        // Array equality first compares storage identity, so an unchanged initializer costs nothing.
        if let cached, cached.source == w.scalars { return cached }
        let plane = outChannels * inChannels
        let frequencySize = PackedPanels.size(kernel, rowCount: outChannels, depth: inChannels)
        let transformed = UnsafeMutablePointer<Float>.allocate(capacity: 16 * plane)
        defer { transformed.deallocate() }
        w.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            WinogradTransforms.transformWeights(base, outChannels: outChannels, inChannels: inChannels, into: transformed)
        }
        let packed = UnsafeMutableRawPointer.allocate(byteCount: 16 * frequencySize * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: 16 * frequencySize)
        for f in 0..<16 {
            PackedPanels.pack(kernel, rowCount: outChannels, depth: inChannels, source: transformed + f * plane,
                              rowStride: inChannels, columnStride: 1, into: packed + f * frequencySize)
        }
        let result = PackedWeights(source: w.scalars, pointer: packed, frequencySize: frequencySize)
        cached = result
        return result
    }

    /// Computes the convolution; `applies(to: g)` must hold.
    func convolve(x: Tensor<Float>, w: Tensor<Float>, bias: Tensor<Float>?, geometry g: ConvGeometry,
                  activation: FusedActivation, threads: Int) -> [Float] {
        let kernel = MicroKernel.preferred
        let cin = g.inChannels, cout = g.outChannels
        let height = g.inSpatial[1], width = g.inSpatial[2]
        let planeSize = height * width
        let packed = weights(w, kernel: kernel, outChannels: cout, inChannels: cin)
        let tilesY = (height + 1) / 2, tilesX = (width + 1) / 2
        let group = WinogradTransforms.group
        let paddedTiles = (tilesX + group - 1) / group * group
        let bandRows = max(1, min(tilesY, bandFloats / (16 * (cin + cout) * paddedTiles)))
        let rounded = (bandRows * paddedTiles + 15) / 16 * 16
        let pitch = rounded % 1024 < 64 || rounded % 1024 > 960 ? rounded + 80 : rounded
        // Frequencies a few cache lines off 4 KiB multiples, so the 16 streams do not share L1 sets.
        let vStride = cin * pitch + 144, mStride = cout * pitch + 144
        let stripFloats = (2 * bandRows + 2) * WinogradTransforms.stripWidth(paddedTiles: paddedTiles)
        let scratchFloats = 16 * vStride + 16 * mStride + 64

        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: cin)
        defer { offsets.deallocate() }
        for k in 0..<cin { offsets[k] = k * pitch }
        let biasValues = bias?.scalars ?? []

        // Bands run in parallel, one worker per thread, each with its own scratch and single-threaded
        // phases: three fork/joins per band cost more than they gain once the GEMM is fast.
        var bands: [(n: Int, rows: Range<Int>)] = []
        for n in 0..<g.batch {
            var first = 0
            while first < tilesY {
                let rows = first..<min(tilesY, first + bandRows)
                bands.append((n, rows))
                first = rows.upperBound
            }
        }
        let workers = max(1, min(threads, bands.count))
        let gemmThreads = workers == 1 ? threads : 1   // a single band still spreads its products
        let bandList = bands
        return HugePages.makeArray(count: g.batch * cout * planeSize, minimumByteCount: 1 << 21) { result in
            guard let resultBase = result.baseAddress else { return }
            ScratchPool.shared.withBuffer(byteCount: workers * scratchFloats * 4) { raw in
                let scratch = raw.bindMemory(to: Float.self, capacity: workers * scratchFloats)
                x.withUnsafeBufferPointer { xBuffer in
                    guard let xBase = xBuffer.baseAddress else { return }
                    biasValues.withUnsafeBufferPointer { biasBuffer in
                        let shared = UncheckedBox((x: xBase, scratch: scratch, out: resultBase,
                                                   offsets: UnsafePointer(offsets), bias: biasBuffer))
                        ConvWinograd.parallel(workers, threads: workers) { worker in
                            let s = shared.value
                            let v = s.scratch + worker * scratchFloats
                            let m = v + 16 * vStride
                            let strip = UnsafeMutablePointer<Float>.allocate(capacity: stripFloats)
                            defer { strip.deallocate() }
                            var index = worker
                            while index < bandList.count {
                                let (n, rows) = bandList[index]
                                let columns = rows.count * paddedTiles
                                // 1. Input transform.
                                for c in 0..<cin {
                                    WinogradTransforms.transformInput(
                                        plane: s.x + (n * cin + c) * planeSize, height: height, width: width, tileRows: rows,
                                        paddedTiles: paddedTiles, strip: strip, v: v + c * pitch, frequencyStride: vStride)
                                }
                                // 2. Sixteen products M_f = U_f × V_f on the tiled GEMM.
                                let units = (0..<16).map { f in
                                    GEMMUnit(a: UnsafePointer(packed.pointer + f * packed.frequencySize),
                                             b: UnsafePointer(v + f * vStride), c: m + f * mStride, bias: nil)
                                }
                                TiledGEMM.run(kernel: kernel, units: units, rowCount: cout, depth: cin, offsets: s.offsets,
                                              layout: .matrix(columns: columns, ldb: pitch), ldc: pitch,
                                              mode: .store(.identity), threads: gemmThreads)
                                // 3. Output transform with bias and activation.
                                for o in 0..<cout {
                                    WinogradTransforms.transformOutput(
                                        m: UnsafePointer(m + o * pitch), frequencyStride: mStride, tileRows: rows,
                                        tiles: tilesX, paddedTiles: paddedTiles, plane: s.out + (n * cout + o) * planeSize,
                                        height: height, width: width, bias: s.bias.isEmpty ? 0 : s.bias[o],
                                        activation: activation)
                                }
                                index += workers
                            }
                        }
                    }
                }
            }
        }
    }

    /// Runs `body(0..<count)` on up to `threads` threads.
    private static func parallel(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        if threads <= 1 || count <= 1 {
            for i in 0..<count { body(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }
}
