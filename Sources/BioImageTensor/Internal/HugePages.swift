#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux for transparent huge pages on large tensor buffers before they are first written.
///
/// With THP in `madvise` mode (a common default) a fresh 64 MB buffer otherwise takes ~16 000 page
/// faults on first touch; numpy advises huge pages for every allocation of 4 MB or more, and so do
/// we. A no-op on other platforms and for small buffers; failures are ignored (it is only advice).
enum HugePages {
    /// Buffers at least this large are advised.
    static let threshold = 1 << 22

    static func advise(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux) && canImport(Glibc)
        guard byteCount >= threshold else { return }
        let page = 4096
        let start = (Int(bitPattern: pointer) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: pointer) + byteCount) & ~(page - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, 14)  // MADV_HUGEPAGE
        #endif
    }
}
