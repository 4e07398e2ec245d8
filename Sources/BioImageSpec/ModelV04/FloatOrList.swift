import BioImageYAML

/// A number or a list of numbers (`float | list[float]`), as 0.4 processing kwargs allow.
public enum FloatOrList: Sendable, Hashable, Codable {
    /// One value for the whole tensor.
    case scalar(Double)
    /// One value per entry along an axis.
    case list([Double])

    /// The values as a list (a scalar becomes a one-element list).
    public var values: [Double] {
        switch self {
        case .scalar(let value): return [value]
        case .list(let values): return values
        }
    }

    /// Decodes a number or an array of numbers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Double.self) { self = .scalar(value) } else { self = .list(try container.decode([Double].self)) }
    }

    /// Encodes a number or an array of numbers, as written in a description.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .scalar(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        }
    }
}
