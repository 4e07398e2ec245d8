/// Raw deflate (RFC 1951) decompression: stored, fixed and dynamic Huffman blocks, strictly validated.
public enum Inflate {
    /// The largest capacity reserved up front from `expectedSize`, so a forged size cannot force a huge allocation.
    public static let maxReservedCapacity = 64 << 20

    /// Decompresses a raw deflate stream (no zlib or gzip header).
    ///
    /// - Parameters:
    ///   - data: The compressed bytes; bytes after the final block are ignored.
    ///   - expectedSize: A capacity hint (for example the size a zip header declares); it is capped at
    ///     `maxReservedCapacity` and never trusted.
    ///   - limit: The most output bytes allowed; exceeding it throws `.outputLimitExceeded`.
    /// - Throws: `CompressionError` naming the problem and its bit offset.
    public static func decompress(
        _ data: UnsafeRawBufferPointer, expectedSize: Int? = nil, limit: Int
    ) throws(CompressionError) -> [UInt8] {
        var decoder = InflateDecoder(input: data, expectedSize: expectedSize, limit: limit)
        return try decoder.run()
    }
}
