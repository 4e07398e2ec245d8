import BioImageTensor

/// The whole output tensor being stitched from blocks: raw element bytes of one dtype, written
/// box by box in contiguous runs.
///
/// Every element is written by some block, so the initial zeros never show (bioimageio.core fills
/// with NaN cast to the dtype).
struct OutputCanvas {
    /// The element type.
    let dtype: DType
    /// The shape.
    let shape: [Int]
    private var bytes: [UInt8]

    /// A zero-filled canvas.
    init(dtype: DType, shape: [Int], tensor: String) throws(RuntimeError) {
        var count = 1
        for extent in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, extent >= 0, product <= Int.max / 16 else {
                throw RuntimeError(.invalidTiling, "the output shape \(shape) is too large", tensor: tensor)
            }
            count = product
        }
        self.dtype = dtype
        self.shape = shape
        bytes = [UInt8](repeating: 0, count: count * dtype.byteCount)
    }

    /// Copies the box `extent` at `source` of `block` to `destination` in the canvas.
    mutating func paste(_ block: AnyTensor, source: [Int], destination: [Int], extent: [Int], tensor: String) throws(RuntimeError) {
        let blockShape = block.shape
        guard block.dtype == dtype else {
            throw RuntimeError(.executionFailed, "a block has dtype \(block.dtype), the previous ones \(dtype)", tensor: tensor)
        }
        guard blockShape.count == shape.count, source.count == shape.count, destination.count == shape.count, extent.count == shape.count else {
            throw RuntimeError(.executionFailed, "a block of shape \(blockShape) does not fit the output of shape \(shape)", tensor: tensor)
        }
        for axis in shape.indices {
            guard extent[axis] >= 0, source[axis] >= 0, destination[axis] >= 0,
                  source[axis] + extent[axis] <= blockShape[axis], destination[axis] + extent[axis] <= shape[axis] else {
                throw RuntimeError(.executionFailed, "the box \(extent) at \(source) of a block of shape \(blockShape) does not fit at \(destination) of the output of shape \(shape)", tensor: tensor)
            }
        }
        if extent.contains(0) { return }
        let elementSize = dtype.byteCount
        let canvasShape = shape
        Self.withBytes(of: block) { sourceBytes in
            bytes.withUnsafeMutableBytes { destinationBytes in
                guard let from = sourceBytes.baseAddress, let to = destinationBytes.baseAddress else { return }
                Self.copyBox(from: from, shape: blockShape, start: source, to: to, shape: canvasShape, start: destination,
                             extent: extent, elementSize: elementSize)
            }
        }
    }

    /// The stitched tensor.
    func tensor() throws(RuntimeError) -> AnyTensor {
        let shape = shape
        func make<S: TensorScalar>(_: S.Type) throws(RuntimeError) -> AnyTensor {
            let count = bytes.count / MemoryLayout<S>.stride
            let scalars = [S](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    if let base = raw.baseAddress, let target = buffer.baseAddress {
                        UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: count * MemoryLayout<S>.stride)
                    }
                }
                initialized = count
            }
            return AnyTensor(try wrap { () throws(TensorError) in try Tensor(shape: shape, scalars: scalars) })
        }
        switch dtype {
        case .bool: return try make(Bool.self)
        case .int8: return try make(Int8.self)
        case .int16: return try make(Int16.self)
        case .int32: return try make(Int32.self)
        case .int64: return try make(Int64.self)
        case .uint8: return try make(UInt8.self)
        case .uint16: return try make(UInt16.self)
        case .uint32: return try make(UInt32.self)
        case .uint64: return try make(UInt64.self)
        #if !(os(macOS) && arch(x86_64))
        case .float16: return try make(Float16.self)
        #else
        case .float16:
            let bits = try make(UInt16.self)
            guard case .uint16(let typed) = bits.storage else { return bits }
            return AnyTensor(storage: .float16Bits(typed))
        #endif
        case .float32: return try make(Float.self)
        case .float64: return try make(Double.self)
        }
    }

    /// Calls `body` with the raw element bytes of `tensor`.
    private static func withBytes(of tensor: AnyTensor, _ body: (UnsafeRawBufferPointer) -> Void) {
        switch tensor.storage {
        case .bool(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        case .int8(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        case .int16(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        case .int32(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        case .int64(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        case .uint8(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        case .uint16(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        case .uint32(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        case .uint64(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        #else
        case .float16Bits(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        #endif
        case .float32(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        case .float64(let t): t.withUnsafeBufferPointer { body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Copies a box between row-major arrays, one contiguous run of the last axis at a time.
    private static func copyBox(from source: UnsafeRawPointer, shape sourceShape: [Int], start sourceStart: [Int],
                                to destination: UnsafeMutableRawPointer, shape destinationShape: [Int], start destinationStart: [Int],
                                extent: [Int], elementSize: Int) {
        let rank = extent.count
        guard rank > 0 else {
            destination.copyMemory(from: source, byteCount: elementSize)
            return
        }
        var sourceStrides = [Int](repeating: 1, count: rank), destinationStrides = sourceStrides
        for axis in stride(from: rank - 2, through: 0, by: -1) {
            sourceStrides[axis] = sourceStrides[axis + 1] * sourceShape[axis + 1]
            destinationStrides[axis] = destinationStrides[axis + 1] * destinationShape[axis + 1]
        }
        let runBytes = extent[rank - 1] * elementSize
        var index = [Int](repeating: 0, count: rank)
        let runs = extent.dropLast().reduce(1, *)
        for _ in 0..<runs {
            var from = 0, to = 0
            for axis in 0..<rank {
                from += (sourceStart[axis] + index[axis]) * sourceStrides[axis]
                to += (destinationStart[axis] + index[axis]) * destinationStrides[axis]
            }
            (destination + to * elementSize).copyMemory(from: source + from * elementSize, byteCount: runBytes)
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < extent[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
