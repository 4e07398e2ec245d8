import Foundation

/// Where an entry's compressed data lies in the archive, found from its local header at open time.
struct ZipEntryLocation: Sendable, Hashable {
    /// The first byte of the compressed data.
    var dataStart: Int
    /// One past the last byte of the compressed data.
    var dataEnd: Int
}

/// Parses the end-of-central-directory record(s), the central directory and the local headers,
/// checking every offset and size before use.
struct ZipDirectoryParser {
    let bytes: ZipBytes
    let limits: ZipLimits

    /// The result of a successful parse.
    struct Result {
        var entries: [ZipEntry]
        var locations: [ZipEntryLocation]
        var index: [String: Int]
        var comment: String
    }

    /// The central directory's position, size and entry count, from the (zip64) end record.
    private struct DirectoryInfo {
        var start: Int
        var size: Int
        var count: Int
        var base: Int
        var comment: String
    }

    func parse() throws(ZipError) -> Result {
        let directory = try findDirectory()
        var entries: [ZipEntry] = []
        var nameBytes: [Range<Int>] = []
        entries.reserveCapacity(directory.count)
        nameBytes.reserveCapacity(directory.count)
        var index: [String: Int] = [:]
        index.reserveCapacity(directory.count)
        var total = 0
        var p = directory.start
        let end = directory.start + directory.size
        for k in 0..<directory.count {
            guard p <= end - ZipFormat.centralHeaderSize else {
                throw ZipError(
                    code: .truncatedCentralDirectory,
                    message: "the central directory ends after \(k) of \(directory.count) declared entries", offset: p)
            }
            let (entry, next, nameRange) = try parseCentralHeader(at: p, end: end, base: directory.base)
            if index.updateValue(entries.count, forKey: entry.name) != nil {
                throw ZipError(
                    code: .duplicateEntryName, message: "two entries have the same name", entryName: entry.name, offset: p)
            }
            total = try checkLimits(entry, runningTotal: total, offset: p)
            entries.append(entry)
            nameBytes.append(nameRange)
            p = next
        }
        let locations = try locateData(entries, nameBytes: nameBytes, directoryStart: directory.start)
        return Result(entries: entries, locations: locations, index: index, comment: directory.comment)
    }

    // MARK: End of central directory

    private func findEndRecord() throws(ZipError) -> Int {
        let n = bytes.count
        guard n >= ZipFormat.endOfCentralDirectorySize else {
            throw ZipError(
                code: .missingEndOfCentralDirectory,
                message: "the data (\(n) bytes) is too short to be a zip archive (at least 22 bytes)")
        }
        let last = n - ZipFormat.endOfCentralDirectorySize
        let first = max(0, last - ZipFormat.maxCommentLength)
        var i = last
        while i >= first {
            if bytes.base[i] == 0x50, bytes.u32(i) == ZipFormat.endOfCentralDirectorySignature,
                let commentLength = bytes.u16(i + 20), i + ZipFormat.endOfCentralDirectorySize + Int(commentLength) <= n
            {
                return i
            }
            i -= 1
        }
        throw ZipError(
            code: .missingEndOfCentralDirectory,
            message: "no end-of-central-directory record in the last \(n - first) bytes: not a zip archive, or truncated")
    }

    private func findDirectory() throws(ZipError) -> DirectoryInfo {
        let eocd = try findEndRecord()
        let b = bytes
        // All reads below are in range: findEndRecord guarantees 22 bytes at `eocd`.
        let disk = b.u16(eocd + 4) ?? 0, directoryDisk = b.u16(eocd + 6) ?? 0
        var count = UInt64(b.u16(eocd + 10) ?? 0)
        var size = UInt64(b.u32(eocd + 12) ?? 0)
        var offset = UInt64(b.u32(eocd + 16) ?? 0)
        let commentLength = Int(b.u16(eocd + 20) ?? 0)
        let commentBytes = b.slice(eocd + 22, commentLength) ?? UnsafeRawBufferPointer(start: nil, count: 0)
        // The comment has no encoding flag: UTF-8 when it is valid UTF-8, otherwise code page 437.
        let comment = String(bytes: commentBytes, encoding: .utf8)
            ?? (try? ZipEntryName.decode(commentBytes, utf8: false, offset: eocd + 22)) ?? ""
        var directoryEnd = eocd

        let locator = eocd - ZipFormat.zip64LocatorSize
        if locator >= 0, b.u32(locator) == ZipFormat.zip64LocatorSignature {
            let totalDisks = b.u32(locator + 16) ?? 0
            if totalDisks > 1 {
                throw ZipError(code: .multiDiskArchive, message: "the archive spans \(totalDisks) disks", offset: locator)
            }
            let declared = b.u64(locator + 8) ?? .max
            let adjacent = locator - ZipFormat.zip64EndOfCentralDirectorySize
            var record = -1
            if adjacent >= 0, declared <= UInt64(adjacent),
                b.u32(Int(declared)) == ZipFormat.zip64EndOfCentralDirectorySignature
            {
                record = Int(declared)
            } else if adjacent >= 0, b.u32(adjacent) == ZipFormat.zip64EndOfCentralDirectorySignature {
                record = adjacent
            }
            guard record >= 0, let disk64 = b.u32(record + 16), let directoryDisk64 = b.u32(record + 20),
                let count64 = b.u64(record + 32), let size64 = b.u64(record + 40), let offset64 = b.u64(record + 48)
            else {
                throw ZipError(
                    code: .invalidZip64Record,
                    message: "a zip64 locator points to offset \(declared), where there is no zip64 end-of-central-directory record",
                    offset: locator)
            }
            if disk64 != 0 || directoryDisk64 != 0 {
                throw ZipError(code: .multiDiskArchive, message: "the archive spans several disks", offset: record)
            }
            count = count64
            size = size64
            offset = offset64
            directoryEnd = record
        } else if disk != 0 || directoryDisk != 0 {
            throw ZipError(
                code: .multiDiskArchive, message: "the archive spans several disks (disk \(disk), directory on disk \(directoryDisk))",
                offset: eocd)
        }

        guard size <= UInt64(directoryEnd), offset <= UInt64(directoryEnd) else {
            throw ZipError(
                code: .truncatedCentralDirectory,
                message: "the central directory is declared at offset \(offset) with \(size) bytes, but the end record is at \(directoryEnd)",
                offset: directoryEnd)
        }
        let start = directoryEnd - Int(size)
        let base = start - Int(offset)  // > 0 when data was prepended (self-extracting archives)
        guard base >= 0 else {
            throw ZipError(
                code: .truncatedCentralDirectory,
                message: "the central directory is declared at offset \(offset) with \(size) bytes, past the end record at \(directoryEnd)",
                offset: directoryEnd)
        }
        if count > UInt64(limits.maxEntries) {
            throw ZipError(
                code: .tooManyEntries, message: "the archive declares \(count) entries; the limit is \(limits.maxEntries)",
                offset: directoryEnd)
        }
        if count > size / UInt64(ZipFormat.centralHeaderSize) {
            throw ZipError(
                code: .truncatedCentralDirectory,
                message: "the central directory declares \(count) entries but has only \(size) bytes", offset: start)
        }
        return DirectoryInfo(start: start, size: Int(size), count: Int(count), base: base, comment: comment)
    }

    // MARK: Central directory records

    private func parseCentralHeader(at p: Int, end: Int, base: Int) throws(ZipError) -> (ZipEntry, Int, Range<Int>) {
        let b = bytes
        guard b.u32(p) == ZipFormat.centralHeaderSignature else {
            throw ZipError(code: .invalidCentralDirectory, message: "wrong central directory record signature", offset: p)
        }
        let flags = b.u16(p + 8) ?? 0, method = b.u16(p + 10) ?? 0
        let time = b.u16(p + 12) ?? 0, date = b.u16(p + 14) ?? 0
        let crc = b.u32(p + 16) ?? 0
        var compressed = UInt64(b.u32(p + 20) ?? 0), uncompressed = UInt64(b.u32(p + 24) ?? 0)
        let nameLength = Int(b.u16(p + 28) ?? 0), extraLength = Int(b.u16(p + 30) ?? 0)
        let commentLength = Int(b.u16(p + 32) ?? 0)
        let diskStart = b.u16(p + 34) ?? 0
        var localOffset = UInt64(b.u32(p + 42) ?? 0)
        let next = p + ZipFormat.centralHeaderSize + nameLength + extraLength + commentLength
        guard next <= end, let nameRaw = b.slice(p + 46, nameLength),
            let extra = b.slice(p + 46 + nameLength, extraLength)
        else {
            throw ZipError(
                code: .truncatedCentralDirectory, message: "a central directory record runs past the end of the directory",
                offset: p)
        }
        let name = try ZipEntryName.decode(nameRaw, utf8: flags & ZipFormat.flagUTF8 != 0, offset: p + 46)
        try ZipEntryName.validate(name, offset: p + 46)

        // Zip64 extended information: present fields follow the order usize, csize, offset, disk.
        let needsUncompressed = uncompressed == UInt64(ZipFormat.sentinel32)
        let needsCompressed = compressed == UInt64(ZipFormat.sentinel32)
        let needsOffset = localOffset == UInt64(ZipFormat.sentinel32)
        if needsUncompressed || needsCompressed || needsOffset {
            guard let field = Self.extraField(ZipFormat.zip64ExtraID, in: extra) else {
                throw ZipError(
                    code: .invalidZip64Record, message: "a size or offset is 0xFFFFFFFF but there is no zip64 extra field",
                    entryName: name, offset: p)
            }
            let values = ZipBytes(base: field)
            var q = 0
            func take() -> UInt64? {
                defer { q += 8 }
                return values.u64(q)
            }
            if needsUncompressed { uncompressed = take() ?? .max }
            if needsCompressed { compressed = take() ?? .max }
            if needsOffset { localOffset = take() ?? .max }
            guard q <= field.count else {
                throw ZipError(
                    code: .invalidZip64Record, message: "the zip64 extra field is too short (\(field.count) bytes)",
                    entryName: name, offset: p)
            }
        } else if diskStart != 0 && diskStart != ZipFormat.sentinel16 {
            throw ZipError(code: .multiDiskArchive, message: "the entry starts on disk \(diskStart)", entryName: name, offset: p)
        }
        let maxValue = UInt64(Int.max / 4)
        guard compressed <= maxValue, uncompressed <= maxValue, localOffset <= maxValue else {
            throw ZipError(
                code: .invalidZip64Record, message: "a declared size or offset is beyond any real archive",
                entryName: name, offset: p)
        }
        let entry = ZipEntry(
            name: name, compressedSize: Int(compressed), uncompressedSize: Int(uncompressed), method: method,
            crc32: crc, isDirectory: name.hasSuffix("/"), flags: flags,
            modification: ZipDOSDateTime(time: time, date: date), localHeaderOffset: Int(localOffset) + base)
        return (entry, next, (p + 46)..<(p + 46 + nameLength))
    }

    /// The payload of the first extra field with `id`, or `nil`.
    static func extraField(_ id: UInt16, in extra: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let fields = ZipBytes(base: extra)
        var q = 0
        while let header = fields.u16(q), let length = fields.u16(q + 2) {
            guard let payload = fields.slice(q + 4, Int(length)) else { return nil }
            if header == id { return payload }
            q += 4 + Int(length)
        }
        return nil
    }

    private func checkLimits(_ entry: ZipEntry, runningTotal: Int, offset: Int) throws(ZipError) -> Int {
        let size = entry.uncompressedSize
        if size > limits.maxEntrySize {
            throw ZipError(
                code: .entryTooLarge,
                message: "the entry declares \(size) uncompressed bytes; the limit is \(limits.maxEntrySize) (ZipLimits.maxEntrySize)",
                entryName: entry.name, offset: offset)
        }
        let (total, overflow) = runningTotal.addingReportingOverflow(size)
        if overflow || total > limits.maxTotalSize {
            throw ZipError(
                code: .totalSizeExceeded,
                message: "the entries declare more than \(limits.maxTotalSize) uncompressed bytes in total (ZipLimits.maxTotalSize)",
                entryName: entry.name, offset: offset)
        }
        if size >= limits.compressionRatioThreshold,
            Double(size) > limits.maxCompressionRatio * Double(max(entry.compressedSize, 1))
        {
            let ratio = Double(size) / Double(max(entry.compressedSize, 1))
            throw ZipError(
                code: .compressionRatioExceeded,
                message: "the entry declares \(size) bytes from \(entry.compressedSize) compressed bytes, a ratio of \(Int(ratio.rounded())); the limit is \(limits.maxCompressionRatio) (ZipLimits.maxCompressionRatio)",
                entryName: entry.name, offset: offset)
        }
        return total
    }

    // MARK: Local headers

    private func locateData(
        _ entries: [ZipEntry], nameBytes: [Range<Int>], directoryStart: Int
    ) throws(ZipError) -> [ZipEntryLocation] {
        let b = bytes
        var locations: [ZipEntryLocation] = []
        var extents: [(start: Int, end: Int, index: Int)] = []
        locations.reserveCapacity(entries.count)
        extents.reserveCapacity(entries.count)
        var localNames: [Range<Int>] = []
        localNames.reserveCapacity(entries.count)
        for (k, entry) in entries.enumerated() {
            let h = entry.localHeaderOffset
            guard h <= directoryStart - ZipFormat.localHeaderSize else {
                throw ZipError(
                    code: .localHeaderOutOfRange,
                    message: "the local header offset \(h) is outside the data area (0..<\(directoryStart))",
                    entryName: entry.name, offset: h)
            }
            guard b.u32(h) == ZipFormat.localHeaderSignature, let nameLength = b.u16(h + 26),
                let extraLength = b.u16(h + 28)
            else {
                throw ZipError(
                    code: .invalidLocalHeader, message: "wrong local file header signature", entryName: entry.name, offset: h)
            }
            let dataStart = h + ZipFormat.localHeaderSize + Int(nameLength) + Int(extraLength)
            guard dataStart <= directoryStart, entry.compressedSize <= directoryStart - dataStart else {
                throw ZipError(
                    code: .dataOutOfRange,
                    message: "the entry's \(entry.compressedSize) compressed bytes from offset \(dataStart) run past the central directory at \(directoryStart)",
                    entryName: entry.name, offset: h)
            }
            let dataEnd = dataStart + entry.compressedSize
            var end = dataEnd
            if entry.flags & ZipFormat.flagDataDescriptor != 0 {
                let extra = b.slice(h + 30 + Int(nameLength), Int(extraLength)) ?? UnsafeRawBufferPointer(start: nil, count: 0)
                let zip64 = Self.extraField(ZipFormat.zip64ExtraID, in: extra) != nil
                    || b.u32(h + 18) == ZipFormat.sentinel32 || b.u32(h + 22) == ZipFormat.sentinel32
                let signed = b.u32(dataEnd) == ZipFormat.dataDescriptorSignature
                end += (signed ? 4 : 0) + (zip64 ? 20 : 12)
                guard end <= directoryStart else {
                    throw ZipError(
                        code: .dataOutOfRange, message: "the entry's data descriptor runs past the central directory",
                        entryName: entry.name, offset: dataEnd)
                }
            }
            locations.append(ZipEntryLocation(dataStart: dataStart, dataEnd: dataEnd))
            extents.append((h, end, k))
            localNames.append((h + 30)..<(h + 30 + Int(nameLength)))
        }
        extents.sort { $0.start < $1.start }
        for i in extents.indices.dropFirst() where extents[i].start < extents[i - 1].end {
            let first = entries[extents[i - 1].index], second = entries[extents[i].index]
            throw ZipError(
                code: .overlappingEntries,
                message: "the entry '\(second.name)' at offset \(extents[i].start) overlaps '\(first.name)' (bytes \(extents[i - 1].start)..<\(extents[i - 1].end))",
                entryName: second.name, offset: extents[i].start)
        }
        for k in entries.indices {
            let central = nameBytes[k], local = localNames[k]
            guard let a = b.slice(central.lowerBound, central.count), let l = b.slice(local.lowerBound, local.count),
                a.elementsEqual(l)
            else {
                throw ZipError(
                    code: .localHeaderMismatch,
                    message: "the local header names a different file than the central directory",
                    entryName: entries[k].name, offset: entries[k].localHeaderOffset)
            }
        }
        return locations
    }
}
