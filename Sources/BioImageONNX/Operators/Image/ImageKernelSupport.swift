import BioImageTensor
import Dispatch

/// Where a kernel sits in its graph: the node's name and operator, for run-time error messages.
struct ImageKernelSite: Sendable {
    /// The node's name.
    var name: String
    /// The node's operator type.
    var opType: String

    /// The site of `node`.
    init(_ node: OperatorNode) {
        name = node.name
        opType = node.opType
    }

    /// An error about this node.
    func error(_ code: ONNXError.Code, _ message: String) -> ONNXError {
        ONNXError(code, message, node: name, opType: opType)
    }

    /// The input at `index`, or an error naming it when it is missing.
    func input(_ inputs: [AnyTensor?], _ index: Int, _ role: String) throws(ONNXError) -> AnyTensor {
        guard index < inputs.count, let tensor = inputs[index] else {
            throw error(.invalidInput, "missing input \(index) ('\(role)')")
        }
        return tensor
    }

    /// The optional input at `index`; `nil` when omitted. Empty tensors count as omitted when `emptyIsAbsent`.
    func optionalInput(_ inputs: [AnyTensor?], _ index: Int, emptyIsAbsent: Bool = false) -> AnyTensor? {
        guard index < inputs.count, let tensor = inputs[index] else { return nil }
        if emptyIsAbsent && tensor.count == 0 { return nil }
        return tensor
    }

    /// Wraps scalars in a tensor, turning a shape error into an `ONNXError`.
    func tensor<T: TensorScalar>(shape: [Int], scalars: [T]) throws(ONNXError) -> Tensor<T> {
        do {
            return try Tensor(shape: shape, scalars: scalars)
        } catch {
            throw self.error(.shapeMismatch, "cannot form an output of shape \(shape): \(error.message)")
        }
    }

    /// The values of a rank-0 or rank-1 integer tensor (int64 or int32) as `Int`s.
    func integers(_ tensor: AnyTensor, _ role: String) throws(ONNXError) -> [Int] {
        guard tensor.shape.count <= 1 else {
            throw error(.shapeMismatch, "'\(role)' must be a 1-D tensor, got shape \(tensor.shape)")
        }
        switch tensor.storage {
        case .int64(let t): return t.scalars.map { Int($0) }
        case .int32(let t): return t.scalars.map { Int($0) }
        default: throw error(.unsupportedDType, "'\(role)' must be int64, got \(tensor.dtype)")
        }
    }

    /// The values of a rank-0 or rank-1 floating-point tensor as `Double`s.
    func reals(_ tensor: AnyTensor, _ role: String) throws(ONNXError) -> [Double] {
        guard tensor.shape.count <= 1 else {
            throw error(.shapeMismatch, "'\(role)' must be a 1-D tensor, got shape \(tensor.shape)")
        }
        guard tensor.dtype.isFloatingPoint else {
            throw error(.unsupportedDType, "'\(role)' must be a floating-point tensor, got \(tensor.dtype)")
        }
        return tensor.converted(to: Double.self).scalars
    }

    /// Normalises a possibly negative axis against `rank`.
    func axis(_ axis: Int, rank: Int, _ role: String = "axis") throws(ONNXError) -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        guard normalized >= 0, normalized < rank else {
            throw error(.invalidAttribute, "\(role) \(axis) is out of range for a rank-\(rank) tensor")
        }
        return normalized
    }
}

/// A computation over a typed tensor, dispatched on the dtype of an ``AnyTensor``.
protocol ImageTypedOperation {
    associatedtype Result
    func callAsFunction<T: TensorScalar>(_ tensor: Tensor<T>) throws(ONNXError) -> Result
}

/// A computation over a numeric tensor (every dtype but `bool`).
protocol ImageNumericOperation {
    associatedtype Result
    func callAsFunction<T: TensorNumeric>(_ tensor: Tensor<T>) throws(ONNXError) -> Result
}

/// Dtype dispatch for the image kernels.
extension AnyTensor {
    /// Runs `operation` on the typed tensor inside.
    func apply<O: ImageTypedOperation>(_ operation: O, site: ImageKernelSite) throws(ONNXError) -> O.Result {
        switch storage {
        case .bool(let t): return try operation(t)
        case .int8(let t): return try operation(t)
        case .int16(let t): return try operation(t)
        case .int32(let t): return try operation(t)
        case .int64(let t): return try operation(t)
        case .uint8(let t): return try operation(t)
        case .uint16(let t): return try operation(t)
        case .uint32(let t): return try operation(t)
        case .uint64(let t): return try operation(t)
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t): return try operation(t)
        #else
        case .float16Bits: throw site.error(.unsupportedDType, "float16 tensors are not supported on this platform")
        #endif
        case .float32(let t): return try operation(t)
        case .float64(let t): return try operation(t)
        }
    }

    /// Runs `operation` on the typed tensor inside; throws for `bool` tensors.
    func applyNumeric<O: ImageNumericOperation>(_ operation: O, site: ImageKernelSite) throws(ONNXError) -> O.Result {
        switch storage {
        case .bool: throw site.error(.unsupportedDType, "bool tensors are not supported")
        case .int8(let t): return try operation(t)
        case .int16(let t): return try operation(t)
        case .int32(let t): return try operation(t)
        case .int64(let t): return try operation(t)
        case .uint8(let t): return try operation(t)
        case .uint16(let t): return try operation(t)
        case .uint32(let t): return try operation(t)
        case .uint64(let t): return try operation(t)
        #if !(os(macOS) && arch(x86_64))
        case .float16(let t): return try operation(t)
        #else
        case .float16Bits: throw site.error(.unsupportedDType, "float16 tensors are not supported on this platform")
        #endif
        case .float32(let t): return try operation(t)
        case .float64(let t): return try operation(t)
        }
    }
}

/// Threading and buffer helpers shared by the image kernels.
enum ImageKernels {
    /// Calls `body` on disjoint ranges covering `0..<count`, on up to `threads` threads when the
    /// total work (`count × costPerItem` elementary operations) is large enough to pay for them.
    static func forEach(count: Int, threads: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let work = count.multipliedReportingOverflow(by: Swift.max(1, costPerItem))
        let total = work.overflow ? Int.max : work.partialValue
        let chunks = total < 1 << 15 ? 1 : Swift.min(count, Swift.max(1, threads) * (total >= 1 << 20 ? 4 : 1))
        if chunks <= 1 || threads <= 1 {
            body(0..<count)
            return
        }
        let per = (count + chunks - 1) / chunks
        withoutActuallyEscaping(body) { body in
            let box = Box(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = Swift.min(count, chunk * per)
                let end = Swift.min(count, start + per)
                if start < end { box.value(start..<end) }
            }
        }
    }

    /// Carries a value into `concurrentPerform`; the kernels hand disjoint output ranges to each worker.
    struct Box<Value>: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    /// A mutable pointer that may cross into `concurrentPerform`; workers write disjoint ranges.
    struct Pointer<Element>: @unchecked Sendable {
        var base: UnsafeMutablePointer<Element>
        init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
    }

    /// Allocates `count` elements and lets `body` initialise every one of them. Buffers of 4 MB or
    /// more are advised for transparent huge pages first (as numpy and `Tensor` do), which saves most
    /// first-touch page faults on large outputs.
    @inline(__always)
    static func makeScalars<T>(count: Int, _ body: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        HugePages.makeArray(count: count, body)
    }

    /// The product of `shape[range]` (1 for an empty range).
    @inline(__always)
    static func extentProduct(_ shape: [Int], _ range: Range<Int>) -> Int {
        var product = 1
        for axis in range { product *= shape[axis] }
        return product
    }
}
