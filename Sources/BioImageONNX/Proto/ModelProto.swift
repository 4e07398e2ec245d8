/// A decoded `ModelProto`: the IR version, the opsets it imports and its main graph.
package struct ModelProto: Sendable {
    /// One `OperatorSetIdProto`: a domain and the opset version imported for it.
    package struct OperatorSetID: Sendable, Hashable {
        /// The domain (`""` is the default `ai.onnx` domain).
        package var domain: String
        /// The opset version.
        package var version: Int

        package init(domain: String, version: Int) {
            self.domain = domain
            self.version = version
        }

        /// Decodes an `OperatorSetIdProto` message.
        package init(from message: inout ProtoReader) throws(ONNXError) {
            self.init(domain: "", version: 0)
            while !message.isAtEnd {
                let (field, wire) = try message.readTag()
                switch (field, wire) {
                case (1, .lengthDelimited): domain = try message.readString()
                case (2, .varint): version = Int(truncatingIfNeeded: try message.readInt64())
                default: try message.skip(wire)
                }
            }
        }
    }

    package var irVersion: Int64 = 0
    package var opsetImports: [OperatorSetID] = []
    package var producerName = ""
    package var producerVersion = ""
    package var graph: GraphProto?
    /// The model-local functions, inlined where nodes call them.
    package var functions: [FunctionProto] = []

    package init() {}

    /// Decodes a serialized `ModelProto`.
    /// - Throws: ``ONNXError/Code/malformed`` with the byte offset for any wire-format error.
    package init(serialized bytes: [UInt8]) throws(ONNXError) {
        var reader = ProtoReader(bytes)
        while !reader.isAtEnd {
            let (field, wire) = try reader.readTag()
            switch field {
            case 1:
                try reader.expect(wire, .varint, field: field, in: "ModelProto")
                irVersion = try reader.readInt64()
            case 2:
                try reader.expect(wire, .lengthDelimited, field: field, in: "ModelProto")
                producerName = try reader.readString()
            case 3:
                try reader.expect(wire, .lengthDelimited, field: field, in: "ModelProto")
                producerVersion = try reader.readString()
            case 7:
                try reader.expect(wire, .lengthDelimited, field: field, in: "ModelProto")
                var message = try reader.readMessage()
                graph = try GraphProto(from: &message)
            case 8:
                try reader.expect(wire, .lengthDelimited, field: field, in: "ModelProto")
                var message = try reader.readMessage()
                let id = try OperatorSetID(from: &message)
                opsetImports.append(id)
            case 25:
                try reader.expect(wire, .lengthDelimited, field: field, in: "ModelProto")
                var message = try reader.readMessage()
                functions.append(try FunctionProto(from: &message))
            default:
                try reader.skip(wire)
            }
        }
    }

    /// The opset version imported for `domain` (`ai.onnx` and `""` are the same domain).
    package func opset(for domain: String) -> Int? {
        let key = domain == "ai.onnx" ? "" : domain
        return opsetImports.last { ($0.domain == "ai.onnx" ? "" : $0.domain) == key }?.version
    }
}
