/// A decoded `GraphProto`: nodes, initializers, inputs and outputs.
package struct GraphProto: Sendable {
    package var name = ""
    package var nodes: [NodeProto] = []
    package var initializers: [TensorProto] = []
    package var inputs: [ValueInfoProto] = []
    package var outputs: [ValueInfoProto] = []
    /// Whether the graph has sparse initializers (unsupported).
    package var hasSparseInitializers = false

    package init() {}

    /// Decodes a `GraphProto` message.
    package init(from reader: inout ProtoReader) throws(ONNXError) {
        while !reader.isAtEnd {
            let (field, wire) = try reader.readTag()
            switch field {
            case 1:
                try reader.expect(wire, .lengthDelimited, field: field, in: "GraphProto")
                var message = try reader.readMessage()
                nodes.append(try NodeProto(from: &message))
            case 2:
                try reader.expect(wire, .lengthDelimited, field: field, in: "GraphProto")
                name = try reader.readString()
            case 5:
                try reader.expect(wire, .lengthDelimited, field: field, in: "GraphProto")
                var message = try reader.readMessage()
                initializers.append(try TensorProto(from: &message))
            case 11, 12:
                try reader.expect(wire, .lengthDelimited, field: field, in: "GraphProto")
                var message = try reader.readMessage()
                let info = try ValueInfoProto(from: &message)
                if field == 11 { inputs.append(info) } else { outputs.append(info) }
            case 15:
                try reader.skip(wire)
                hasSparseInitializers = true
            default:
                try reader.skip(wire)
            }
        }
    }
}
