/// A decoded `NodeProto`: one operator application in a graph.
package struct NodeProto: Sendable {
    package var name = ""
    package var opType = ""
    package var domain = ""
    /// Input value names; an empty name is an omitted optional input.
    package var inputs: [String] = []
    /// Output value names; an empty name is an omitted optional output.
    package var outputs: [String] = []
    package var attributes: [AttributeProto] = []
    /// Selects one of several model-local functions of the same name (`overload`).
    package var overload = ""
    /// The byte offset of the message, for errors.
    package var offset = 0

    package init() {}

    /// Decodes a `NodeProto` message.
    package init(from reader: inout ProtoReader) throws(ONNXError) {
        offset = reader.position
        while !reader.isAtEnd {
            let (field, wire) = try reader.readTag()
            switch field {
            case 1:
                try reader.expect(wire, .lengthDelimited, field: field, in: "NodeProto")
                inputs.append(try reader.readString())
            case 2:
                try reader.expect(wire, .lengthDelimited, field: field, in: "NodeProto")
                outputs.append(try reader.readString())
            case 3:
                try reader.expect(wire, .lengthDelimited, field: field, in: "NodeProto")
                name = try reader.readString()
            case 4:
                try reader.expect(wire, .lengthDelimited, field: field, in: "NodeProto")
                opType = try reader.readString()
            case 5:
                try reader.expect(wire, .lengthDelimited, field: field, in: "NodeProto")
                var message = try reader.readMessage()
                attributes.append(try AttributeProto(from: &message))
            case 7:
                try reader.expect(wire, .lengthDelimited, field: field, in: "NodeProto")
                domain = try reader.readString()
            case 8:
                try reader.expect(wire, .lengthDelimited, field: field, in: "NodeProto")
                overload = try reader.readString()
            default:
                try reader.skip(wire)
            }
        }
    }
}
