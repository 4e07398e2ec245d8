import BioImageTensor

/// An ONNX `TensorProto.DataType` code, with its name and the ``DType`` it decodes to.
package struct ONNXDataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric code in the file.
    package var rawValue: Int

    package init(rawValue: Int) { self.rawValue = rawValue }

    package static let undefined = ONNXDataType(rawValue: 0)
    package static let float = ONNXDataType(rawValue: 1)
    package static let uint8 = ONNXDataType(rawValue: 2)
    package static let int8 = ONNXDataType(rawValue: 3)
    package static let uint16 = ONNXDataType(rawValue: 4)
    package static let int16 = ONNXDataType(rawValue: 5)
    package static let int32 = ONNXDataType(rawValue: 6)
    package static let int64 = ONNXDataType(rawValue: 7)
    package static let string = ONNXDataType(rawValue: 8)
    package static let bool = ONNXDataType(rawValue: 9)
    package static let float16 = ONNXDataType(rawValue: 10)
    package static let double = ONNXDataType(rawValue: 11)
    package static let uint32 = ONNXDataType(rawValue: 12)
    package static let uint64 = ONNXDataType(rawValue: 13)
    package static let complex64 = ONNXDataType(rawValue: 14)
    package static let complex128 = ONNXDataType(rawValue: 15)
    package static let bfloat16 = ONNXDataType(rawValue: 16)

    private static let names = [
        "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL", "FLOAT16",
        "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16", "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ",
        "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4", "FLOAT4E2M1", "FLOAT8E8M0", "UINT2", "INT2",
    ]

    /// The ONNX name (`FLOAT`, `INT64`, …), or `type <code>` for an unknown code.
    package var description: String {
        rawValue >= 0 && rawValue < Self.names.count ? Self.names[rawValue] : "type \(rawValue)"
    }

    /// The dtype tensors of this type decode to (`bfloat16` widens to `float32`), or `nil` when
    /// this runtime cannot hold it (strings, complex numbers, 8/4/2-bit floats and integers).
    package var dtype: DType? {
        switch self {
        case .float, .bfloat16: .float32
        case .uint8: .uint8
        case .int8: .int8
        case .uint16: .uint16
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .bool: .bool
        case .float16: .float16
        case .double: .float64
        case .uint32: .uint32
        case .uint64: .uint64
        default: nil
        }
    }

    /// The type code of a dtype.
    package init(_ dtype: DType) {
        switch dtype {
        case .float32: self = .float
        case .uint8: self = .uint8
        case .int8: self = .int8
        case .uint16: self = .uint16
        case .int16: self = .int16
        case .int32: self = .int32
        case .int64: self = .int64
        case .bool: self = .bool
        case .float16: self = .float16
        case .float64: self = .double
        case .uint32: self = .uint32
        case .uint64: self = .uint64
        }
    }

    /// The size in bytes of one element in `raw_data`, for the types this runtime decodes.
    package var rawByteCount: Int? {
        switch self {
        case .bfloat16: 2
        default: dtype?.byteCount
        }
    }
}
