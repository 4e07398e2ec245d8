/// Raw deflate (RFC 1951) compression: LZ77 with hash chains and dynamic Huffman blocks.
public enum Deflate {
    /// Compresses `data` into a raw deflate stream (no zlib or gzip header).
    ///
    /// `level` 0 writes stored blocks only; 1…9 trade speed for size like zlib's levels
    /// (6 is the default). Levels outside 0…9 are clamped.
    public static func compress(_ data: UnsafeRawBufferPointer, level: Int = 6) -> [UInt8] {
        DeflateEncoder.compress(data, level: level)
    }
}
