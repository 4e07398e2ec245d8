import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds a zip archive in memory from stored or deflated entries and writes it atomically.
///
/// Entries get complete local headers (sizes and CRC-32 known up front, so no data descriptors), a
/// central directory and an end record; zip64 records are added when an archive has more than 65 535
/// entries or a size or offset reaches 4 GiB, or always with `forceZip64` (as the reference's
/// `save_bioimageio_package` does). Names must be safe relative paths (the rules `ZipArchive` checks)
/// and are flagged UTF-8 when they are not ASCII. All entries carry `modification` (by default the zip
/// epoch 1980-01-01 00:00), so the same inputs always give the same bytes.
///
/// ```swift
/// var writer = ZipWriter()
/// try writer.add(name: "rdf.yaml", data: yaml)
/// try writer.write(to: packageURL)
/// ```
public struct ZipWriter: Sendable {
    /// How an entry's data is stored.
    public enum Method: Sendable, Hashable {
        /// Uncompressed (method 0).
        case stored
        /// Raw deflate (method 8) at `level` 0…9 (6 is zlib's default; 1 is what the reference uses).
        case deflated(level: Int)
    }

    /// Always write zip64 extra fields and end records, even for small archives (default `false`).
    public var forceZip64 = false
    /// The modification time stamped on entries added from now on (default 1980-01-01 00:00:00).
    public var modification = ZipDOSDateTime()
    /// The archive comment (written as UTF-8, at most 65 535 bytes; longer comments are truncated).
    public var comment = ""
    /// The entries added so far, in order.
    public private(set) var entries: [ZipEntry] = []

    /// Sizes and offsets at or above this use zip64 fields (tests lower it to exercise zip64 without 4 GiB of data).
    var zip64Threshold = Int(ZipFormat.sentinel32)
    private var output: [UInt8] = []
    private var usesZip64: [Bool] = []
    private var names: Set<String> = []

    /// Creates an empty writer.
    public init() {}

    /// The number of bytes written so far (local headers and data, without the central directory).
    public var byteCount: Int { output.count }

    /// Adds a file entry.
    ///
    /// - Throws: `ZipError` with the name rules' codes (`.pathTraversal`, `.absolutePath`, …),
    ///   `.duplicateEntryName`, or `.invalidArgument` (a name ending in `/` with data, a name over 65 535 bytes).
    public mutating func add(name: String, data: Data, method: Method = .deflated(level: 6)) throws(ZipError) {
        try checkName(name)
        if name.hasSuffix("/") && !data.isEmpty {
            throw ZipError(
                code: .invalidArgument, message: "a directory entry (name ending in '/') cannot hold data", entryName: name)
        }
        data.withUnsafeBytes { raw in
            let crc = CRC32.checksum(bytes: raw)
            switch method {
            case .stored:
                append(name: name, crc: crc, uncompressedSize: raw.count, payload: raw, method: 0)
            case .deflated(let level):
                let compressed = Deflate.compress(raw, level: level)
                compressed.withUnsafeBytes { append(name: name, crc: crc, uncompressedSize: raw.count, payload: $0, method: 8) }
            }
        }
    }

    /// Adds a directory entry; a `/` is appended to `name` when missing.
    ///
    /// - Throws: as `add(name:data:method:)`.
    public mutating func addDirectory(name: String) throws(ZipError) {
        let directory = name.hasSuffix("/") ? name : name + "/"
        try checkName(directory)
        append(name: directory, crc: 0, uncompressedSize: 0, payload: UnsafeRawBufferPointer(start: nil, count: 0), method: 0)
    }

    private func checkName(_ name: String) throws(ZipError) {
        try ZipEntryName.validate(name, offset: nil)
        if name.utf8.count > 0xFFFF {
            throw ZipError(code: .invalidArgument, message: "the entry name is longer than 65 535 bytes", entryName: String(name.prefix(64)))
        }
        if names.contains(name) {
            throw ZipError(code: .duplicateEntryName, message: "an entry with this name was already added", entryName: name)
        }
    }

    private mutating func append(
        name: String, crc: UInt32, uncompressedSize: Int, payload: UnsafeRawBufferPointer, method: UInt16
    ) {
        let nameBytes = Array(name.utf8)
        let utf8 = nameBytes.contains { $0 >= 0x80 }
        let zip64 = forceZip64 || uncompressedSize >= zip64Threshold || payload.count >= zip64Threshold
        let flags: UInt16 = utf8 ? ZipFormat.flagUTF8 : 0
        let entry = ZipEntry(
            name: name, compressedSize: payload.count, uncompressedSize: uncompressedSize, method: method, crc32: crc,
            isDirectory: name.hasSuffix("/"), flags: flags, modification: modification, localHeaderOffset: output.count)
        output.reserveCapacity(output.count + 30 + nameBytes.count + 20 + payload.count)
        output.zipAppendLE(ZipFormat.localHeaderSignature)
        output.zipAppendLE(Self.versionNeeded(method: method, isDirectory: entry.isDirectory, zip64: zip64))
        output.zipAppendLE(flags)
        output.zipAppendLE(method)
        output.zipAppendLE(modification.time)
        output.zipAppendLE(modification.date)
        output.zipAppendLE(crc)
        output.zipAppendLE(zip64 ? ZipFormat.sentinel32 : UInt32(payload.count))
        output.zipAppendLE(zip64 ? ZipFormat.sentinel32 : UInt32(uncompressedSize))
        output.zipAppendLE(UInt16(nameBytes.count))
        output.zipAppendLE(UInt16(zip64 ? 20 : 0))
        output.append(contentsOf: nameBytes)
        if zip64 {
            output.zipAppendLE(ZipFormat.zip64ExtraID)
            output.zipAppendLE(UInt16(16))
            output.zipAppendLE(UInt64(uncompressedSize))
            output.zipAppendLE(UInt64(payload.count))
        }
        output.append(contentsOf: payload)
        entries.append(entry)
        usesZip64.append(zip64)
        names.insert(name)
    }

    private static func versionNeeded(method: UInt16, isDirectory: Bool, zip64: Bool) -> UInt16 {
        if zip64 { return 45 }
        return method == 8 || isDirectory ? 20 : 10
    }

    /// The complete archive: local records, central directory and end record(s).
    public func archiveData() -> Data {
        var tail: [UInt8] = []
        tail.reserveCapacity(entries.count * 80 + 120)
        for (k, entry) in entries.enumerated() {
            let zip64 = usesZip64[k]
            let offsetZip64 = entry.localHeaderOffset >= zip64Threshold
            let nameBytes = Array(entry.name.utf8)
            var extra: [UInt8] = []
            if zip64 || offsetZip64 {
                extra.zipAppendLE(ZipFormat.zip64ExtraID)
                extra.zipAppendLE(UInt16((zip64 ? 16 : 0) + (offsetZip64 ? 8 : 0)))
                if zip64 {
                    extra.zipAppendLE(UInt64(entry.uncompressedSize))
                    extra.zipAppendLE(UInt64(entry.compressedSize))
                }
                if offsetZip64 { extra.zipAppendLE(UInt64(entry.localHeaderOffset)) }
            }
            let needed = Self.versionNeeded(method: entry.method, isDirectory: entry.isDirectory, zip64: zip64 || offsetZip64)
            tail.zipAppendLE(ZipFormat.centralHeaderSignature)
            tail.zipAppendLE(UInt16(3 << 8) | needed)  // made by Unix, so the external attributes carry permissions
            tail.zipAppendLE(needed)
            tail.zipAppendLE(entry.flags)
            tail.zipAppendLE(entry.method)
            tail.zipAppendLE(entry.modification.time)
            tail.zipAppendLE(entry.modification.date)
            tail.zipAppendLE(entry.crc32)
            tail.zipAppendLE(zip64 ? ZipFormat.sentinel32 : UInt32(entry.compressedSize))
            tail.zipAppendLE(zip64 ? ZipFormat.sentinel32 : UInt32(entry.uncompressedSize))
            tail.zipAppendLE(UInt16(nameBytes.count))
            tail.zipAppendLE(UInt16(extra.count))
            tail.zipAppendLE(UInt16(0))  // comment length
            tail.zipAppendLE(UInt16(0))  // disk number start
            tail.zipAppendLE(UInt16(0))  // internal attributes
            tail.zipAppendLE(entry.isDirectory ? UInt32(0o40755) << 16 | 0x10 : UInt32(0o100644) << 16)
            tail.zipAppendLE(offsetZip64 ? ZipFormat.sentinel32 : UInt32(entry.localHeaderOffset))
            tail.append(contentsOf: nameBytes)
            tail.append(contentsOf: extra)
        }
        let directoryOffset = output.count, directorySize = tail.count, count = entries.count
        let needsZip64 = forceZip64 || count >= 0xFFFF || directoryOffset >= zip64Threshold
            || directorySize >= zip64Threshold
        if needsZip64 {
            let recordOffset = directoryOffset + directorySize
            tail.zipAppendLE(ZipFormat.zip64EndOfCentralDirectorySignature)
            tail.zipAppendLE(UInt64(ZipFormat.zip64EndOfCentralDirectorySize - 12))
            tail.zipAppendLE(UInt16(3 << 8 | 45))
            tail.zipAppendLE(UInt16(45))
            tail.zipAppendLE(UInt32(0))
            tail.zipAppendLE(UInt32(0))
            tail.zipAppendLE(UInt64(count))
            tail.zipAppendLE(UInt64(count))
            tail.zipAppendLE(UInt64(directorySize))
            tail.zipAppendLE(UInt64(directoryOffset))
            tail.zipAppendLE(ZipFormat.zip64LocatorSignature)
            tail.zipAppendLE(UInt32(0))
            tail.zipAppendLE(UInt64(recordOffset))
            tail.zipAppendLE(UInt32(1))
        }
        let commentBytes = Array(comment.utf8.prefix(ZipFormat.maxCommentLength))
        tail.zipAppendLE(ZipFormat.endOfCentralDirectorySignature)
        tail.zipAppendLE(UInt16(0))
        tail.zipAppendLE(UInt16(0))
        let count16 = count >= 0xFFFF ? ZipFormat.sentinel16 : UInt16(count)
        tail.zipAppendLE(count16)
        tail.zipAppendLE(count16)
        tail.zipAppendLE(directorySize >= zip64Threshold ? ZipFormat.sentinel32 : UInt32(directorySize))
        tail.zipAppendLE(directoryOffset >= zip64Threshold ? ZipFormat.sentinel32 : UInt32(directoryOffset))
        tail.zipAppendLE(UInt16(commentBytes.count))
        tail.append(contentsOf: commentBytes)
        var data = Data(capacity: output.count + tail.count)
        data.append(contentsOf: output)
        data.append(contentsOf: tail)
        return data
    }

    /// Writes the archive to `url` through a temporary file in the same folder, moved into place at the end,
    /// so a failure never leaves a partial archive at `url` (an existing file is replaced only on success).
    ///
    /// - Throws: `.ioFailure` naming the path and the cause.
    public func write(to url: URL) throws(ZipError) {
        let manager = FileManager.default
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        do {
            try archiveData().write(to: temporary, options: .withoutOverwriting)
        } catch {
            try? manager.removeItem(at: temporary)
            throw ZipError(code: .ioFailure, message: "cannot write '\(temporary.path)': \(error.localizedDescription)")
        }
        // rename(2) replaces an existing file atomically (FileManager.replaceItemAt is unreliable on Linux).
        let failure: Int32? = temporary.withUnsafeFileSystemRepresentation { from in
            url.withUnsafeFileSystemRepresentation { to in
                guard let from, let to else { return EINVAL }
                return rename(from, to) == 0 ? nil : errno
            }
        }
        if let failure {
            let reason = String(cString: strerror(failure))
            try? manager.removeItem(at: temporary)
            throw ZipError(code: .ioFailure, message: "cannot move the archive into place at '\(url.path)': \(reason)")
        }
    }
}
