import Foundation

/// A streaming CRC-32 checksum with the polynomial of zip, gzip and PNG (reflected 0xEDB88320).
///
/// Computed by slicing-by-8: eight bytes per step through eight 256-entry tables, about one cycle
/// per byte.
public struct CRC32: Sendable {
    /// The running CRC in its internal (inverted) form.
    private var state: UInt32 = 0xFFFF_FFFF

    /// Creates a checksum of the empty message.
    public init() {}

    /// The checksum of the bytes added so far.
    public var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// Returns the checksum of `data` in one call.
    public static func checksum(_ data: some DataProtocol) -> UInt32 {
        var crc = CRC32()
        for region in data.regions {
            region.withUnsafeBytes { crc.update(bytes: $0) }
        }
        return crc.value
    }

    /// Returns the checksum of the bytes of `bytes` in one call.
    public static func checksum(bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes: bytes)
        return crc.value
    }

    /// Adds the bytes of `data` to the checksum.
    public mutating func update(data: some DataProtocol) {
        for region in data.regions {
            region.withUnsafeBytes { update(bytes: $0) }
        }
    }

    /// Adds `bytes` to the checksum.
    public mutating func update(bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var crc = state
        let count = bytes.count
        crc32Tables.withUnsafeBufferPointer { t in
            var i = 0
            while i + 8 <= count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ crc
                let high = UInt32(truncatingIfNeeded: word >> 32)
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                i += 8
            }
            while i < count {
                crc = t[Int((crc ^ UInt32(base.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                i += 1
            }
        }
        state = crc
    }
}

/// Slicing-by-8 tables: table k (entries `k*256 ..< (k+1)*256`) advances a byte through k extra zero bytes.
private let crc32Tables: [UInt32] = {
    var table = [UInt32](repeating: 0, count: 8 * 256)
    for n in 0..<256 {
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        table[n] = c
    }
    for k in 1..<8 {
        for n in 0..<256 {
            let previous = table[(k - 1) * 256 + n]
            table[k * 256 + n] = table[Int(previous & 0xFF)] ^ (previous >> 8)
        }
    }
    return table
}()
