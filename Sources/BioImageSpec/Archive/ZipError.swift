import Foundation

/// An error reading or writing a zip archive: what went wrong, for which entry and at which byte offset.
///
/// Hostile or damaged archives always surface as a `ZipError` with a specific `code`; they never crash
/// or allocate memory in proportion to a size a header merely declares.
public struct ZipError: Error, Sendable, CustomStringConvertible {
    /// An open set of error kinds (new kinds can be added without breaking callers).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable, kebab-case identifier of the kind.
        public var rawValue: String
        /// Creates a code from its identifier.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The identifier.
        public var description: String { rawValue }

        /// No end-of-central-directory record in the last 64 KiB: not a zip, or the file was truncated.
        public static let missingEndOfCentralDirectory = Code(rawValue: "missing-end-of-central-directory")
        /// The central directory extends past the end-of-central-directory record or the file.
        public static let truncatedCentralDirectory = Code(rawValue: "truncated-central-directory")
        /// A central directory record has a wrong signature or inconsistent fields.
        public static let invalidCentralDirectory = Code(rawValue: "invalid-central-directory")
        /// A zip64 end-of-central-directory record, locator or extra field is missing or malformed.
        public static let invalidZip64Record = Code(rawValue: "invalid-zip64-record")
        /// The archive spans several disks, which is not supported.
        public static let multiDiskArchive = Code(rawValue: "multi-disk-archive")
        /// A local file header lies outside the archive.
        public static let localHeaderOutOfRange = Code(rawValue: "local-header-out-of-range")
        /// A local file header has a wrong signature or is malformed.
        public static let invalidLocalHeader = Code(rawValue: "invalid-local-header")
        /// A local file header names a different file than its central directory record.
        public static let localHeaderMismatch = Code(rawValue: "local-header-mismatch")
        /// An entry's compressed data (or its data descriptor) lies outside the archive.
        public static let dataOutOfRange = Code(rawValue: "data-out-of-range")
        /// Two entries' byte ranges overlap (the trick behind non-recursive zip bombs).
        public static let overlappingEntries = Code(rawValue: "overlapping-entries")
        /// The archive has more entries than `ZipLimits.maxEntries`.
        public static let tooManyEntries = Code(rawValue: "too-many-entries")
        /// Two entries have the same name.
        public static let duplicateEntryName = Code(rawValue: "duplicate-entry-name")
        /// An entry name contains a `..` segment (with `/` or `\` separators) that would escape the target.
        public static let pathTraversal = Code(rawValue: "path-traversal")
        /// An entry name is absolute (starts with `/` or `\`).
        public static let absolutePath = Code(rawValue: "absolute-path")
        /// An entry name starts with a drive letter (`C:`), which is absolute on Windows.
        public static let driveLetterPath = Code(rawValue: "drive-letter-path")
        /// An entry name is empty, contains NUL, or is not valid in its declared encoding.
        public static let invalidEntryName = Code(rawValue: "invalid-entry-name")
        /// The entry is encrypted (general-purpose flag bit 0); encryption is not supported.
        public static let encryptedEntry = Code(rawValue: "encrypted-entry")
        /// The entry uses a compression method other than stored (0) or deflate (8).
        public static let unsupportedMethod = Code(rawValue: "unsupported-method")
        /// An entry's uncompressed size exceeds `ZipLimits.maxEntrySize`.
        public static let entryTooLarge = Code(rawValue: "entry-too-large")
        /// The entries' total uncompressed size exceeds `ZipLimits.maxTotalSize`.
        public static let totalSizeExceeded = Code(rawValue: "total-size-exceeded")
        /// An entry's uncompressed/compressed ratio exceeds `ZipLimits.maxCompressionRatio`.
        public static let compressionRatioExceeded = Code(rawValue: "compression-ratio-exceeded")
        /// The data does not have the size its headers declare (for example a forged size).
        public static let sizeMismatch = Code(rawValue: "size-mismatch")
        /// The CRC-32 of the decompressed data differs from the declared one.
        public static let crcMismatch = Code(rawValue: "crc-mismatch")
        /// The compressed data is not a valid deflate stream.
        public static let corruptData = Code(rawValue: "corrupt-data")
        /// No entry has the requested name.
        public static let entryNotFound = Code(rawValue: "entry-not-found")
        /// A writer argument is invalid (for example a directory entry with data).
        public static let invalidArgument = Code(rawValue: "invalid-argument")
        /// Reading or writing a file failed.
        public static let ioFailure = Code(rawValue: "io-failure")
    }

    /// The kind of error.
    public var code: Code
    /// A human-readable explanation saying what was found and what was expected.
    public var message: String
    /// The entry concerned, when there is one.
    public var entryName: String?
    /// The byte offset in the archive where the problem was found, when known.
    public var offset: Int?

    /// Creates an error.
    public init(code: Code, message: String, entryName: String? = nil, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.entryName = entryName
        self.offset = offset
    }

    /// `zip error [code]: message (entry 'name', at byte N)`.
    public var description: String {
        var text = "zip error [\(code.rawValue)]: \(message)"
        var location: [String] = []
        if let entryName { location.append("entry '\(entryName)'") }
        if let offset { location.append("at byte \(offset)") }
        if !location.isEmpty { text += " (" + location.joined(separator: ", ") + ")" }
        return text
    }
}
