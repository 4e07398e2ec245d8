import BioImageTensor

/// Reading a node's inputs at run time: presence, integer lists (shapes, axes, indices) and axes.
extension OperatorNode {
    /// The input at `index`, or an error naming it when it is missing.
    func inputTensor(_ inputs: [AnyTensor?], _ index: Int, _ what: String) throws(ONNXError) -> AnyTensor {
        guard index < inputs.count, let value = inputs[index] else {
            throw error(.invalidInput, "missing input \(index) (\(what))")
        }
        return value
    }

    /// The input at `index`, or `nil` when it is omitted.
    func optionalInputTensor(_ inputs: [AnyTensor?], _ index: Int) -> AnyTensor? {
        index < inputs.count ? inputs[index] : nil
    }

    /// The elements of an integer tensor (`int64` or `int32`, any shape) as `Int`s.
    func integerValues(_ tensor: AnyTensor, _ what: String) throws(ONNXError) -> [Int] {
        switch tensor.storage {
        case .int64(let t): return t.scalars.map { Int($0) }
        case .int32(let t): return t.scalars.map { Int($0) }
        default: throw error(.unsupportedDType, "\(what) must be an int64 or int32 tensor, got \(tensor.dtype)")
        }
    }

    /// The one element of a single-element tensor, widened to `Double` (exact for the integer
    /// ranges shapes use).
    func scalarValue(_ tensor: AnyTensor, _ what: String) throws(ONNXError) -> Double {
        guard tensor.count == 1 else {
            throw error(.invalidInput, "\(what) must hold one element, got shape \(tensor.shape)")
        }
        return tensor.converted(to: Double.self).scalars[0]
    }

    /// Resolves a possibly negative axis against `rank`.
    func resolvedAxis(_ axis: Int, rank: Int, _ what: String = "axis") throws(ONNXError) -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        guard resolved >= 0, resolved < rank else {
            throw error(.invalidAttribute, "\(what) \(axis) is out of range for rank \(rank)")
        }
        return resolved
    }

    /// Resolves a list of possibly negative axes against `rank`; duplicates are an error.
    func resolvedAxes(_ axes: [Int], rank: Int, _ what: String = "axes") throws(ONNXError) -> [Int] {
        var seen = Set<Int>()
        var result: [Int] = []
        for value in axes {
            let resolved = try resolvedAxis(value, rank: rank, what)
            guard seen.insert(resolved).inserted else {
                throw error(.invalidAttribute, "\(what) \(axes) lists axis \(value) twice")
            }
            result.append(resolved)
        }
        return result
    }

    /// Throws unless the node has at least `count` inputs.
    func requireInputCount(_ inputs: [AnyTensor?], _ count: Int) throws(ONNXError) {
        for index in 0..<count where index >= inputs.count || inputs[index] == nil {
            throw error(.invalidInput, "expected \(count) inputs, input \(index) is missing")
        }
    }
}
