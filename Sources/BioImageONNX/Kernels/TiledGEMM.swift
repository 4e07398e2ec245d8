import Dispatch

/// One independent product of a tiled GEMM (one batch item and group of a convolution).
struct GEMMUnit: @unchecked Sendable {
    /// The packed left operand (``PackedPanels``).
    var a: UnsafePointer<Float>
    /// The right operand's base; column data is read at `b + offsets[k] + position`.
    var b: UnsafePointer<Float>
    /// The output; row `m` starts at `c + m·ldc`.
    var c: UnsafeMutablePointer<Float>
    /// One bias value per row, or `nil`.
    var bias: UnsafePointer<Float>?
}

/// What the epilogue does with a finished tile.
enum GEMMOutputMode: Sendable {
    /// `c = activation(acc + bias)`.
    case store(FusedActivation)
    /// `c = alpha·acc + c` (the output already holds `beta·C`).
    case accumulate(alpha: Float)
}

/// A cache-friendly GEMM driver: `C[m][col] = Σ_k A[m][k] · B[offsets[k] + position(col)]` for
/// every unit, split into column tiles across threads.
///
/// For every tile of ``MicroKernel/width`` columns the right operand is read directly (linear
/// layouts) or gathered once into a `K × width` panel, then every row panel of `A` runs the
/// micro-kernel over it while it is hot in cache; the epilogue adds bias and activation on the
/// way to `C`. Work items are (unit, run of tiles) pairs handed to `concurrentPerform`.
enum TiledGEMM {
    /// How many tiles ahead the direct path touches `B`.
    static let aheadTiles = 2

    /// Runs all units; `offsets` has `depth` entries.
    static func run(kernel: MicroKernel, units: [GEMMUnit], rowCount: Int, depth: Int, offsets: UnsafePointer<Int>,
                    layout: ColumnLayout, ldc: Int, mode: GEMMOutputMode, threads: Int) {
        let width = kernel.width
        let tileCount = (layout.virtualCount + width - 1) / width
        guard tileCount > 0, rowCount > 0, !units.isEmpty else { return }
        // Work per tile ~ rowCount·depth·width; aim for several items per thread, each ≥ ~2 M MACs.
        let tileWork = max(1, rowCount * max(depth, 1) * width)
        let minTiles = max(1, (1 << 21) / tileWork)
        let wanted = threads > 1 ? threads * 6 : 1
        let chunksPerUnit = max(1, min(tileCount / minTiles, (wanted + units.count - 1) / units.count))
        let tilesPerChunk = (tileCount + chunksPerUnit - 1) / chunksPerUnit
        let items = units.count * chunksPerUnit

        let packedOffsets = UnsafeMutablePointer<Int>.allocate(capacity: max(depth, 1))
        defer { packedOffsets.deallocate() }
        for k in 0..<depth { packedOffsets[k] = k * width }
        let shared = UncheckedBox((packedOffsets: UnsafePointer(packedOffsets), offsets: offsets))

        let body: @Sendable (Int) -> Void = { item in
            let unit = units[item / chunksPerUnit]
            let chunk = item % chunksPerUnit
            let first = chunk * tilesPerChunk
            let last = min(tileCount, first + tilesPerChunk)
            guard first < last else { return }
            processTiles(kernel: kernel, unit: unit, tiles: first..<last, rowCount: rowCount, depth: depth,
                         offsets: shared.value.offsets, packedOffsets: shared.value.packedOffsets,
                         layout: layout, ldc: ldc, mode: mode)
        }
        if threads <= 1 || items == 1 {
            for item in 0..<items { body(item) }
        } else {
            DispatchQueue.concurrentPerform(iterations: items, execute: body)
        }
    }

    private static func processTiles(kernel: MicroKernel, unit: GEMMUnit, tiles: Range<Int>, rowCount: Int, depth: Int,
                                     offsets: UnsafePointer<Int>, packedOffsets: UnsafePointer<Int>,
                                     layout: ColumnLayout, ldc: Int, mode: GEMMOutputMode) {
        let width = kernel.width, rows = kernel.rows
        let panelSize = PackedPanels.panelSize(kernel, depth: depth)
        let panels = PackedPanels.panelCount(kernel, rowCount: rowCount)
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: (rows * width + depth * width) * 4 + 64 + width * 16, alignment: 64)
        defer { scratch.deallocate() }
        let tile = scratch.bindMemory(to: Float.self, capacity: rows * width)
        let gathered = (scratch + rows * width * 4).bindMemory(to: Float.self, capacity: depth * width)
        let outIndex = (scratch + (rows * width + depth * width) * 4 + 64).bindMemory(to: Int.self, capacity: width)
        let positions = outIndex + width
        let linear = layout.isLinear
        var touched: Float = 0
        let touchStride = max(1, layout.touchStride)
        defer { tile[0] = touched; keepTouched(tile) }

        // The first tile's (plane, row, column) in the virtual grid, then advanced without divisions.
        var x = (tiles.lowerBound * width) % layout.rowPitch
        var row = (tiles.lowerBound * width) / layout.rowPitch
        var y = row % layout.rowsPerPlane, z = row / layout.rowsPerPlane
        for t in tiles {
            let n0 = t * width
            defer {
                x += width
                while x >= layout.rowPitch {
                    x -= layout.rowPitch
                    row += 1
                    y += 1
                    if y == layout.rowsPerPlane { y = 0; z += 1 }
                }
            }
            // Where each lane goes in the output (-1: padding column), and whether the tile is one run.
            var contiguous = false
            if x + width <= layout.validColumns, y < layout.validRows, n0 + width <= layout.virtualCount {
                contiguous = true
                outIndex[0] = (z * layout.validRows + y) * layout.validColumns + x
                if !(linear && n0 + width <= layout.directLimit) {
                    for j in 1..<width { outIndex[j] = outIndex[0] + j }  // the gather reads every lane's index
                }
            } else {
                var any = false
                for j in 0..<width {
                    let index = layout.outputIndex(n0 + j) ?? -1
                    outIndex[j] = index
                    any = any || index >= 0
                }
                if !any { continue }
            }
            let source: UnsafePointer<Float>
            let tileOffsets: UnsafePointer<Int>
            if linear && n0 + width <= layout.directLimit {
                source = unit.b + n0
                tileOffsets = offsets
                // Touch the lines the tile after next will read: independent loads that miss in
                // parallel now instead of one by one inside the micro-kernel (Swift has no prefetch).
                if n0 + (TiledGEMM.aheadTiles + 1) * width <= layout.directLimit {
                    let ahead = source + TiledGEMM.aheadTiles * width + width - 1
                    var k = 0
                    while k < depth {
                        touched += ahead[offsets[k]]
                        k += touchStride
                    }
                }
            } else {
                gather(unit: unit, n0: n0, width: width, depth: depth, offsets: offsets, layout: layout,
                       outIndex: outIndex, positions: positions, into: gathered)
                source = UnsafePointer(gathered)
                tileOffsets = packedOffsets
            }
            for panel in 0..<panels {
                kernel.run(count: depth, a: unit.a + panel * panelSize, b: source, offsets: tileOffsets, tile: tile)
                let m0 = panel * rows
                GEMMEpilogue.write(tile: tile, width: width, rows: min(rows, rowCount - m0), firstRow: m0,
                                   c: unit.c, ldc: ldc, bias: unit.bias, outIndex: outIndex, contiguous: contiguous,
                                   mode: mode)
            }
        }
    }

    /// Copies the tile's columns of `B` into a `depth × width` panel (zeros for padding lanes).
    private static func gather(unit: GEMMUnit, n0: Int, width: Int, depth: Int, offsets: UnsafePointer<Int>,
                               layout: ColumnLayout, outIndex: UnsafePointer<Int>, positions: UnsafeMutablePointer<Int>,
                               into panel: UnsafeMutablePointer<Float>) {
        for j in 0..<width { positions[j] = outIndex[j] >= 0 ? layout.bPosition(n0 + j) : -1 }
        for k in 0..<depth {
            let row = unit.b + offsets[k]
            let out = panel + k * width
            for j in 0..<width {
                let p = positions[j]
                out[j] = p >= 0 ? row[p] : 0
            }
        }
    }
}

/// Receives the sum of the touch-ahead loads so the optimiser cannot drop them (Swift has no prefetch).
@inline(never)
func keepTouched(_ pointer: UnsafeMutablePointer<Float>) {}

/// Carries pointers into `concurrentPerform`; workers only write disjoint output tiles.
struct UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
