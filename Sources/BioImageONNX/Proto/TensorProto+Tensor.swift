import BioImageTensor
import Foundation

extension TensorProto {
    /// How errors name this tensor.
    var label: String { name.isEmpty ? "tensor" : "tensor '\(name)'" }

    /// The tensor's shape, checked: no negative extent and an element count that fits `Int`.
    package func shape() throws(ONNXError) -> (shape: [Int], count: Int) {
        var count = 1
        var shape: [Int] = []
        shape.reserveCapacity(dims.count)
        for dim in dims {
            guard dim >= 0, dim <= Int64(Int.max) else {
                throw ONNXError(.malformed, "\(label) has a negative or oversized dimension \(dim) in \(dims)", offset: offset)
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(dim))
            guard !overflow else { throw ONNXError(.limitExceeded, "\(label) has too many elements (dims \(dims))", offset: offset) }
            count = product
            shape.append(Int(dim))
        }
        return (shape, count)
    }

    /// Decodes the data into a tensor of the matching dtype (`bfloat16` widens to `float32`).
    ///
    /// - Parameter externalData: where `data_location: EXTERNAL` tensors read their bytes; `nil`
    ///   makes such tensors an error.
    /// - Throws: ``ONNXError/Code/unsupportedDType`` for strings, complex and 8/4-bit types;
    ///   ``ONNXError/Code/malformed`` when the data does not hold exactly the dims' element count;
    ///   ``ONNXError/Code/externalData`` when an external file cannot be read.
    package func tensor(externalData source: ExternalDataSource? = nil) throws(ONNXError) -> AnyTensor {
        guard let dtype = dataType.dtype, let elementSize = dataType.rawByteCount else {
            throw ONNXError(.unsupportedDType, "\(label) has data type \(dataType), which this runtime does not support", offset: offset)
        }
        let (shape, count) = try shape()
        if dataLocation == 1 || (rawData == nil && !externalData.isEmpty) {
            let raw = try externalBytes(count: count, elementSize: elementSize, source: source)
            return try decodeRaw(raw[...], shape: shape, count: count, dtype: dtype)
        }
        if let rawData {
            let (expected, overflow) = count.multipliedReportingOverflow(by: elementSize)
            guard !overflow, rawData.count == expected else {
                throw ONNXError(.malformed, "\(label): raw_data has \(rawData.count) bytes, dims \(dims) of \(dataType) need \(overflow ? "more" : String(expected))", offset: offset)
            }
            return try decodeRaw(rawData, shape: shape, count: count, dtype: dtype)
        }
        return try decodeTyped(shape: shape, count: count, dtype: dtype)
    }

    /// Reads the bytes of an external tensor, checking offset and length against the file.
    private func externalBytes(count: Int, elementSize: Int, source: ExternalDataSource?) throws(ONNXError) -> [UInt8] {
        guard let location = externalData["location"], !location.isEmpty else {
            throw ONNXError(.externalData, "\(label) is stored externally but has no 'location'", offset: offset)
        }
        guard let source else {
            throw ONNXError(.externalData, "\(label) is stored in the external file '\(location)', but no external data location was given", offset: offset)
        }
        let data = try source.contents(of: location)
        let start = Int(externalData["offset"] ?? "0") ?? -1
        let (needed, overflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !overflow else { throw ONNXError(.limitExceeded, "\(label) is too large", offset: offset) }
        let length = externalData["length"].map { Int($0) ?? -1 } ?? needed
        guard start >= 0, length >= 0, start <= data.count, length <= data.count - start else {
            throw ONNXError(.externalData, "\(label): offset \(externalData["offset"] ?? "0") and length \(externalData["length"] ?? "-") lie outside '\(location)' (\(data.count) bytes)", offset: offset)
        }
        guard length == needed else {
            throw ONNXError(.externalData, "\(label): external length \(length) bytes, dims \(dims) of \(dataType) need \(needed)", offset: offset)
        }
        let lower = data.startIndex + start
        return [UInt8](data[lower..<(lower + length)])
    }

    private func make<S: TensorScalar>(_ scalars: [S], shape: [Int]) throws(ONNXError) -> AnyTensor {
        do { return AnyTensor(try Tensor(shape: shape, scalars: scalars)) } catch {
            throw ONNXError(.malformed, "\(label): \(error)", offset: offset)
        }
    }

    private func halfTensor(bits: [UInt16], shape: [Int]) throws(ONNXError) -> AnyTensor {
        #if !(os(macOS) && arch(x86_64))
        return try make(bits.map { Float16(bitPattern: $0) }, shape: shape)
        #else
        return try make(bits.map(HalfFloat.float), shape: shape).converted(to: .float16)
        #endif
    }

    private func decodeRaw(_ raw: ArraySlice<UInt8>, shape: [Int], count: Int, dtype: DType) throws(ONNXError) -> AnyTensor {
        if dataType == .bfloat16 {
            let bits = ProtoReader.littleEndianScalars(raw, count: count, as: UInt16.self)
            return try make(bits.map { Float(bitPattern: UInt32($0) << 16) }, shape: shape)
        }
        switch dtype {
        case .bool: return try make(raw.map { $0 != 0 }, shape: shape)
        case .int8: return try make(ProtoReader.littleEndianScalars(raw, count: count, as: Int8.self), shape: shape)
        case .int16: return try make(ProtoReader.littleEndianScalars(raw, count: count, as: Int16.self), shape: shape)
        case .int32: return try make(ProtoReader.littleEndianScalars(raw, count: count, as: Int32.self), shape: shape)
        case .int64: return try make(ProtoReader.littleEndianScalars(raw, count: count, as: Int64.self), shape: shape)
        case .uint8: return try make(Array(raw), shape: shape)
        case .uint16: return try make(ProtoReader.littleEndianScalars(raw, count: count, as: UInt16.self), shape: shape)
        case .uint32: return try make(ProtoReader.littleEndianScalars(raw, count: count, as: UInt32.self), shape: shape)
        case .uint64: return try make(ProtoReader.littleEndianScalars(raw, count: count, as: UInt64.self), shape: shape)
        case .float16: return try halfTensor(bits: ProtoReader.littleEndianScalars(raw, count: count, as: UInt16.self), shape: shape)
        case .float32: return try make(ProtoReader.littleEndianScalars(raw, count: count, as: Float.self), shape: shape)
        case .float64: return try make(ProtoReader.littleEndianScalars(raw, count: count, as: Double.self), shape: shape)
        }
    }

    private func checkCount(_ actual: Int, _ count: Int, field: String) throws(ONNXError) {
        guard actual == count else {
            throw ONNXError(.malformed, "\(label): \(field) has \(actual) values, dims \(dims) need \(count)", offset: offset)
        }
    }

    private func decodeTyped(shape: [Int], count: Int, dtype: DType) throws(ONNXError) -> AnyTensor {
        if dataType == .bfloat16 {
            try checkCount(int32Data.count, count, field: "int32_data")
            return try make(int32Data.map { Float(bitPattern: UInt32(truncatingIfNeeded: $0) << 16) }, shape: shape)
        }
        switch dtype {
        case .float32:
            try checkCount(floatData.count, count, field: "float_data")
            return try make(floatData, shape: shape)
        case .float64:
            try checkCount(doubleData.count, count, field: "double_data")
            return try make(doubleData, shape: shape)
        case .int64:
            try checkCount(int64Data.count, count, field: "int64_data")
            return try make(int64Data, shape: shape)
        case .uint32, .uint64:
            try checkCount(uint64Data.count, count, field: "uint64_data")
            return dtype == .uint32
                ? try make(uint64Data.map { UInt32(truncatingIfNeeded: $0) }, shape: shape)
                : try make(uint64Data, shape: shape)
        case .bool, .int8, .int16, .int32, .uint8, .uint16, .float16:
            try checkCount(int32Data.count, count, field: "int32_data")
            switch dtype {
            case .bool: return try make(int32Data.map { $0 != 0 }, shape: shape)
            case .int8: return try make(int32Data.map { Int8(truncatingIfNeeded: $0) }, shape: shape)
            case .int16: return try make(int32Data.map { Int16(truncatingIfNeeded: $0) }, shape: shape)
            case .uint8: return try make(int32Data.map { UInt8(truncatingIfNeeded: $0) }, shape: shape)
            case .uint16: return try make(int32Data.map { UInt16(truncatingIfNeeded: $0) }, shape: shape)
            case .float16: return try halfTensor(bits: int32Data.map { UInt16(truncatingIfNeeded: $0) }, shape: shape)
            default: return try make(int32Data.map { Int32(truncatingIfNeeded: $0) }, shape: shape)
            }
        }
    }
}

/// Where a model's externally stored tensors read their bytes: a folder, or files already in memory.
package struct ExternalDataSource: Sendable {
    private let load: @Sendable (String) throws(ONNXError) -> Data

    /// Files read from `directory` (the model's folder); a location may not be absolute or climb out with `..`.
    package static func directory(_ directory: URL) -> ExternalDataSource {
        ExternalDataSource { location throws(ONNXError) in
            let url = directory.appendingPathComponent(location)
            do { return try Data(contentsOf: url, options: .alwaysMapped) } catch {
                throw ONNXError(.externalData, "cannot read the external data file '\(location)' at \(url.path): \(error.localizedDescription)")
            }
        }
    }

    /// Files given by name (the package's external data file, already read).
    package static func files(_ files: [String: Data]) -> ExternalDataSource {
        ExternalDataSource { location throws(ONNXError) in
            if let data = files[location] { return data }
            let base = location.split(separator: "/").last.map(String.init) ?? location
            if let data = files[base] { return data }
            throw ONNXError(.externalData, "the external data file '\(location)' is not available (have \(files.keys.sorted()))")
        }
    }

    private init(load: @escaping @Sendable (String) throws(ONNXError) -> Data) {
        self.load = load
    }

    /// The bytes of the file at `location` (relative, as written in the tensor).
    package func contents(of location: String) throws(ONNXError) -> Data {
        let parts = location.split(separator: "/", omittingEmptySubsequences: true)
        guard !location.hasPrefix("/"), !location.contains("\\"), !parts.contains(".."), !parts.isEmpty else {
            throw ONNXError(.externalData, "external data location '\(location)' must be a relative path inside the model's folder")
        }
        return try load(location)
    }
}

/// Software binary16 decoding for platforms without `Float16`.
enum HalfFloat {
    /// The `Float` value of a binary16 bit pattern (exact).
    static func float(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
        if exponent == 0 {
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }
}
