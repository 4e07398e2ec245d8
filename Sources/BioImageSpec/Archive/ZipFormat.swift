import Foundation

/// Record signatures and field sentinels of the PKWARE APPNOTE format.
enum ZipFormat {
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endOfCentralDirectorySignature: UInt32 = 0x0605_4B50
    static let zip64EndOfCentralDirectorySignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let dataDescriptorSignature: UInt32 = 0x0807_4B50

    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endOfCentralDirectorySize = 22
    static let zip64EndOfCentralDirectorySize = 56
    static let zip64LocatorSize = 20
    static let maxCommentLength = 0xFFFF

    static let zip64ExtraID: UInt16 = 0x0001
    static let sentinel32: UInt32 = 0xFFFF_FFFF
    static let sentinel16: UInt16 = 0xFFFF

    static let flagEncrypted: UInt16 = 1 << 0
    static let flagDataDescriptor: UInt16 = 1 << 3
    static let flagUTF8: UInt16 = 1 << 11
}

/// Bounds-checked little-endian reads from a raw buffer; every read that would leave the buffer returns `nil`.
struct ZipBytes {
    let base: UnsafeRawBufferPointer

    var count: Int { base.count }

    @inline(__always)
    func u16(_ offset: Int) -> UInt16? {
        guard offset >= 0, offset <= base.count - 2 else { return nil }
        return UInt16(base[offset]) | UInt16(base[offset + 1]) << 8
    }

    @inline(__always)
    func u32(_ offset: Int) -> UInt32? {
        guard offset >= 0, offset <= base.count - 4 else { return nil }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(base[offset + i]) << (8 * i) }
        return value
    }

    @inline(__always)
    func u64(_ offset: Int) -> UInt64? {
        guard offset >= 0, offset <= base.count - 8 else { return nil }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(base[offset + i]) << (8 * i) }
        return value
    }

    /// The bytes `offset ..< offset + length`, or `nil` when out of range.
    func slice(_ offset: Int, _ length: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, length >= 0, offset <= base.count, length <= base.count - offset else { return nil }
        return UnsafeRawBufferPointer(rebasing: base[offset..<(offset + length)])
    }
}

/// Little-endian appends to a byte array (for the writer).
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func zipAppendLE(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    @inline(__always)
    mutating func zipAppendLE(_ value: UInt32) {
        for i in 0..<4 { append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(i)))) }
    }

    @inline(__always)
    mutating func zipAppendLE(_ value: UInt64) {
        for i in 0..<8 { append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }
}
