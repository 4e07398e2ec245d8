import BioImageYAML

/// The element type of a tensor, as the description names it.
public enum DataType: String, Sendable, Codable, Hashable, CaseIterable {
    /// 32-bit float.
    case float32
    /// 64-bit float.
    case float64
    /// Unsigned 8-bit integer.
    case uint8
    /// Signed 8-bit integer.
    case int8
    /// Unsigned 16-bit integer.
    case uint16
    /// Signed 16-bit integer.
    case int16
    /// Unsigned 32-bit integer.
    case uint32
    /// Signed 32-bit integer.
    case int32
    /// Unsigned 64-bit integer.
    case uint64
    /// Signed 64-bit integer.
    case int64
    /// Boolean.
    case bool

    /// Whether values are integers or booleans (a "discrete" output for tolerances).
    public var isDiscrete: Bool { self != .float32 && self != .float64 }

    /// The smallest and largest value the type holds.
    public var limits: (min: Double, max: Double) {
        switch self {
        case .float32: return (-3.4028234663852886e38, 3.4028234663852886e38)
        case .float64: return (-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude)
        case .uint8: return (0, 255)
        case .int8: return (-128, 127)
        case .uint16: return (0, 65535)
        case .int16: return (-32768, 32767)
        case .uint32: return (0, 4294967295)
        case .int32: return (-2147483648, 2147483647)
        case .uint64: return (0, Double(UInt64.max))
        case .int64: return (Double(Int64.min), Double(Int64.max))
        case .bool: return (0, 1)
        }
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, allowBool: Bool = true, _ context: ValidationContext) -> DataType? {
        let allowed = allCases.filter { allowBool || $0 != .bool }.map(\.rawValue)
        return Lax.literal(node, at: path, allowed: allowed, context).flatMap(DataType.init(rawValue:))
    }
}

/// What a tensor's values mean: one description, or one per channel (notes §a.6).
public enum TensorDataDescription: Sendable, Codable, Hashable {
    /// One description for the whole tensor.
    case single(TensorData)
    /// One description per channel (all of one `type`).
    case perChannel([TensorData])

    /// The default: `{type: float32}` interval data.
    public static let `default` = TensorDataDescription.single(.intervalOrRatio(IntervalOrRatioData()))

    /// The element type (of the first entry for per-channel lists).
    public var dataType: DataType {
        switch self {
        case .single(let data): return data.dataType
        case .perChannel(let list): return list.first?.dataType ?? .float32
        }
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> TensorDataDescription? {
        ModelSupport.union(context, [
            { ctx in NominalOrOrdinalData.validate(node, at: path, context: ctx).map { .single(.nominalOrOrdinal($0)) } },
            { ctx in IntervalOrRatioData.validate(node, at: path, context: ctx).map { .single(.intervalOrRatio($0)) } },
            { ctx in
                guard node.sequence != nil else {
                    ctx.error("Input should be an instance of Sequence", type: "is_instance_of", at: path, node: node)
                    return nil
                }
                guard let list = ModelSupport.notEmptySequence(node, at: path, ctx, { TensorData.validate($0, at: $1, context: ctx) }) else { return nil }
                return .perChannel(list)
            },
        ])
    }
}

/// One data description: nominal/ordinal (labelled values) or interval/ratio (a numeric range).
public enum TensorData: Sendable, Codable, Hashable {
    /// Labelled or ordered discrete values.
    case nominalOrOrdinal(NominalOrOrdinalData)
    /// Numbers on an interval or ratio scale.
    case intervalOrRatio(IntervalOrRatioData)

    /// The element type.
    public var dataType: DataType {
        switch self {
        case .nominalOrOrdinal(let data): return data.type
        case .intervalOrRatio(let data): return data.type
        }
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> TensorData? {
        ModelSupport.union(context, [
            { ctx in NominalOrOrdinalData.validate(node, at: path, context: ctx).map { .nominalOrOrdinal($0) } },
            { ctx in IntervalOrRatioData.validate(node, at: path, context: ctx).map { .intervalOrRatio($0) } },
        ])
    }
}

/// A scalar value of a nominal/ordinal data description (all values share one kind).
public enum DataValue: Sendable, Codable, Hashable {
    /// An integer.
    case int(Int)
    /// A float.
    case float(Double)
    /// A Boolean.
    case bool(Bool)
    /// A label for the tensor value at its position.
    case string(String)
}

/// Nominal or ordinal data (`NominalOrOrdinalDataDescr`): the allowed values, or labels for 0…N−1.
public struct NominalOrOrdinalData: Sendable, Codable, Hashable, ValidatableNode {
    /// The values (non-empty, one kind).
    public var values: [DataValue]
    /// The element type (default uint8).
    public var type: DataType
    /// `arbitrary unit`, an SI unit, or `nil`.
    public var unit: String?

    /// Creates a nominal/ordinal description.
    public init(values: [DataValue], type: DataType = .uint8, unit: String? = nil) {
        self.values = values
        self.type = type
        self.unit = unit
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> NominalOrOrdinalData? {
        guard var reader = MappingReader(node, at: path, typeName: "NominalOrOrdinalDataDescr", context: context) else { return nil }
        let values = reader.required("values") { valuesList($0, $1, context) }
        let type = reader.field("type", default: .uint8) { DataType.validate($0, at: $1, context) }
        let unit = reader.optional("unit") { dataUnit($0, $1, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let values, let type else { return nil }
        var offenders: [String] = []
        for value in values {
            let bad: String?
            switch value {
            case .bool: bad = nil
            case .int(let number):
                let limits = type.limits
                bad = type == .bool || Double(number) < limits.min || Double(number) > limits.max ? String(number) : nil
            case .float(let number):
                let limits = type.limits
                bad = type == .bool || type.isDiscrete || number < limits.min || number > limits.max ? ModelSupport.pythonFloat(number) : nil
            case .string(let label): bad = type.rawValue.contains("uint") ? nil : ModelSupport.pythonRepr(label)
            }
            if let bad { offenders.append(bad) }
        }
        if !offenders.isEmpty {
            let shown = offenders.prefix(5).joined(separator: ", ") + (offenders.count > 5 ? ", ..." : "")
            ModelSupport.valueError("data type '\(type.rawValue)' incompatible with values [\(shown)]", at: path, node: node, context)
            return nil
        }
        return NominalOrOrdinalData(values: values, type: type, unit: unit)
    }

    /// `list[int] | list[float] | list[bool] | list[str]`, each non-empty.
    static func valuesList(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext) -> [DataValue]? {
        guard let items = Lax.list(node, at: path, context) else { return nil }
        guard !items.isEmpty else {
            context.error("List should have at least 1 item after validation, not 0", type: "too_short", at: path, node: node)
            return nil
        }
        let scalars = items.compactMap(\.scalar)
        guard scalars.count == items.count else {
            context.error("Input should be a valid integer", type: "int_type", at: path, node: node)
            return nil
        }
        if scalars.allSatisfy({ $0.tag == .int }) { return scalars.compactMap(\.intValue).map(DataValue.int) }
        if scalars.allSatisfy({ $0.tag == .int || $0.tag == .float }) {
            let numbers = scalars.compactMap(\.doubleValue)
            guard numbers.allSatisfy(\.isFinite) else {
                context.error("Input should be a finite number", type: "finite_number", at: path, node: node)
                return nil
            }
            return numbers.map(DataValue.float)
        }
        if scalars.allSatisfy({ $0.tag == .bool }) { return scalars.compactMap(\.boolValue).map(DataValue.bool) }
        if scalars.allSatisfy({ $0.tag == .string && !$0.isTimestamp }) { return scalars.map { .string($0.string) } }
        context.error("Input should be a valid string", type: "string_type", at: path, node: node)
        return nil
    }
}

/// `arbitrary unit` or an SI unit.
func dataUnit(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext) -> String? {
    if let scalar = node.scalar, scalar.tag == .string, scalar.string == "arbitrary unit" { return scalar.string }
    return ModelSupport.union(context, [
        { ctx in Lax.literal(node, at: path, allowed: ["arbitrary unit"], ctx) },
        { ctx in Leaf.siUnit(node, at: path, ctx) },
    ])
}

/// Interval or ratio data (`IntervalOrRatioDataDescr`): numbers with an optional range.
public struct IntervalOrRatioData: Sendable, Codable, Hashable, ValidatableNode {
    /// The element type (default float32; never bool).
    public var type: DataType
    /// Lower and upper bound; `nil` means the type's limit.
    public var range: [Double?]
    /// `arbitrary unit` (default) or an SI unit.
    public var unit: String
    /// Metadata: physical value = scale · (value + offset).
    public var scale: Double
    /// Metadata offset, if any.
    public var offset: Double?

    /// Creates an interval/ratio description.
    public init(type: DataType = .float32, range: [Double?] = [nil, nil], unit: String = "arbitrary unit", scale: Double = 1, offset: Double? = nil) {
        self.type = type
        self.range = range
        self.unit = unit
        self.scale = scale
        self.offset = offset
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> IntervalOrRatioData? {
        guard var reader = MappingReader(node, at: path, typeName: "IntervalOrRatioDataDescr", context: context) else { return nil }
        let type = reader.field("type", default: .float32) { DataType.validate($0, at: $1, allowBool: false, context) }
        let range = reader.field("range", default: [nil, nil]) { node, path -> [Double?]? in
            guard let items = Lax.list(node, at: path, context) else { return nil }
            var result: [Double?] = []
            var ok = true
            for (index, item) in items.enumerated() {
                if let scalar = item.scalar {
                    let text = scalar.string.lowercased()
                    let isInf = (scalar.tag == .float && scalar.doubleValue?.isInfinite == true)
                        || (scalar.tag == .string && ["inf", "-inf", ".inf", "-.inf"].contains(text))
                    if isInf {
                        context.warning("replaced 'inf' value", at: path.dropLastKey, node: item)
                        result.append(nil)
                        continue
                    }
                    if scalar.tag == .null { result.append(nil); continue }
                }
                if let value = Lax.float(item, at: path.appending(index), context) { result.append(value) } else { ok = false }
            }
            guard ok else { return nil }
            guard items.count == 2 else {
                context.error("Tuple should have at \(items.count < 2 ? "least" : "most") 2 items after validation, not \(items.count)",
                              type: items.count < 2 ? "too_short" : "too_long", at: path, node: node)
                return nil
            }
            return result
        }
        let unit = reader.field("unit", default: "arbitrary unit") { dataUnit($0, $1, context) }
        let scale = reader.field("scale", default: 1.0) { Lax.float($0, at: $1, context) }
        let offset = reader.optional("offset") { Lax.float($0, at: $1, context) }
        reader.rejectUnknownKeys()
        guard reader.isValid, let type, let range, let unit, let scale else { return nil }
        return IntervalOrRatioData(type: type, range: range, unit: unit, scale: scale, offset: offset)
    }
}

extension FieldPath {
    /// The path without its last component.
    var dropLastKey: FieldPath { FieldPath(Array(components.dropLast())) }
}
