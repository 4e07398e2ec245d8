import BioImageTensor

/// A decoded `AttributeProto`: its name, declared type and whichever value fields the writer set.
package struct AttributeProto: Sendable {
    /// The attribute's name.
    package var name = ""
    /// The declared `AttributeType` (0 in very old files, where the set field decides).
    package var type = 0
    package var float: Float?
    package var int: Int64?
    package var string: ArraySlice<UInt8>?
    package var tensor: TensorProto?
    /// Whether a subgraph (`g`) was present; subgraphs are not decoded.
    package var hasGraph = false
    package var floats: [Float] = []
    package var ints: [Int64] = []
    package var strings: [String] = []
    package var tensors: [TensorProto] = []
    /// The number of subgraphs in `graphs`.
    package var graphCount = 0
    /// Whether a sparse tensor or type proto value was present (unsupported).
    package var hasUnsupportedValue = false
    /// Inside a function body: the caller's attribute this one takes its value from (`ref_attr_name`).
    package var refAttrName = ""
    /// The byte offset of the message, for errors.
    package var offset = 0

    package init() {}

    /// Decodes an `AttributeProto` message.
    package init(from reader: inout ProtoReader) throws(ONNXError) {
        offset = reader.position
        while !reader.isAtEnd {
            let (field, wire) = try reader.readTag()
            switch field {
            case 1:
                try reader.expect(wire, .lengthDelimited, field: field, in: "AttributeProto")
                name = try reader.readString()
            case 20:
                try reader.expect(wire, .varint, field: field, in: "AttributeProto")
                type = Int(try reader.readInt32())
            case 2:
                try reader.expect(wire, .fixed32, field: field, in: "AttributeProto")
                float = try reader.readFloat()
            case 3:
                try reader.expect(wire, .varint, field: field, in: "AttributeProto")
                int = try reader.readInt64()
            case 4:
                try reader.expect(wire, .lengthDelimited, field: field, in: "AttributeProto")
                string = try reader.readBytes()
            case 5:
                try reader.expect(wire, .lengthDelimited, field: field, in: "AttributeProto")
                var message = try reader.readMessage()
                tensor = try TensorProto(from: &message)
            case 6:
                try reader.expect(wire, .lengthDelimited, field: field, in: "AttributeProto")
                _ = try reader.readLengthDelimited()
                hasGraph = true
            case 7: try reader.appendFloats(wire, to: &floats, field: field, in: "AttributeProto")
            case 8: try reader.appendVarints(wire, to: &ints, field: field, in: "AttributeProto")
            case 9:
                try reader.expect(wire, .lengthDelimited, field: field, in: "AttributeProto")
                strings.append(try reader.readString())
            case 10:
                try reader.expect(wire, .lengthDelimited, field: field, in: "AttributeProto")
                var message = try reader.readMessage()
                tensors.append(try TensorProto(from: &message))
            case 11:
                try reader.expect(wire, .lengthDelimited, field: field, in: "AttributeProto")
                _ = try reader.readLengthDelimited()
                graphCount += 1
            case 21:
                try reader.expect(wire, .lengthDelimited, field: field, in: "AttributeProto")
                refAttrName = try reader.readString()
            case 14, 15, 22, 23:
                try reader.skip(wire)
                hasUnsupportedValue = true
            default:
                try reader.skip(wire)
            }
        }
    }

    /// The value as an ``AttributeValue``, by the declared type (or the set field when undeclared).
    ///
    /// - Throws: ``ONNXError/Code/invalidAttribute`` for sparse tensors and type protos, or a
    ///   declared type whose field is missing; tensor decoding errors for `t`/`tensors`.
    package func value(externalData: ExternalDataSource?) throws(ONNXError) -> AttributeValue {
        var kind = type
        if kind == 0 {
            if float != nil { kind = 1 } else if int != nil { kind = 2 } else if string != nil { kind = 3 }
            else if tensor != nil { kind = 4 } else if hasGraph { kind = 5 } else if !floats.isEmpty { kind = 6 }
            else if !ints.isEmpty { kind = 7 } else if !strings.isEmpty { kind = 8 } else if !tensors.isEmpty { kind = 9 }
            else if graphCount > 0 { kind = 10 }
        }
        let missing = ONNXError(.invalidAttribute, "attribute '\(name)' of type \(kind) has no value", offset: offset)
        switch kind {
        case 1: return .float(float ?? 0)
        case 2: return .int(Int(int ?? 0))
        case 3: return .string(string.map { String(decoding: $0, as: UTF8.self) } ?? "")
        case 4:
            guard let tensor else { throw missing }
            return .tensor(try tensor.tensor(externalData: externalData))
        case 5: return .graph
        case 6: return .floats(floats)
        case 7: return .ints(ints.map { Int($0) })
        case 8: return .strings(strings)
        case 9:
            var values: [AnyTensor] = []
            for tensor in tensors { values.append(try tensor.tensor(externalData: externalData)) }
            return .tensors(values)
        case 10: return .graph
        default:
            throw ONNXError(.invalidAttribute, "attribute '\(name)' has type \(kind) (sparse tensor, type proto or unknown), which is not supported", offset: offset)
        }
    }
}
