/// A decoded `FunctionProto`: a model-local function, called by nodes whose domain and operator
/// type (and overload) match its own.
package struct FunctionProto: Sendable {
    package var name = ""
    package var domain = ""
    package var overload = ""
    /// Formal input and output names, by position.
    package var inputs: [String] = []
    package var outputs: [String] = []
    /// Attribute names without defaults.
    package var attributeNames: [String] = []
    /// Attributes with default values.
    package var attributeDefaults: [AttributeProto] = []
    package var nodes: [NodeProto] = []
    /// The opsets the body's nodes use.
    package var opsetImports: [ModelProto.OperatorSetID] = []

    package init() {}

    /// Decodes a `FunctionProto` message.
    package init(from reader: inout ProtoReader) throws(ONNXError) {
        while !reader.isAtEnd {
            let (field, wire) = try reader.readTag()
            switch field {
            case 1, 4, 5, 6, 10, 13:
                try reader.expect(wire, .lengthDelimited, field: field, in: "FunctionProto")
                let text = try reader.readString()
                switch field {
                case 1: name = text
                case 4: inputs.append(text)
                case 5: outputs.append(text)
                case 6: attributeNames.append(text)
                case 10: domain = text
                default: overload = text
                }
            case 7:
                try reader.expect(wire, .lengthDelimited, field: field, in: "FunctionProto")
                var message = try reader.readMessage()
                nodes.append(try NodeProto(from: &message))
            case 9:
                try reader.expect(wire, .lengthDelimited, field: field, in: "FunctionProto")
                var message = try reader.readMessage()
                opsetImports.append(try ModelProto.OperatorSetID(from: &message))
            case 11:
                try reader.expect(wire, .lengthDelimited, field: field, in: "FunctionProto")
                var message = try reader.readMessage()
                attributeDefaults.append(try AttributeProto(from: &message))
            default:
                try reader.skip(wire)
            }
        }
    }
}
