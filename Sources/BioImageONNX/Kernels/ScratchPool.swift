import BioImageTensor
import Foundation

/// Large scratch buffers kept between kernel calls, so a convolution's padded input does not cost a
/// fresh `mmap`, thousands of page faults and a page-clearing pass on every call.
///
/// Buffers are 64-byte aligned, uninitialised and lent to one caller at a time; at most
/// ``retainedLimit`` bytes stay cached when idle (the largest buffers are kept).
final class ScratchPool: @unchecked Sendable {
    /// The pool the kernels share.
    static let shared = ScratchPool()

    /// The most memory kept cached while no kernel runs.
    let retainedLimit = 96 << 20

    private let lock = NSLock()
    private var idle: [(pointer: UnsafeMutableRawPointer, byteCount: Int)] = []

    /// Lends a buffer of at least `byteCount` bytes to `body`, then takes it back.
    func withBuffer<R>(byteCount: Int, _ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        let size = max(64, byteCount)
        var buffer: (pointer: UnsafeMutableRawPointer, byteCount: Int)?
        lock.lock()
        if let index = idle.indices.filter({ idle[$0].byteCount >= size }).min(by: { idle[$0].byteCount < idle[$1].byteCount }) {
            buffer = idle.remove(at: index)
        }
        lock.unlock()
        let lent = buffer ?? {
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
            HugePages.advise(pointer, byteCount: size, minimumByteCount: 1 << 21)
            return (pointer, size)
        }()
        defer { giveBack(lent) }
        return try body(lent.pointer)
    }

    private func giveBack(_ buffer: (pointer: UnsafeMutableRawPointer, byteCount: Int)) {
        lock.lock()
        idle.append(buffer)
        idle.sort { $0.byteCount > $1.byteCount }
        var total = 0
        var kept: [(pointer: UnsafeMutableRawPointer, byteCount: Int)] = []
        var released: [UnsafeMutableRawPointer] = []
        for entry in idle {
            if total + entry.byteCount <= retainedLimit {
                kept.append(entry)
                total += entry.byteCount
            } else {
                released.append(entry.pointer)
            }
        }
        idle = kept
        lock.unlock()
        for pointer in released { pointer.deallocate() }
    }
}
