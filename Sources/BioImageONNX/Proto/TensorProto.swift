/// A decoded `TensorProto`: dims, data type and the data in whichever field the writer used.
///
/// The data stays as read (a slice of the file for `raw_data`); ``tensor(externalData:)`` turns it
/// into an `AnyTensor`, checking that the element count matches the dims.
package struct TensorProto: Sendable {
    /// The tensor's name (initializers are referenced by it).
    package var name = ""
    /// The extent of each axis.
    package var dims: [Int64] = []
    /// The element type.
    package var dataType = ONNXDataType.undefined
    /// `raw_data`, when present (little-endian, packed).
    package var rawData: ArraySlice<UInt8>?
    /// `float_data` (FLOAT, COMPLEX64).
    package var floatData: [Float] = []
    /// `int32_data` (INT32 and every narrower integer, BOOL, FLOAT16/BFLOAT16 bit patterns).
    package var int32Data: [Int64] = []
    /// `int64_data` (INT64).
    package var int64Data: [Int64] = []
    /// `double_data` (DOUBLE, COMPLEX128).
    package var doubleData: [Double] = []
    /// `uint64_data` (UINT32, UINT64).
    package var uint64Data: [UInt64] = []
    /// The number of `string_data` entries (string tensors are not supported; the count lets the error say so).
    package var stringCount = 0
    /// `external_data` key/value pairs (`location`, `offset`, `length`, `checksum`).
    package var externalData: [String: String] = [:]
    /// `data_location`: 1 when the data lives in an external file.
    package var dataLocation = 0
    /// The byte offset of the message in the file, for errors.
    package var offset = 0

    package init() {}

    /// Decodes a `TensorProto` message.
    package init(from reader: inout ProtoReader) throws(ONNXError) {
        offset = reader.position
        while !reader.isAtEnd {
            let (field, wire) = try reader.readTag()
            switch field {
            case 1: try reader.appendVarints(wire, to: &dims, field: field, in: "TensorProto")
            case 2:
                try reader.expect(wire, .varint, field: field, in: "TensorProto")
                dataType = ONNXDataType(rawValue: Int(try reader.readInt32()))
            case 4: try reader.appendFloats(wire, to: &floatData, field: field, in: "TensorProto")
            case 5: try reader.appendVarints(wire, to: &int32Data, field: field, in: "TensorProto")
            case 6:
                try reader.expect(wire, .lengthDelimited, field: field, in: "TensorProto")
                _ = try reader.readLengthDelimited()
                stringCount += 1
            case 7: try reader.appendVarints(wire, to: &int64Data, field: field, in: "TensorProto")
            case 8:
                try reader.expect(wire, .lengthDelimited, field: field, in: "TensorProto")
                name = try reader.readString()
            case 9:
                try reader.expect(wire, .lengthDelimited, field: field, in: "TensorProto")
                rawData = try reader.readBytes()
            case 10: try reader.appendDoubles(wire, to: &doubleData, field: field, in: "TensorProto")
            case 11: try reader.appendUnsignedVarints(wire, to: &uint64Data, field: field, in: "TensorProto")
            case 13:
                try reader.expect(wire, .lengthDelimited, field: field, in: "TensorProto")
                var entry = try reader.readMessage()
                var key = "", value = ""
                while !entry.isAtEnd {
                    let (entryField, entryWire) = try entry.readTag()
                    switch (entryField, entryWire) {
                    case (1, .lengthDelimited): key = try entry.readString()
                    case (2, .lengthDelimited): value = try entry.readString()
                    default: try entry.skip(entryWire)
                    }
                }
                externalData[key] = value
            case 14:
                try reader.expect(wire, .varint, field: field, in: "TensorProto")
                dataLocation = Int(try reader.readInt32())
            default:
                try reader.skip(wire)
            }
        }
    }

    /// Decodes a serialized `TensorProto` (a node test's `input_0.pb`).
    package init(serialized bytes: [UInt8]) throws(ONNXError) {
        var reader = ProtoReader(bytes)
        try self.init(from: &reader)
    }
}
