import Dispatch
import Foundation

/// Splits index ranges across cores for the element-wise and reduction kernels.
enum Parallel {
    /// The number of worker chunks to use (the active processor count, at least 1).
    static let workerCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Below this many elements a kernel runs on the calling thread (thread start-up costs more).
    static let minimumParallelCount = 1 << 16

    /// Calls `body` on disjoint sub-ranges covering `0..<count`, concurrently when `count` is
    /// large. Chunk boundaries are multiples of 64 elements so SIMD loops see aligned starts.
    static func forEachChunk(count: Int, minimumCount: Int = minimumParallelCount, _ body: (Range<Int>) -> Void) {
        // Several chunks per core when there is plenty of work, so a core slowed by other processes
        // does not hold up the whole operation.
        let chunks = count < minimumCount ? 1
            : count >= 16 * minimumCount ? workerCount * 4
            : min(workerCount, max(1, count / (minimumCount / 2)))
        if chunks <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        let per = ((count + chunks - 1) / chunks + 63) & ~63
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = min(count, chunk * per)
                let end = min(count, start + per)
                if start < end { box.value(start..<end) }
            }
        }
    }

    /// Runs `body(i)` for `i` in `0..<iterations`, concurrently when `parallel` is true.
    static func forEach(iterations: Int, parallel: Bool, _ body: (Int) -> Void) {
        if !parallel || iterations <= 1 || workerCount == 1 {
            for i in 0..<iterations { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: iterations) { box.value($0) }
        }
    }
}

/// Carries a value into `concurrentPerform`; the kernels only hand disjoint ranges to each worker.
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
