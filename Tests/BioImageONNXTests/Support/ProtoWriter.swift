import BioImageTensor

/// A minimal protobuf wire-format writer, for building ONNX models and tensors in tests.
///
/// Independent of the reader under test: fields are written by number, as `onnx.proto` defines them.
struct ProtoWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func tag(_ field: Int, wire: Int) { varint(UInt64(field << 3 | wire)) }

    /// An `int64`/`int32`/enum field (negative values take 10 bytes).
    mutating func int(_ field: Int, _ value: Int64) {
        tag(field, wire: 0)
        varint(UInt64(bitPattern: value))
    }

    mutating func float(_ field: Int, _ value: Float) {
        tag(field, wire: 5)
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt32(k)))) }
    }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        tag(field, wire: 2)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }

    mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void) {
        var nested = ProtoWriter()
        build(&nested)
        bytes(field, nested.bytes)
    }

    mutating func packedInts(_ field: Int, _ values: [Int64]) {
        var nested = ProtoWriter()
        for value in values { nested.varint(UInt64(bitPattern: value)) }
        bytes(field, nested.bytes)
    }

    mutating func packedFloats(_ field: Int, _ values: [Float]) {
        var raw: [UInt8] = []
        for value in values { for k in 0..<4 { raw.append(UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt32(k)))) } }
        bytes(field, raw)
    }

    /// Appends raw bytes (for building deliberately broken messages).
    mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    /// A `TensorProto` with `raw_data` holding `tensor` (little-endian).
    static func tensor(_ tensor: AnyTensor, name: String = "") -> [UInt8] {
        var writer = ProtoWriter()
        for dim in tensor.shape { writer.int(1, Int64(dim)) }
        writer.int(2, Int64(onnxType(tensor.dtype)))
        if !name.isEmpty { writer.string(8, name) }
        writer.bytes(9, rawBytes(tensor))
        return writer.bytes
    }

    /// The ONNX `TensorProto.DataType` code of a dtype.
    static func onnxType(_ dtype: DType) -> Int {
        switch dtype {
        case .float32: 1
        case .uint8: 2
        case .int8: 3
        case .uint16: 4
        case .int16: 5
        case .int32: 6
        case .int64: 7
        case .bool: 9
        case .float16: 10
        case .float64: 11
        case .uint32: 12
        case .uint64: 13
        }
    }

    /// The little-endian element bytes of a tensor.
    static func rawBytes(_ tensor: AnyTensor) -> [UInt8] {
        func bytes<S: TensorScalar>(_ typed: Tensor<S>) -> [UInt8] { typed.scalars.withUnsafeBytes { Array($0) } }
        switch tensor.storage {
        case .bool(let t): return t.scalars.map { $0 ? 1 : 0 }
        case .int8(let t): return bytes(t)
        case .int16(let t): return bytes(t)
        case .int32(let t): return bytes(t)
        case .int64(let t): return bytes(t)
        case .uint8(let t): return bytes(t)
        case .uint16(let t): return bytes(t)
        case .uint32(let t): return bytes(t)
        case .uint64(let t): return bytes(t)
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t): return bytes(t)
        #else
        case .float16Bits(let t): return bytes(t)
        #endif
        case .float32(let t): return bytes(t)
        case .float64(let t): return bytes(t)
        }
    }
}
