import Foundation

/// A zip archive opened for reading: its entries, validated at open time, and their contents on demand.
///
/// Opening parses the end-of-central-directory record (zip64 included), the central directory and
/// every local header, and rejects hostile archives before any data is decompressed: unsafe names
/// (`../`, absolute paths, drive letters), duplicate names, overlapping or out-of-range entries, and
/// declared sizes beyond `ZipLimits`. Reading an entry checks encryption, the method, the size
/// (decompression is capped at the declared size) and the CRC-32.
///
/// ```swift
/// let archive = try ZipArchive(contentsOf: url)
/// if let entry = archive.entry(named: "rdf.yaml") { let yaml = try archive.contents(of: entry) }
/// ```
public struct ZipArchive: Sendable {
    /// The entries, in central directory order.
    public private(set) var entries: [ZipEntry]
    /// The archive comment (decoded as UTF-8 when valid, otherwise as code page 437).
    public private(set) var comment: String
    /// The limits this archive was opened with.
    public let limits: ZipLimits

    let data: Data
    let locations: [ZipEntryLocation]
    let index: [String: Int]

    /// Opens an archive held in memory.
    ///
    /// - Throws: `ZipError` for malformed or hostile archives (see `ZipError.Code`).
    public init(data: Data, limits: ZipLimits = ZipLimits()) throws(ZipError) {
        let parsed: Result<ZipDirectoryParser.Result, ZipError> = data.withUnsafeBytes { raw in
            Result { () throws(ZipError) in try ZipDirectoryParser(bytes: ZipBytes(base: raw), limits: limits).parse() }
        }
        let result = try parsed.get()
        self.data = data
        self.limits = limits
        self.entries = result.entries
        self.locations = result.locations
        self.index = result.index
        self.comment = result.comment
    }

    /// Opens an archive file (memory-mapped).
    ///
    /// - Throws: `ZipError.Code.ioFailure` when the file cannot be read, otherwise as `init(data:limits:)`.
    public init(contentsOf url: URL, limits: ZipLimits = ZipLimits()) throws(ZipError) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw ZipError(code: .ioFailure, message: "cannot read '\(url.path)': \(error.localizedDescription)")
        }
        try self.init(data: data, limits: limits)
    }

    /// The entry named `name` (exact match), or `nil`.
    public func entry(named name: String) -> ZipEntry? {
        index[name].map { entries[$0] }
    }

    /// The decompressed contents of the entry named `name`.
    ///
    /// - Throws: `.entryNotFound`, or as `contents(of:)`.
    public func contents(named name: String) throws(ZipError) -> Data {
        guard let entry = entry(named: name) else {
            throw ZipError(code: .entryNotFound, message: "the archive has no entry with this name", entryName: name)
        }
        return try contents(of: entry)
    }

    /// The decompressed contents of `entry`, whose CRC-32 and size have been checked.
    ///
    /// The entry is looked up by name; the archive's own record is used, not the fields of `entry`.
    /// Decompression never produces more than the declared uncompressed size (already checked against
    /// the limits when the archive was opened).
    /// - Throws: `.entryNotFound`, `.encryptedEntry`, `.unsupportedMethod` (naming the method),
    ///   `.sizeMismatch`, `.corruptData` or `.crcMismatch`.
    public func contents(of entry: ZipEntry) throws(ZipError) -> Data {
        guard let k = index[entry.name] else {
            throw ZipError(code: .entryNotFound, message: "the archive has no entry with this name", entryName: entry.name)
        }
        let entry = entries[k], location = locations[k]
        if entry.isEncrypted {
            throw ZipError(
                code: .encryptedEntry, message: "the entry is encrypted (flag bit 0); encrypted entries are not supported",
                entryName: entry.name, offset: entry.localHeaderOffset)
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw ZipError(
                code: .unsupportedMethod,
                message: "the entry uses compression method \(entry.method) (\(ZipEntry.methodName(entry.method))); only 0 (stored) and 8 (deflate) are supported",
                entryName: entry.name, offset: entry.localHeaderOffset)
        }
        let output: Result<Data, ZipError> = data.withUnsafeBytes { raw in
            Result { () throws(ZipError) in
                guard let input = ZipBytes(base: raw).slice(location.dataStart, location.dataEnd - location.dataStart) else {
                    throw ZipError(
                        code: .dataOutOfRange, message: "the entry's data is outside the archive", entryName: entry.name,
                        offset: location.dataStart)
                }
                return try Self.decode(input, entry: entry, location: location)
            }
        }
        return try output.get()
    }

    private static func decode(
        _ input: UnsafeRawBufferPointer, entry: ZipEntry, location: ZipEntryLocation
    ) throws(ZipError) -> Data {
        if entry.method == 0 {
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ZipError(
                    code: .sizeMismatch,
                    message: "the stored entry declares \(entry.uncompressedSize) bytes but holds \(entry.compressedSize)",
                    entryName: entry.name, offset: location.dataStart)
            }
            try checkCRC(CRC32.checksum(bytes: input), entry: entry, location: location)
            return Data(input)
        }
        // Deflate cannot expand more than ~1032:1, so the hint never exceeds what the input can produce.
        let hint = min(entry.uncompressedSize, input.count > Int.max / 2048 ? Int.max : input.count * 1032 + 1024)
        let bytes: [UInt8]
        do {
            bytes = try Inflate.decompress(input, expectedSize: hint, limit: entry.uncompressedSize)
        } catch {
            if error.code == .outputLimitExceeded {
                throw ZipError(
                    code: .sizeMismatch,
                    message: "the entry inflates to more than its declared \(entry.uncompressedSize) bytes",
                    entryName: entry.name, offset: location.dataStart)
            }
            throw ZipError(
                code: .corruptData, message: "invalid deflate data: \(error.description)", entryName: entry.name,
                offset: location.dataStart + (error.offset ?? 0) / 8)
        }
        guard bytes.count == entry.uncompressedSize else {
            throw ZipError(
                code: .sizeMismatch,
                message: "the entry inflates to \(bytes.count) bytes but declares \(entry.uncompressedSize)",
                entryName: entry.name, offset: location.dataStart)
        }
        try checkCRC(bytes.withUnsafeBytes { CRC32.checksum(bytes: $0) }, entry: entry, location: location)
        return Data(bytes)
    }

    private static func checkCRC(_ crc: UInt32, entry: ZipEntry, location: ZipEntryLocation) throws(ZipError) {
        guard crc == entry.crc32 else {
            throw ZipError(
                code: .crcMismatch,
                message: "CRC-32 mismatch: declared \(hex(entry.crc32)), computed \(hex(crc))",
                entryName: entry.name, offset: location.dataStart)
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
