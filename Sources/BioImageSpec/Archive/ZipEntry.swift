import Foundation

/// One member of a zip archive, as its central directory record describes it.
///
/// Names are validated when the archive is opened: they are relative, contain no `..` segment and no
/// NUL, so joining one to a target folder can never leave that folder.
public struct ZipEntry: Sendable, Hashable {
    /// The entry's path inside the archive, with `/` separators (directories end with `/`).
    public var name: String
    /// The size of the stored (possibly compressed) data, in bytes.
    public var compressedSize: Int
    /// The declared size of the data once decompressed, in bytes.
    public var uncompressedSize: Int
    /// The compression method number (0 stored, 8 deflate; others are reported as unsupported when read).
    public var method: UInt16
    /// The declared CRC-32 of the uncompressed data.
    public var crc32: UInt32
    /// Whether the entry is a directory (its name ends with `/`).
    public var isDirectory: Bool
    /// The general-purpose bit flags (bit 0 encrypted, bit 3 data descriptor, bit 11 UTF-8 name).
    public var flags: UInt16
    /// The MS-DOS modification time and date, as stored.
    public var modification: ZipDOSDateTime
    /// The offset of the entry's local file header in the archive.
    public var localHeaderOffset: Int

    /// Whether the entry is encrypted (flag bit 0); such entries cannot be read.
    public var isEncrypted: Bool { flags & 1 != 0 }

    /// Creates an entry description.
    public init(
        name: String, compressedSize: Int, uncompressedSize: Int, method: UInt16, crc32: UInt32,
        isDirectory: Bool, flags: UInt16 = 0, modification: ZipDOSDateTime = .init(),
        localHeaderOffset: Int = 0
    ) {
        self.name = name
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.method = method
        self.crc32 = crc32
        self.isDirectory = isDirectory
        self.flags = flags
        self.modification = modification
        self.localHeaderOffset = localHeaderOffset
    }

    /// A readable name for a compression method number, e.g. `deflate` for 8 or `zstd` for 93.
    public static func methodName(_ method: UInt16) -> String {
        switch method {
        case 0: "stored"
        case 1: "shrink"
        case 2, 3, 4, 5: "reduce"
        case 6: "implode"
        case 8: "deflate"
        case 9: "deflate64"
        case 10: "PKWARE DCL implode"
        case 12: "bzip2"
        case 14: "lzma"
        case 18: "IBM TERSE"
        case 19: "IBM LZ77"
        case 93: "zstd"
        case 94: "mp3"
        case 95: "xz"
        case 96: "jpeg"
        case 97: "wavpack"
        case 98: "ppmd"
        case 99: "AE-x (AES encryption)"
        default: "unknown"
        }
    }
}

/// An MS-DOS date and time as zip headers store it (two-second resolution, 1980–2107, no time zone).
public struct ZipDOSDateTime: Sendable, Hashable {
    /// The packed time: hours << 11 | minutes << 5 | seconds / 2.
    public var time: UInt16
    /// The packed date: (year − 1980) << 9 | month << 5 | day.
    public var date: UInt16

    /// Creates a value from the packed fields; the default is 1980-01-01 00:00:00, the zip epoch.
    public init(time: UInt16 = 0, date: UInt16 = (1 << 5) | 1) {
        self.time = time
        self.date = date
    }

    /// Creates a value from calendar fields, clamping the year to 1980…2107 and other fields to their ranges.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        let y = UInt16(min(max(year, 1980), 2107) - 1980)
        let mo = UInt16(min(max(month, 1), 12)), d = UInt16(min(max(day, 1), 31))
        let h = UInt16(min(max(hour, 0), 23)), mi = UInt16(min(max(minute, 0), 59))
        let s = UInt16(min(max(second, 0), 59) / 2)
        self.init(time: h << 11 | mi << 5 | s, date: y << 9 | mo << 5 | d)
    }

    /// Creates a value from a `Date`, expressed in `timeZone` (UTC by default, for reproducibility).
    public init(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        self.init(
            year: c.year ?? 1980, month: c.month ?? 1, day: c.day ?? 1,
            hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0)
    }

    /// The calendar year (1980…2107).
    public var year: Int { Int(date >> 9) + 1980 }
    /// The month (1…12 in a well-formed value).
    public var month: Int { Int(date >> 5 & 0xF) }
    /// The day of the month (1…31 in a well-formed value).
    public var day: Int { Int(date & 0x1F) }
    /// The hour (0…23 in a well-formed value).
    public var hour: Int { Int(time >> 11) }
    /// The minute (0…59 in a well-formed value).
    public var minute: Int { Int(time >> 5 & 0x3F) }
    /// The second (even, 0…58 in a well-formed value).
    public var second: Int { Int(time & 0x1F) * 2 }
}
