/// A decoded `ValueInfoProto`: a graph input's or output's name, element type and shape.
package struct ValueInfoProto: Sendable {
    /// One dimension of a declared shape.
    package enum Dimension: Sendable, Hashable {
        /// A fixed extent (`dim_value`).
        case value(Int64)
        /// A named symbolic extent (`dim_param`).
        case param(String)
        /// Neither is given.
        case unknown
    }

    package var name = ""
    /// Whether the type is a tensor type (sequences, maps and optionals are not).
    package var isTensor = false
    /// Whether any type was declared at all.
    package var hasType = false
    /// The tensor element type (`undefined` when not declared).
    package var elementType = ONNXDataType.undefined
    /// The shape, `nil` when the rank is unknown.
    package var shape: [Dimension]?

    package init() {}

    /// Decodes a `ValueInfoProto` message.
    package init(from reader: inout ProtoReader) throws(ONNXError) {
        while !reader.isAtEnd {
            let (field, wire) = try reader.readTag()
            switch field {
            case 1:
                try reader.expect(wire, .lengthDelimited, field: field, in: "ValueInfoProto")
                name = try reader.readString()
            case 2:
                try reader.expect(wire, .lengthDelimited, field: field, in: "ValueInfoProto")
                var type = try reader.readMessage()
                hasType = true
                try decodeType(&type)
            default:
                try reader.skip(wire)
            }
        }
    }

    /// Decodes a `TypeProto`, keeping the tensor type (field 1) and ignoring the others.
    private mutating func decodeType(_ reader: inout ProtoReader) throws(ONNXError) {
        while !reader.isAtEnd {
            let (field, wire) = try reader.readTag()
            guard field == 1 else { try reader.skip(wire); continue }
            try reader.expect(wire, .lengthDelimited, field: field, in: "TypeProto")
            isTensor = true
            var tensor = try reader.readMessage()
            while !tensor.isAtEnd {
                let (tensorField, tensorWire) = try tensor.readTag()
                switch tensorField {
                case 1:
                    try tensor.expect(tensorWire, .varint, field: tensorField, in: "TypeProto.Tensor")
                    elementType = ONNXDataType(rawValue: Int(try tensor.readInt32()))
                case 2:
                    try tensor.expect(tensorWire, .lengthDelimited, field: tensorField, in: "TypeProto.Tensor")
                    var shapeReader = try tensor.readMessage()
                    shape = try Self.decodeShape(&shapeReader)
                default:
                    try tensor.skip(tensorWire)
                }
            }
        }
    }

    private static func decodeShape(_ reader: inout ProtoReader) throws(ONNXError) -> [Dimension] {
        var dims: [Dimension] = []
        while !reader.isAtEnd {
            let (field, wire) = try reader.readTag()
            guard field == 1 else { try reader.skip(wire); continue }
            try reader.expect(wire, .lengthDelimited, field: field, in: "TensorShapeProto")
            var dim = try reader.readMessage()
            var value = Dimension.unknown
            while !dim.isAtEnd {
                let (dimField, dimWire) = try dim.readTag()
                switch (dimField, dimWire) {
                case (1, .varint): value = .value(try dim.readInt64())
                case (2, .lengthDelimited): value = .param(try dim.readString())
                default: try dim.skip(dimWire)
                }
            }
            dims.append(value)
        }
        return dims
    }
}
