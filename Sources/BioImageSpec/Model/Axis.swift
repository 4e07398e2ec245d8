import BioImageYAML

/// One axis of a tensor (notes §a.5), discriminated by `type`.
///
/// Input and output variants share a case: input-only fields (`concatenable`) and output-only
/// fields (`halo`) are properties of the kind's struct, and which are allowed is checked by role.
public enum Axis: Sendable, Codable, Hashable {
    /// The batch axis (`type: batch`).
    case batch(BatchAxis)
    /// A channel axis with named channels (`type: channel`).
    case channel(ChannelAxis)
    /// An index axis (`type: index`).
    case index(IndexAxis)
    /// A time axis (`type: time`), with or without halo.
    case time(SpaceTimeAxis)
    /// A space axis (`type: space`), with or without halo.
    case space(SpaceTimeAxis)

    /// Whether an axis belongs to an input or an output tensor.
    enum Role { case input, output }

    /// The axis id (normalised).
    public var id: String {
        switch self {
        case .batch(let axis): return axis.id
        case .channel(let axis): return axis.id
        case .index(let axis): return axis.id
        case .time(let axis), .space(let axis): return axis.id
        }
    }

    /// The `type` tag.
    public var type: String {
        switch self {
        case .batch: return "batch"
        case .channel: return "channel"
        case .index: return "index"
        case .time: return "time"
        case .space: return "space"
        }
    }

    /// The size: batch → fixed 1 or `nil` (any); channel → the number of names.
    public var size: AxisSize? {
        switch self {
        case .batch(let axis): return axis.size.map { .fixed($0) }
        case .channel(let axis): return .fixed(axis.channelNames.count)
        case .index(let axis): return axis.size
        case .time(let axis), .space(let axis): return axis.size
        }
    }

    /// The physical unit (time and space axes only).
    public var unit: String? {
        switch self {
        case .time(let axis), .space(let axis): return axis.unit
        default: return nil
        }
    }

    /// The physical scale (1 for non-space/time axes).
    public var scale: Double {
        switch self {
        case .time(let axis), .space(let axis): return axis.scale
        default: return 1
        }
    }

    /// The output halo, if any.
    public var halo: Int? {
        switch self {
        case .time(let axis), .space(let axis): return axis.halo
        default: return nil
        }
    }

    static let tags = ["batch", "channel", "index", "time", "space"]

    /// Validates one axis; the variant comes from `type` (and, for output space/time, from `halo`).
    static func validate(_ node: YAMLNode, at path: FieldPath, role: Role, context: ValidationContext) -> Axis? {
        guard let tag = discriminator(node, key: "type", tags: tags, at: path, context: context) else { return nil }
        switch tag {
        case "batch": return BatchAxis.validate(node, at: path, context: context).map { .batch($0) }
        case "channel": return ChannelAxis.validate(node, at: path, context: context).map { .channel($0) }
        case "index": return IndexAxis.validate(node, at: path, role: role, context: context).map { .index($0) }
        case "time": return SpaceTimeAxis.validate(node, at: path, kind: .time, role: role, context: context).map { .time($0) }
        default: return SpaceTimeAxis.validate(node, at: path, kind: .space, role: role, context: context).map { .space($0) }
        }
    }
}

/// Reads the tag of a discriminated union, recording `union_tag_not_found` / `union_tag_invalid`
/// (or the not-a-mapping error) like pydantic; returns the tag when it is one of `tags`.
func discriminator(_ node: YAMLNode, key: String, tags: [String], at path: FieldPath, context: ValidationContext) -> String? {
    guard let mapping = node.mapping else {
        context.error("Input should be a valid dictionary or object to extract tag from", type: "model_attributes_type", at: path, node: node)
        return nil
    }
    guard let value = mapping[key], !value.isNull else {
        context.error("Unable to extract tag using discriminator '\(key)'", type: "union_tag_not_found", at: path, node: node)
        return nil
    }
    let text = value.string ?? ""
    guard value.scalar != nil, tags.contains(text) else {
        context.error("Input tag '\(text)' found using '\(key)' does not match any of the expected tags: \(tags.map { "'\($0)'" }.joined(separator: ", "))",
                      type: "union_tag_invalid", at: path, node: value)
        return nil
    }
    return text
}

/// An axis description of at most 128 characters (default "").
func axisDescription(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext) -> String? {
    guard let text = Lax.string(node, at: path, context),
          Lax.checkLength(text, max: 128, at: path, node: node, context) else { return nil }
    return text
}

/// The batch axis (`BatchAxis`): id `batch`, size any (`nil`) or 1.
public struct BatchAxis: Sendable, Codable, Hashable, ValidatableNode {
    /// Always `batch`.
    public var id: String = "batch"
    /// Free text (≤ 128 characters).
    public var description: String = ""
    /// `nil` (any batch size) or 1.
    public var size: Int?

    /// Creates a batch axis.
    public init(description: String = "", size: Int? = nil) {
        self.description = description
        self.size = size
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> BatchAxis? {
        guard var reader = MappingReader(node, at: path, typeName: "BatchAxis", context: context) else { return nil }
        let id = reader.field("id", default: "batch") { node, path -> String? in
            guard let id = Leaf.axisID(node, at: path, context) else { return nil }
            guard id == "batch" else {
                context.error("Predicate '_is_batch' failed", type: "predicate_failed", at: path, node: node)
                return nil
            }
            return id
        }
        let description = reader.field("description", default: "") { axisDescription($0, $1, context) }
        _ = reader.value("type")
        let size = reader.optional("size") { node, path -> Int? in
            if let scalar = node.scalar, scalar.tag == .int || scalar.tag == .float || scalar.tag == .bool || scalar.tag == .string,
               Lax.pythonFloat(scalar.string) == 1 || scalar.intValue == 1 { return 1 }
            context.error("Input should be 1", type: "literal_error", at: path, node: node)
            return nil
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, id != nil, let description else { return nil }
        return BatchAxis(description: description, size: size)
    }
}

/// A channel axis with one name per channel (`ChannelAxis`); its size is the number of names.
public struct ChannelAxis: Sendable, Codable, Hashable, ValidatableNode {
    /// The axis id (default `channel`, never `batch`).
    public var id: String
    /// Free text (≤ 128 characters).
    public var description: String
    /// One name per channel (non-empty).
    public var channelNames: [String]

    /// Creates a channel axis.
    public init(id: String = "channel", description: String = "", channelNames: [String]) {
        self.id = id
        self.description = description
        self.channelNames = channelNames
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, context: ValidationContext) -> ChannelAxis? {
        guard var reader = MappingReader(node, at: path, typeName: "ChannelAxis", context: context) else { return nil }
        let id = reader.field("id", default: "channel") { notBatchAxisID($0, $1, context) }
        let description = reader.field("description", default: "") { axisDescription($0, $1, context) }
        _ = reader.value("type")
        let names = reader.required("channel_names") { node, path in
            Lax.list(node, at: path, context, minCount: 1) { Lax.string($0, at: $1, context) }
        }
        reader.rejectUnknownKeys()
        guard reader.isValid, let id, let description, let names else { return nil }
        return ChannelAxis(id: id, description: description, channelNames: names)
    }
}

/// An axis id that must not be `batch` (`Predicate(_is_not_batch)`).
func notBatchAxisID(_ node: YAMLNode, _ path: FieldPath, _ context: ValidationContext) -> String? {
    guard let id = Leaf.axisID(node, at: path, context) else { return nil }
    guard id != "batch" else {
        context.error("Predicate '_is_not_batch' failed", type: "predicate_failed", at: path, node: node)
        return nil
    }
    return id
}

/// An index axis (`IndexInputAxis` / `IndexOutputAxis`).
public struct IndexAxis: Sendable, Codable, Hashable {
    /// The axis id (default `index`).
    public var id: String
    /// Free text (≤ 128 characters).
    public var description: String
    /// Input: int, parameterized or reference; output: int, reference or data-dependent.
    public var size: AxisSize
    /// Inputs only: whether the model can process the axis block-wise (default false).
    public var concatenable: Bool

    /// Creates an index axis.
    public init(id: String = "index", description: String = "", size: AxisSize, concatenable: Bool = false) {
        self.id = id
        self.description = description
        self.size = size
        self.concatenable = concatenable
    }

    static func validate(_ node: YAMLNode, at path: FieldPath, role: Axis.Role, context: ValidationContext) -> IndexAxis? {
        guard var reader = MappingReader(node, at: path, typeName: role == .input ? "IndexInputAxis" : "IndexOutputAxis", context: context) else { return nil }
        let size = reader.required("size") { AxisSize.validate($0, at: $1, kinds: role == .input ? .input : .outputIndex, context: context) }
        let id = reader.field("id", default: "index") { notBatchAxisID($0, $1, context) }
        let description = reader.field("description", default: "") { axisDescription($0, $1, context) }
        _ = reader.value("type")
        var concatenable: Bool? = false
        if role == .input { concatenable = reader.field("concatenable", default: false) { Lax.bool($0, at: $1, context) } }
        reader.rejectUnknownKeys()
        guard reader.isValid, let size, let id, let description, let concatenable else { return nil }
        return IndexAxis(id: id, description: description, size: size, concatenable: concatenable)
    }
}

/// A time or space axis (`TimeInputAxis`, `SpaceOutputAxisWithHalo`, …).
public struct SpaceTimeAxis: Sendable, Codable, Hashable {
    /// Time or space.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// A time axis (units: seconds and their SI multiples, minute, hour, day).
        case time
        /// A space axis (units: metres and their SI multiples, angstrom, inch, foot, yard, mile, parsec).
        case space
    }

    /// Output axes only: pixels to crop on both sides (≥ 1); requires a ``SizeReference`` size.
    public var halo: Int?
    /// The size.
    public var size: AxisSize
    /// The axis id (default `time` / `x`).
    public var id: String
    /// Free text (≤ 128 characters).
    public var description: String
    /// The physical unit, or `nil`.
    public var unit: String?
    /// The physical size of one step (> 0, default 1).
    public var scale: Double
    /// Inputs only: whether the model can process the axis block-wise (default false).
    public var concatenable: Bool

    /// Creates a time or space axis.
    public init(halo: Int? = nil, size: AxisSize, id: String, description: String = "", unit: String? = nil,
                scale: Double = 1, concatenable: Bool = false) {
        self.halo = halo
        self.size = size
        self.id = id
        self.description = description
        self.unit = unit
        self.scale = scale
        self.concatenable = concatenable
    }

    static let timeUnits = ["attosecond", "centisecond", "day", "decisecond", "exasecond", "femtosecond", "gigasecond",
                            "hectosecond", "hour", "kilosecond", "megasecond", "microsecond", "millisecond", "minute",
                            "nanosecond", "petasecond", "picosecond", "second", "terasecond", "yoctosecond",
                            "yottasecond", "zeptosecond", "zettasecond"]
    static let spaceUnits = ["attometer", "angstrom", "centimeter", "decimeter", "exameter", "femtometer", "foot",
                             "gigameter", "hectometer", "inch", "kilometer", "megameter", "meter", "micrometer", "mile",
                             "millimeter", "nanometer", "parsec", "petameter", "picometer", "terameter", "yard",
                             "yoctometer", "yottameter", "zeptometer", "zettameter"]

    static func validate(_ node: YAMLNode, at path: FieldPath, kind: Kind, role: Axis.Role, context: ValidationContext) -> SpaceTimeAxis? {
        let withHalo = role == .output && node["halo"] != nil
        let typeName = (kind == .time ? "Time" : "Space") + (role == .input ? "InputAxis" : withHalo ? "OutputAxisWithHalo" : "OutputAxis")
        guard var reader = MappingReader(node, at: path, typeName: typeName, context: context) else { return nil }
        var halo: Int?
        if withHalo {
            halo = reader.required("halo") { node, path -> Int? in
                guard let value = Lax.int(node, at: path, context),
                      Lax.checkBounds(Double(value), greaterThanOrEqual: 1, at: path, node: node, context) else { return nil }
                return value
            }
        }
        let kinds: AxisSize.Kinds = role == .input ? .input : withHalo ? .withHalo : .output
        let size = reader.required("size") { AxisSize.validate($0, at: $1, kinds: kinds, context: context) }
        let id = reader.field("id", default: kind == .time ? "time" : "x") { notBatchAxisID($0, $1, context) }
        let description = reader.field("description", default: "") { axisDescription($0, $1, context) }
        _ = reader.value("type")
        let unit = reader.optional("unit") { Lax.literal($0, at: $1, allowed: kind == .time ? timeUnits : spaceUnits, context) }
        let scale = reader.field("scale", default: 1.0) { node, path -> Double? in
            guard let value = Lax.float(node, at: path, context),
                  Lax.checkBounds(value, greaterThan: 0, at: path, node: node, context) else { return nil }
            return value
        }
        var concatenable: Bool? = false
        if role == .input { concatenable = reader.field("concatenable", default: false) { Lax.bool($0, at: $1, context) } }
        reader.rejectUnknownKeys()
        guard reader.isValid, let size, let id, let description, let scale, let concatenable else { return nil }
        if withHalo && halo == nil { return nil }
        return SpaceTimeAxis(halo: halo, size: size, id: id, description: description, unit: unit, scale: scale, concatenable: concatenable)
    }
}
