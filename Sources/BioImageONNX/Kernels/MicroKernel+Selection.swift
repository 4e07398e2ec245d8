import Dispatch
import Foundation

extension MicroKernel {
    /// The fastest kernel for the instruction set this binary was compiled for, measured once.
    ///
    /// Swift cannot test target features at compile time, and the best register blocking depends
    /// on them (16 SSE registers in a baseline x86-64 build: `rows4x8`/`rows6x8` reach ~42 GFLOP/s on
    /// the Zen 4 development machine; 32 AVX-512 registers with `-target-cpu native`: `rows16x16`
    /// reaches ~118 GFLOP/s, where the SSE kernels stay under 80). So each candidate runs a short in-cache product (~1 ms) and the
    /// fastest wins; ties go to the wider kernel. All kernels sum in the same order, so the choice
    /// never changes results. `BIOIMAGEIO_ONNX_MICROKERNEL=<case name>` (e.g. `rows16x16`) overrides it.
    static let preferred: MicroKernel = {
        if let name = ProcessInfo.processInfo.environment["BIOIMAGEIO_ONNX_MICROKERNEL"],
           let forced = MicroKernel.allCases.first(where: { "\($0)" == name }) {
            return forced
        }
        var best = MicroKernel.rows8x32
        var bestRate = 0.0
        for kernel in MicroKernel.allCases {
            let rate = kernel.measuredRate()
            if rate > bestRate * 1.1 {
                best = kernel
                bestRate = rate
            }
        }
        return best
    }()

    /// Multiply-adds per nanosecond on a small product that fits in L1.
    func measuredRate() -> Double {
        let depth = 64, stride = 64
        let panel = PackedPanels.panelSize(self, depth: depth)
        let memory = UnsafeMutableRawPointer.allocate(byteCount: (panel + depth * stride + stride + rows * width) * 4, alignment: 64)
        defer { memory.deallocate() }
        let floats = memory.bindMemory(to: Float.self, capacity: panel + depth * stride + stride + rows * width)
        for i in 0..<(panel + depth * stride + stride) { floats[i] = Float(i % 7) * 0.125 }
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: depth)
        defer { offsets.deallocate() }
        for k in 0..<depth { offsets[k] = k * stride }
        let a = UnsafePointer(floats), b = UnsafePointer(floats + panel), tile = floats + panel + depth * stride + stride
        let repeats = 4096 / (rows * width / 32)
        var best = UInt64.max
        for _ in 0..<4 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<repeats { run(count: depth, a: a, b: b, offsets: offsets, tile: tile) }
            best = min(best, DispatchTime.now().uptimeNanoseconds - start)
        }
        return Double(repeats * depth * rows * width) / Double(max(best, 1))
    }
}
