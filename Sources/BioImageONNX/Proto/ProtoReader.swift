/// A bounds-checked reader of the protobuf wire format over a byte array.
///
/// Every read checks the remaining bytes first, so a truncated or forged file gives an
/// ``ONNXError`` with the byte offset (``ONNXError/Code/malformed``) instead of reading out of
/// range; a length prefix is checked against the bytes left before anything is allocated for it.
/// Groups (wire types 3 and 4, deprecated since proto2) are rejected.
package struct ProtoReader {
    /// The wire type of a field (the low three bits of its tag).
    package enum WireType: UInt8, Sendable {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case startGroup = 3
        case endGroup = 4
        case fixed32 = 5
    }

    /// The whole file (shared, not copied, by sub-readers).
    package let bytes: [UInt8]
    /// The next byte to read.
    package private(set) var position: Int
    /// One past the last byte of this message.
    package let end: Int

    /// A reader of the whole of `bytes`.
    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.position = 0
        self.end = bytes.count
    }

    /// A reader of `range` inside `bytes` (already checked by the caller).
    private init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// Whether every byte of the message has been read.
    package var isAtEnd: Bool { position >= end }

    /// A malformed-data error at `offset` (default: the current position).
    package func malformed(_ message: String, at offset: Int? = nil) -> ONNXError {
        ONNXError(.malformed, message, offset: offset ?? position)
    }

    /// Reads a field tag: the field number and the wire type.
    /// - Throws: for field number 0, an unknown wire type or a group.
    package mutating func readTag() throws(ONNXError) -> (field: Int, wire: WireType) {
        let start = position
        let key = try readVarint()
        let field = key >> 3
        guard field > 0, field <= 0x1FFF_FFFF else { throw malformed("invalid field number \(field)", at: start) }
        guard let wire = WireType(rawValue: UInt8(key & 7)) else {
            throw malformed("invalid wire type \(key & 7) for field \(field)", at: start)
        }
        if wire == .startGroup || wire == .endGroup {
            throw malformed("field \(field) uses a protobuf group, which ONNX files never contain", at: start)
        }
        return (Int(field), wire)
    }

    /// Reads a base-128 varint of up to 10 bytes.
    package mutating func readVarint() throws(ONNXError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw malformed("truncated varint", at: start) }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { throw malformed("varint longer than 64 bits", at: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw malformed("varint longer than 10 bytes", at: start) }
        }
    }

    /// Reads a varint as a two's-complement `int64` (negative values take 10 bytes).
    package mutating func readInt64() throws(ONNXError) -> Int64 {
        Int64(bitPattern: try readVarint())
    }

    /// Reads a varint as an `int32` (the high bits of a sign-extended negative value are dropped).
    package mutating func readInt32() throws(ONNXError) -> Int32 {
        Int32(truncatingIfNeeded: try readVarint())
    }

    /// Reads a zigzag-encoded `sint64`.
    package mutating func readSInt64() throws(ONNXError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a little-endian 32-bit value.
    package mutating func readFixed32() throws(ONNXError) -> UInt32 {
        guard end - position >= 4 else { throw malformed("truncated fixed32 value") }
        var value: UInt32 = 0
        for k in 0..<4 { value |= UInt32(bytes[position + k]) << (8 * UInt32(k)) }
        position += 4
        return value
    }

    /// Reads a little-endian 64-bit value.
    package mutating func readFixed64() throws(ONNXError) -> UInt64 {
        guard end - position >= 8 else { throw malformed("truncated fixed64 value") }
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += 8
        return value
    }

    /// Reads a `float` (fixed32).
    package mutating func readFloat() throws(ONNXError) -> Float { Float(bitPattern: try readFixed32()) }

    /// Reads a `double` (fixed64).
    package mutating func readDouble() throws(ONNXError) -> Double { Double(bitPattern: try readFixed64()) }

    /// Reads a length prefix and returns the range of the bytes it covers, checked against the message end.
    package mutating func readLengthDelimited() throws(ONNXError) -> Range<Int> {
        let start = position
        let length = try readVarint()
        guard length <= UInt64(end - position) else {
            throw malformed("length \(length) exceeds the \(end - position) bytes left in the message", at: start)
        }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    /// Reads a length-delimited field and returns a reader of its bytes (an embedded message).
    package mutating func readMessage() throws(ONNXError) -> ProtoReader {
        ProtoReader(bytes: bytes, range: try readLengthDelimited())
    }

    /// Reads a length-delimited field as UTF-8 text (invalid sequences are replaced).
    package mutating func readString() throws(ONNXError) -> String {
        let range = try readLengthDelimited()
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Reads a length-delimited field as raw bytes (a slice of the shared buffer, not a copy).
    package mutating func readBytes() throws(ONNXError) -> ArraySlice<UInt8> {
        bytes[try readLengthDelimited()]
    }

    /// Skips one field's value of the given wire type.
    package mutating func skip(_ wire: WireType) throws(ONNXError) {
        switch wire {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimited()
        case .startGroup, .endGroup: throw malformed("protobuf groups are not supported")
        }
    }

    /// Throws unless `wire` is `expected` (a field of the wrong type is malformed).
    package func expect(_ wire: WireType, _ expected: WireType, field: Int, in message: String) throws(ONNXError) {
        guard wire == expected else {
            throw malformed("\(message) field \(field) has wire type \(wire.rawValue), expected \(expected.rawValue)")
        }
    }

    /// Reads one repeated varint field occurrence, packed (length-delimited) or not, appending to `values`.
    package mutating func appendVarints(_ wire: WireType, to values: inout [Int64], field: Int, in message: String) throws(ONNXError) {
        switch wire {
        case .varint:
            values.append(try readInt64())
        case .lengthDelimited:
            var packed = try readMessage()
            // Each varint takes at least one byte, so this bound never over-reserves.
            values.reserveCapacity(values.count + (packed.end - packed.position))
            while !packed.isAtEnd { values.append(try packed.readInt64()) }
        default:
            throw malformed("\(message) field \(field) has wire type \(wire.rawValue), expected a varint or packed varints")
        }
    }

    /// Reads one repeated varint field occurrence as unsigned values, packed or not.
    package mutating func appendUnsignedVarints(_ wire: WireType, to values: inout [UInt64], field: Int, in message: String) throws(ONNXError) {
        switch wire {
        case .varint:
            values.append(try readVarint())
        case .lengthDelimited:
            var packed = try readMessage()
            values.reserveCapacity(values.count + (packed.end - packed.position))
            while !packed.isAtEnd { values.append(try packed.readVarint()) }
        default:
            throw malformed("\(message) field \(field) has wire type \(wire.rawValue), expected a varint or packed varints")
        }
    }

    /// Reads one repeated `float` field occurrence, packed or not.
    package mutating func appendFloats(_ wire: WireType, to values: inout [Float], field: Int, in message: String) throws(ONNXError) {
        switch wire {
        case .fixed32:
            values.append(try readFloat())
        case .lengthDelimited:
            let start = position
            let range = try readLengthDelimited()
            guard range.count % 4 == 0 else { throw malformed("packed floats of \(range.count) bytes (not a multiple of 4)", at: start) }
            values.append(contentsOf: ProtoReader.littleEndianScalars(bytes[range], count: range.count / 4, as: Float.self))
        default:
            throw malformed("\(message) field \(field) has wire type \(wire.rawValue), expected fixed32 or packed floats")
        }
    }

    /// Reads one repeated `double` field occurrence, packed or not.
    package mutating func appendDoubles(_ wire: WireType, to values: inout [Double], field: Int, in message: String) throws(ONNXError) {
        switch wire {
        case .fixed64:
            values.append(try readDouble())
        case .lengthDelimited:
            let start = position
            let range = try readLengthDelimited()
            guard range.count % 8 == 0 else { throw malformed("packed doubles of \(range.count) bytes (not a multiple of 8)", at: start) }
            values.append(contentsOf: ProtoReader.littleEndianScalars(bytes[range], count: range.count / 8, as: Double.self))
        default:
            throw malformed("\(message) field \(field) has wire type \(wire.rawValue), expected fixed64 or packed doubles")
        }
    }

    /// Copies `count` little-endian scalars out of `raw` (whose size the caller has checked) in one
    /// block copy; byte-swaps on a big-endian host.
    package static func littleEndianScalars<T: BitwiseCopyable>(_ raw: ArraySlice<UInt8>, count: Int, as type: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        let result = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            raw.withUnsafeBytes { source in
                let target = UnsafeMutableRawBufferPointer(buffer)
                let byteCount = min(source.count, count * size, target.count)
                if byteCount > 0, let base = source.baseAddress {
                    target.baseAddress?.copyMemory(from: base, byteCount: byteCount)
                }
                if byteCount < count * size {
                    // Never reached when the caller checked the size; zero-fill rather than leave garbage.
                    target[byteCount...].initializeMemory(as: UInt8.self, repeating: 0)
                }
            }
            initialized = count
        }
        #if _endian(big)
        var swapped = result
        swapped.withUnsafeMutableBytes { bytes in
            var k = 0
            while k + size <= bytes.count {
                var low = k, high = k + size - 1
                while low < high { bytes.swapAt(low, high); low += 1; high -= 1 }
                k += size
            }
        }
        return swapped
        #else
        return result
        #endif
    }
}
