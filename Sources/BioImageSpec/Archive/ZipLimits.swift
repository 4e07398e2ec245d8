import Foundation

/// Limits that protect a reader against zip bombs and forged headers; callers can raise them.
///
/// Declared sizes are checked against these limits when the archive is opened, and decompression is
/// additionally capped at each entry's declared size, so a header that lies cannot make the reader
/// produce more than the limits allow.
public struct ZipLimits: Sendable, Hashable {
    /// The largest uncompressed size of one entry, in bytes (default 8 GiB).
    public var maxEntrySize: Int
    /// The largest total uncompressed size of all entries, in bytes (default 32 GiB).
    public var maxTotalSize: Int
    /// The largest uncompressed/compressed ratio of one entry (default 1000; deflate's ceiling is ~1032).
    public var maxCompressionRatio: Double
    /// Entries smaller than this many uncompressed bytes are exempt from the ratio check (default 1 MiB),
    /// so small, very compressible files (a YAML file of spaces, a zero tensor) are never rejected.
    public var compressionRatioThreshold: Int
    /// The largest number of entries (default 100 000).
    public var maxEntries: Int

    /// Creates the default limits: 8 GiB per entry, 32 GiB in total, ratio 1000 above 1 MiB, 100 000 entries.
    public init() {
        maxEntrySize = 8 << 30
        maxTotalSize = 32 << 30
        maxCompressionRatio = 1000
        compressionRatioThreshold = 1 << 20
        maxEntries = 100_000
    }

    /// Limits that accept anything a well-formed archive can declare (use only for trusted input).
    public static var unlimited: ZipLimits {
        var limits = ZipLimits()
        limits.maxEntrySize = .max
        limits.maxTotalSize = .max
        limits.maxCompressionRatio = .infinity
        limits.maxEntries = .max
        return limits
    }
}
