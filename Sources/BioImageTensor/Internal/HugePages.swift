#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux for transparent huge pages on large tensor buffers before they are first written.
///
/// With THP in `madvise` mode (a common default) a fresh 64 MB buffer otherwise takes ~16 000 page
/// faults on first touch; numpy advises huge pages for every allocation of 4 MB or more, and so do
/// we. A no-op on other platforms and for small buffers; failures are ignored (it is only advice).
package enum HugePages {
    /// Buffers at least this large are advised.
    package static let threshold = 1 << 22

    /// Advises huge pages for the whole pages inside `[pointer, pointer + byteCount)` when the
    /// range is at least `minimumByteCount` bytes (default ``threshold``).
    package static func advise(_ pointer: UnsafeMutableRawPointer, byteCount: Int, minimumByteCount: Int = threshold) {
        #if os(Linux) && canImport(Glibc)
        guard byteCount >= minimumByteCount else { return }
        let page = 4096
        let start = (Int(bitPattern: pointer) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: pointer) + byteCount) & ~(page - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, 14)  // MADV_HUGEPAGE
        #endif
    }

    /// An array of `count` elements initialized by `body`, its buffer advised first (for kernels
    /// that fill a fresh output buffer once).
    @inline(__always)
    package static func makeArray<T>(count: Int, minimumByteCount: Int = threshold,
                                     _ body: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                advise(UnsafeMutableRawPointer(base), byteCount: count * MemoryLayout<T>.stride, minimumByteCount: minimumByteCount)
            }
            body(buffer)
            initialized = count
        }
    }
}
