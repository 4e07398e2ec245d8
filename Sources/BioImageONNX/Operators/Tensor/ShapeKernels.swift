import BioImageTensor

/// `Reshape` (opset ≥ 5: the shape is an input; `0` copies the input's extent unless `allowzero`,
/// one `-1` is inferred). Storage is shared, not copied.
struct ReshapeKernel: OperatorKernel {
    let node: OperatorNode
    let allowZero: Bool

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(["allowzero"])
        return ReshapeKernel(node: node, allowZero: try node.int("allowzero", default: 0) != 0)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        let requested = try node.integerValues(try node.inputTensor(inputs, 1, "shape"), "shape")
        let inShape = data.shape
        var shape = requested
        var inferred: Int?
        for (axis, extent) in requested.enumerated() {
            if extent == 0 && !allowZero {
                guard axis < inShape.count else {
                    throw node.error(.shapeMismatch, "shape \(requested) copies axis \(axis), but the input has rank \(inShape.count)")
                }
                shape[axis] = inShape[axis]
            } else if extent == -1 {
                guard inferred == nil else { throw node.error(.shapeMismatch, "shape \(requested) has more than one -1") }
                inferred = axis
            } else if extent < 0 {
                throw node.error(.shapeMismatch, "shape \(requested) has the negative extent \(extent)")
            }
        }
        let count = data.count
        if let axis = inferred {
            shape[axis] = 1
            let known = try TensorOps.count(shape, node: node)
            guard known > 0, count % known == 0 else {
                throw node.error(.shapeMismatch, "cannot reshape \(inShape) to \(requested): -1 cannot be inferred")
            }
            shape[axis] = count / known
        }
        guard try TensorOps.count(shape, node: node) == count else {
            throw node.error(.shapeMismatch, "cannot reshape \(inShape) (\(count) elements) to \(requested)")
        }
        do { return [try data.reshaped(to: shape)] } catch { throw error.onnxError(for: node) }
    }
}

/// `Flatten`: the axes before `axis` become the rows and the rest the columns of a matrix.
struct FlattenKernel: OperatorKernel {
    let node: OperatorNode
    let axis: Int

    static let factory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(["axis"])
        return FlattenKernel(node: node, axis: try node.int("axis", default: 1))
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let input = try node.inputTensor(inputs, 0, "input")
        let shape = input.shape
        let split = axis < 0 ? axis + shape.count : axis
        guard split >= 0, split <= shape.count else {
            throw node.error(.invalidAttribute, "axis \(axis) is out of range for rank \(shape.count)")
        }
        let rows = try TensorOps.count(Array(shape[..<split]), node: node)
        let columns = try TensorOps.count(Array(shape[split...]), node: node)
        do { return [try input.reshaped(to: [rows, columns])] } catch { throw error.onnxError(for: node) }
    }
}

/// `Squeeze` (axes an attribute before opset 13, an optional input since): removes extent-1 axes,
/// all of them when no axes are given.
struct SqueezeKernel: OperatorKernel {
    let node: OperatorNode
    let attributeAxes: [Int]?

    static let factory: KernelFactory = { node throws(ONNXError) in
        if node.opset < 13 {
            try node.checkAttributes(["axes"])
            return SqueezeKernel(node: node, attributeAxes: try node.ints("axes"))
        }
        try node.checkAttributes([])
        return SqueezeKernel(node: node, attributeAxes: nil)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        var axes = attributeAxes
        if node.opset >= 13, let tensor = node.optionalInputTensor(inputs, 1) {
            axes = try node.integerValues(tensor, "axes")
        }
        let shape = data.shape
        var remove = Set<Int>()
        if let axes {
            for axis in try node.resolvedAxes(axes, rank: shape.count) {
                guard shape[axis] == 1 else {
                    throw node.error(.shapeMismatch, "cannot squeeze axis \(axis) of extent \(shape[axis]) in \(shape)")
                }
                remove.insert(axis)
            }
        } else {
            remove = Set(shape.indices.filter { shape[$0] == 1 })
        }
        let newShape = shape.indices.filter { !remove.contains($0) }.map { shape[$0] }
        do { return [try data.reshaped(to: newShape)] } catch { throw error.onnxError(for: node) }
    }
}

/// `Unsqueeze` (axes an attribute before opset 13, an input since): inserts extent-1 axes at the
/// given positions of the result.
struct UnsqueezeKernel: OperatorKernel {
    let node: OperatorNode
    let attributeAxes: [Int]?

    static let factory: KernelFactory = { node throws(ONNXError) in
        if node.opset < 13 {
            try node.checkAttributes(["axes"])
            guard let axes = try node.ints("axes") else { throw node.error(.invalidAttribute, "missing attribute 'axes'") }
            return UnsqueezeKernel(node: node, attributeAxes: axes)
        }
        try node.checkAttributes([])
        return UnsqueezeKernel(node: node, attributeAxes: nil)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        let axes: [Int]
        if let attributeAxes { axes = attributeAxes } else {
            axes = try node.integerValues(try node.inputTensor(inputs, 1, "axes"), "axes")
        }
        let shape = data.shape
        let rank = shape.count + axes.count
        let inserted = Set(try node.resolvedAxes(axes, rank: rank))
        var newShape: [Int] = []
        var next = shape.makeIterator()
        for axis in 0..<rank {
            if inserted.contains(axis) { newShape.append(1) } else if let extent = next.next() { newShape.append(extent) }
        }
        do { return [try data.reshaped(to: newShape)] } catch { throw error.onnxError(for: node) }
    }
}

/// `Shape` (with `start`/`end` since opset 15, clamped to the rank) and `Size`: int64 results.
struct ShapeKernel: OperatorKernel {
    let node: OperatorNode
    let start: Int
    let end: Int?
    let isSize: Bool

    static let shapeFactory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(node.opset >= 15 ? ["start", "end"] : [])
        let end: Int? = node.attributes["end"] == nil ? nil : try node.int("end")
        return ShapeKernel(node: node, start: try node.int("start", default: 0), end: end, isSize: false)
    }

    static let sizeFactory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes([])
        return ShapeKernel(node: node, start: 0, end: nil, isSize: true)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        let shape = data.shape
        if isSize { return [AnyTensor(Tensor<Int64>(Int64(data.count)))] }
        let rank = shape.count
        func clamp(_ value: Int) -> Int { min(max(value < 0 ? value + rank : value, 0), rank) }
        let lower = clamp(start), upper = clamp(end ?? rank)
        let values = lower < upper ? shape[lower..<upper].map { Int64($0) } : []
        return [AnyTensor(Tensor<Int64>(values))]
    }
}

/// `Identity` and `Dropout` in inference mode: the output is the input (shared, not copied); the
/// optional `Dropout` mask is all true (bool since opset 10, the input's dtype before).
struct IdentityKernel: OperatorKernel {
    let node: OperatorNode
    let isDropout: Bool

    static let identityFactory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes([])
        return IdentityKernel(node: node, isDropout: false)
    }

    static let dropoutFactory: KernelFactory = { node throws(ONNXError) in
        try node.checkAttributes(node.opset >= 12 ? ["seed"] : ["ratio", "is_test"])
        return IdentityKernel(node: node, isDropout: true)
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        let data = try node.inputTensor(inputs, 0, "data")
        guard isDropout else { return [data] }
        if node.opset >= 12, let training = node.optionalInputTensor(inputs, 2), try node.scalarValue(training, "training_mode") != 0 {
            let ratio = try node.optionalInputTensor(inputs, 1).map { (r) throws(ONNXError) in try node.scalarValue(r, "ratio") } ?? 0.5
            guard ratio == 0 else {
                throw node.error(.invalidInput, "training_mode with a ratio of \(ratio) is not supported (inference only)")
            }
        }
        guard node.outputs.count > 1 else { return [data] }
        let ones: AnyTensor
        do { ones = AnyTensor(try Tensor<Bool>(repeating: true, shape: data.shape)) } catch { throw error.onnxError(for: node) }
        return [data, node.opset >= 10 ? ones : ones.converted(to: data.dtype)]
    }
}
