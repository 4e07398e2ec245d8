import Foundation

/// Reads and writes numpy `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// Reading accepts every ``DType``, little- and big-endian data, `fortran_order: True` (converted to
/// row-major) and 0-d arrays. It validates the whole file before allocating: a forged header cannot
/// make it allocate more than the file's own size, and corrupt, truncated or unsupported files
/// throw an ``NPYError`` naming the problem and its byte offset.
///
/// Writing produces the exact bytes `numpy.save` writes for a C-ordered little-endian array
/// (format 1.0, 64-byte aligned header), so files round-trip through numpy unchanged.
public enum NPY {
    /// The six magic bytes every `.npy` file starts with.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// Reads a `.npy` file.
    ///
    /// - Throws: ``NPYError`` with code ``NPYError/Code/io`` when the file cannot be read, or any
    ///   of the format errors of ``decode(_:)``.
    public static func read(contentsOf url: URL) throws(NPYError) -> AnyTensor {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw NPYError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try decode(data)
    }

    /// Decodes the bytes of a `.npy` file.
    ///
    /// Complexity: O(file size); one copy of the data (plus one transposition for Fortran order).
    public static func decode(_ data: Data) throws(NPYError) -> AnyTensor {
        let bytes = [UInt8](data)
        let result = bytes.withUnsafeBytes { raw in Result { () throws(NPYError) -> AnyTensor in try decode(raw) } }
        return try result.get()
    }

    /// Decodes `.npy` bytes held in memory.
    public static func decode(_ raw: UnsafeRawBufferPointer) throws(NPYError) -> AnyTensor {
        guard raw.count >= 6 else {
            throw NPYError(.truncatedHeader, "the file has \(raw.count) bytes, fewer than the 6-byte magic string", offset: 0)
        }
        guard Array(raw[0..<6]) == magic else {
            throw NPYError(.badMagic, "the file does not start with \\x93NUMPY", offset: 0)
        }
        guard raw.count >= 8 else { throw NPYError(.truncatedHeader, "the file ends inside the version bytes", offset: raw.count) }
        let major = raw[6], minor = raw[7]
        guard (1...3).contains(major), minor == 0 else {
            throw NPYError(.unsupportedVersion, "format version \(major).\(minor) is not supported (only 1.0, 2.0 and 3.0)", offset: 6)
        }
        let lengthBytes = major == 1 ? 2 : 4
        guard raw.count >= 8 + lengthBytes else {
            throw NPYError(.truncatedHeader, "the file ends inside the header length", offset: raw.count)
        }
        var headerLength = 0
        for i in 0..<lengthBytes { headerLength |= Int(raw[8 + i]) << (8 * i) }
        let headerStart = 8 + lengthBytes
        guard headerLength <= raw.count - headerStart else {
            throw NPYError(.truncatedHeader, "the header claims \(headerLength) bytes but the file has only \(raw.count - headerStart) after the preamble", offset: 8)
        }
        let headerBytes = Array(raw[headerStart..<headerStart + headerLength])
        if major < 3, headerBytes.contains(where: { $0 >= 0x80 }) {
            // Versions 1 and 2 are latin-1; numpy itself never writes non-ASCII there.
            throw NPYError(.malformedHeader, "non-ASCII bytes in a version \(major) header", offset: headerStart)
        }
        let header = try NPYHeader.parse(headerBytes, base: headerStart)
        let dataStart = headerStart + headerLength
        let count: Int
        do {
            count = try Shape.elementCount(header.shape, operation: "npy")
        } catch {
            throw NPYError(.invalidShape, "shape \(header.shape): \(error.message)", offset: headerStart)
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: header.dtype.byteCount)
        guard !overflow else {
            throw NPYError(.invalidShape, "shape \(header.shape) of \(header.dtype) needs more bytes than Int can count", offset: headerStart)
        }
        let available = raw.count - dataStart
        guard byteCount <= available else {
            throw NPYError(.truncatedData, "shape \(header.shape) of \(header.dtype) needs \(byteCount) data bytes, the file has \(available)", offset: raw.count)
        }
        guard byteCount == available else {
            throw NPYError(.trailingData, "\(available - byteCount) bytes follow the \(byteCount) bytes of array data", offset: dataStart + byteCount)
        }
        let payload = UnsafeRawBufferPointer(rebasing: raw[dataStart..<dataStart + byteCount])
        let stored = header.isFortranOrder ? Array(header.shape.reversed()) : header.shape
        var tensor = makeTensor(header.dtype, shape: stored, count: count, payload: payload, swap: header.isBigEndian)
        if header.isFortranOrder, header.shape.count > 1 {
            tensor = tensor.visit(ReverseAxesVisitor())
        }
        return tensor
    }

    /// Encodes a tensor as the bytes `numpy.save` would write (version 1.0, little-endian, C order;
    /// version 2.0 if the header exceeds 65535 bytes).
    public static func encode(_ tensor: AnyTensor) -> Data {
        let header = NPYHeader(dtype: tensor.dtype, isBigEndian: false, isFortranOrder: false, shape: tensor.shape)
        var text = Array(header.text.utf8)
        var version: UInt8 = 1
        var lengthBytes = 2
        var padding = 64 - ((8 + lengthBytes + text.count + 1) % 64)
        if text.count + 1 + padding > 65535 {
            version = 2
            lengthBytes = 4
            padding = 64 - ((8 + lengthBytes + text.count + 1) % 64)
        }
        text += [UInt8](repeating: 0x20, count: padding) + [0x0A]
        var out = Data(magic + [version, 0])
        for i in 0..<lengthBytes { out.append(UInt8(truncatingIfNeeded: text.count >> (8 * i))) }
        out.append(contentsOf: text)
        out.append(tensor.visit(PayloadVisitor()))
        return out
    }

    /// Encodes a typed tensor; the same bytes as encoding `AnyTensor(tensor)`.
    public static func encode<S: TensorScalar>(_ tensor: Tensor<S>) -> Data {
        encode(AnyTensor(tensor))
    }

    /// Writes a tensor to a `.npy` file, replacing any existing file.
    ///
    /// - Throws: ``NPYError`` with code ``NPYError/Code/io`` when the file cannot be written.
    public static func write(_ tensor: AnyTensor, to url: URL) throws(NPYError) {
        do {
            try encode(tensor).write(to: url, options: .atomic)
        } catch {
            throw NPYError(.io, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Writes a typed tensor to a `.npy` file.
    public static func write<S: TensorScalar>(_ tensor: Tensor<S>, to url: URL) throws(NPYError) {
        try write(AnyTensor(tensor), to: url)
    }

    private static func makeTensor(_ dtype: DType, shape: [Int], count: Int, payload: UnsafeRawBufferPointer, swap: Bool) -> AnyTensor {
        switch dtype {
        case .bool:
            return AnyTensor(Tensor<Bool>(uncheckedShape: shape, count: count) { dst in
                for i in 0..<count { dst[i] = payload[i] != 0 }
            })
        case .int8: return AnyTensor(load(Int8.self, shape, count, payload, swap))
        case .int16: return AnyTensor(load(Int16.self, shape, count, payload, swap))
        case .int32: return AnyTensor(load(Int32.self, shape, count, payload, swap))
        case .int64: return AnyTensor(load(Int64.self, shape, count, payload, swap))
        case .uint8: return AnyTensor(load(UInt8.self, shape, count, payload, swap))
        case .uint16: return AnyTensor(load(UInt16.self, shape, count, payload, swap))
        case .uint32: return AnyTensor(load(UInt32.self, shape, count, payload, swap))
        case .uint64: return AnyTensor(load(UInt64.self, shape, count, payload, swap))
        #if !(os(macOS) && arch(x86_64))
        case .float16: return AnyTensor(load(Float16.self, shape, count, payload, swap))
        #else
        case .float16: return AnyTensor(storage: .float16Bits(load(UInt16.self, shape, count, payload, swap)))
        #endif
        case .float32: return AnyTensor(load(Float.self, shape, count, payload, swap))
        case .float64: return AnyTensor(load(Double.self, shape, count, payload, swap))
        }
    }

    private static func load<S: TensorScalar>(_: S.Type, _ shape: [Int], _ count: Int, _ payload: UnsafeRawBufferPointer, _ swap: Bool) -> Tensor<S> {
        Tensor<S>(uncheckedShape: shape, count: count) { dst in
            let raw = UnsafeMutableRawBufferPointer(dst)
            if count > 0, let base = payload.baseAddress, let target = raw.baseAddress {
                target.copyMemory(from: base, byteCount: count * MemoryLayout<S>.stride)
            }
            if swap { swapBytes(raw, elementSize: MemoryLayout<S>.stride) }
        }
    }

    /// Reverses the byte order of each element in place.
    static func swapBytes(_ raw: UnsafeMutableRawBufferPointer, elementSize: Int) {
        switch elementSize {
        case 2:
            for i in stride(from: 0, to: raw.count, by: 2) {
                raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: i, as: UInt16.self).byteSwapped, toByteOffset: i, as: UInt16.self)
            }
        case 4:
            for i in stride(from: 0, to: raw.count, by: 4) {
                raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self).byteSwapped, toByteOffset: i, as: UInt32.self)
            }
        case 8:
            for i in stride(from: 0, to: raw.count, by: 8) {
                raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).byteSwapped, toByteOffset: i, as: UInt64.self)
            }
        default:
            break
        }
    }
}

private struct ReverseAxesVisitor: TensorVisitor {
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) -> AnyTensor {
        AnyTensor(tensor.transposedUnchecked(Array((0..<tensor.rank).reversed())))
    }
}

private struct PayloadVisitor: TensorVisitor {
    func visit<S: TensorScalar>(_ tensor: Tensor<S>) -> Data {
        tensor.withUnsafeBufferPointer { Data(buffer: $0) }
    }
}
