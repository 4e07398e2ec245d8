import BioImageYAML

/// The size of an axis (notes §a.6): fixed, parameterized (`min + n·step`), a reference to another
/// tensor's axis, or known only after inference.
public enum AxisSize: Sendable, Codable, Hashable {
    /// A fixed size (> 0).
    case fixed(Int)
    /// `min + n·step` for n = 0, 1, 2, … (inputs only).
    case parameterized(ParameterizedSize)
    /// Derived from another axis: `int(ref · ref.scale / scale + offset)`.
    case reference(SizeReference)
    /// Known only after inference (output index axes only).
    case dataDependent(DataDependentSize)

    /// Which size kinds an axis accepts, in the reference's union order.
    enum Kinds {
        /// Input index/time/space axes: int, ParameterizedSize, SizeReference.
        case input
        /// Output index axes: int, SizeReference, DataDependentSize.
        case outputIndex
        /// Output time/space axes without halo: int, SizeReference.
        case output
        /// Output time/space axes with halo: SizeReference only.
        case withHalo
    }

    /// Validates a size with the members `kinds` allows, reporting one error per failed member.
    static func validate(_ node: YAMLNode, at path: FieldPath, kinds: Kinds, context: ValidationContext) -> AxisSize? {
        let fixed: (ValidationContext) -> AxisSize? = { ctx in
            guard let value = Lax.int(node, at: path, ctx),
                  Lax.checkBounds(Double(value), greaterThan: 0, at: path, node: node, ctx) else { return nil }
            return .fixed(value)
        }
        let parameterized: (ValidationContext) -> AxisSize? = { ctx in
            ParameterizedSize.validate(node, at: path, context: ctx).map { .parameterized($0) }
        }
        let reference: (ValidationContext) -> AxisSize? = { ctx in
            SizeReference.validate(node, at: path, context: ctx).map { .reference($0) }
        }
        let dataDependent: (ValidationContext) -> AxisSize? = { ctx in
            DataDependentSize.validate(node, at: path, context: ctx).map { .dataDependent($0) }
        }
        switch kinds {
        case .input: return ModelSupport.union(context, [fixed, parameterized, reference])
        case .outputIndex: return ModelSupport.union(context, [fixed, reference, dataDependent])
        case .output: return ModelSupport.union(context, [fixed, reference])
        case .withHalo: return reference(context)
        }
    }

    /// The fixed size, if this is one.
    public var fixedValue: Int? {
        if case .fixed(let value) = self { return value }
        return nil
    }

    /// The size reference, if this is one.
    public var referenceValue: SizeReference? {
        if case .reference(let value) = self { return value }
        return nil
    }
}

/// A size `min + n·step`, n = 0, 1, 2, … (`ParameterizedSize`).
public struct ParameterizedSize: Sendable, Codable, Hashable, ValidatableNode {
    /// The smallest valid size (> 0).
    public var min: Int
    /// The increment (> 0).
    public var step: Int

    /// Creates a parameterized size.
    public init(min: Int, step: Int) {
        self.min = min
        self.step = step
    }

    /// The size for parameter `n`: `min + step·n`.
    public func size(n: Int) -> Int { min + step * n }

    /// The smallest `n` whose size is at least `size`: `ceil((size − min) / step)` (negative below `min`).
    public func n(for size: Int) -> Int {
        guard step > 0 else { return 0 }
        let difference = size - min
        return difference >= 0 ? (difference + step - 1) / step : -((-difference) / step)
    }

    /// Why `size` is not `min + n·step`, in the reference's words, or `nil` when it is valid.
    public func problem(withSize size: Int) -> String? {
        if size < min { return "size \(size) < \(min) (minimum axis size)" }
        if step > 0, (size - min) % step != 0 {
            return "size \(size) is not parameterized by `min + n*step` = `\(min) + n*\(step)`"
        }
        return nil
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ParameterizedSize? {
        guard var reader = MappingReader(node, at: path, typeName: "ParameterizedSize", context: context) else { return nil }
        let minimum = reader.required("min") { positiveInt($0, $1, context) }
        let step = reader.required("step") { positiveInt($0, $1, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let minimum, let step else { return nil }
        return ParameterizedSize(min: minimum, step: step)
    }
}

/// An int > 0 (`Annotated[int, Gt(0)]`).
func positiveInt(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext) -> Int? {
    guard let value = Lax.int(node, at: path, context),
          Lax.checkBounds(Double(value), greaterThan: 0, at: path, node: node, context) else { return nil }
    return value
}

/// A size taken from another tensor's axis (`SizeReference`).
public struct SizeReference: Sendable, Codable, Hashable, ValidatableNode {
    /// The referenced tensor.
    public var tensorID: String
    /// The referenced axis (normalised id).
    public var axisID: String
    /// Added after scaling (a strict int; may be negative).
    public var offset: Int

    /// Creates a reference.
    public init(tensorID: String, axisID: String, offset: Int = 0) {
        self.tensorID = tensorID
        self.axisID = axisID
        self.offset = offset
    }

    /// The size for a referenced size: `int(referenceSize · referenceScale / scale + offset)`, truncated.
    public func size(referenceSize: Int, referenceScale: Double = 1, scale: Double = 1) -> Int {
        Int((Double(referenceSize) * referenceScale / scale + Double(offset)).rounded(.towardZero))
    }

    /// Python's repr of the reference as the reference's messages print it: `tensor_id='raw' axis_id='y' offset=0`.
    var pythonRepr: String {
        "tensor_id=\(ModelSupport.pythonRepr(tensorID)) axis_id=\(ModelSupport.pythonRepr(axisID)) offset=\(offset)"
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> SizeReference? {
        guard var reader = MappingReader(node, at: path, typeName: "SizeReference", context: context) else { return nil }
        let tensor = reader.required("tensor_id") { Leaf.tensorID($0, at: $1, context) }
        let axis = reader.required("axis_id") { Leaf.axisID($0, at: $1, context) }
        let offset = reader.field("offset", default: 0) { ModelSupport.strictInt($0, at: $1, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let tensor, let axis, let offset else { return nil }
        return SizeReference(tensorID: tensor, axisID: axis, offset: offset)
    }
}

/// A size known only after inference, optionally bounded (`DataDependentSize`).
public struct DataDependentSize: Sendable, Codable, Hashable, ValidatableNode {
    /// The smallest possible size (> 0, default 1).
    public var min: Int
    /// The largest possible size (> 1), or unbounded.
    public var max: Int?

    /// Creates a data-dependent size.
    public init(min: Int = 1, max: Int? = nil) {
        self.min = min
        self.max = max
    }

    /// Why `size` is out of bounds, or `nil` when `min ≤ size ≤ max`.
    public func problem(withSize size: Int) -> String? {
        if size < min { return "size \(size) < \(min)" }
        if let max, size > max { return "size \(size) > \(max)" }
        return nil
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> DataDependentSize? {
        guard var reader = MappingReader(node, at: path, typeName: "DataDependentSize", context: context) else { return nil }
        let minimum = reader.field("min", default: 1) { positiveInt($0, $1, context) }
        let maximum = reader.optional("max") { node, path -> Int? in
            guard let value = Lax.int(node, at: path, context),
                  Lax.checkBounds(Double(value), greaterThan: 1, at: path, node: node, context) else { return nil }
            return value
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, let minimum else { return nil }
        if let maximum, minimum >= maximum {
            ModelSupport.valueError("expected `min` < `max`, but got \(minimum), \(maximum)", at: path, node: node, context)
            return nil
        }
        return DataDependentSize(min: minimum, max: maximum)
    }
}
