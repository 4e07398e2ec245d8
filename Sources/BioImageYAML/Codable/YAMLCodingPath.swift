import Foundation

/// A coding key for sequence indices and fixed keys, spelled like `JSONDecoder`'s own
/// (`Index 3` with integer value 3, and `super`).
struct YAMLCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }

    /// The key of the item at `index` of a sequence.
    init(index: Int) {
        self.stringValue = "Index \(index)"
        self.intValue = index
    }

    /// The key `superDecoder()` and `superEncoder()` use.
    static let `super` = YAMLCodingKey(stringValue: "super")
}

/// Rendering of coding paths and nodes for messages.
enum YAMLCodingPath {
    /// Joins keys with dots; sequence indices (keys spelled `Index n` with integer value `n`) appear
    /// as `n`, so `[inputs, Index 0, axes]` renders as `inputs.0.axes`.
    static func render(_ path: [any CodingKey]) -> String {
        var result = ""
        for key in path {
            if !result.isEmpty { result += "." }
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                result += String(index)
            } else {
                result += key.stringValue
            }
        }
        return result
    }

    /// A short description of a node for messages: `string "abc"`, `int 5`, `a mapping`, `null`.
    static func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let scalar):
            if scalar.tag == .null { return "null" }
            var text = scalar.string
            if text.count > 40 { text = String(text.prefix(37)) + "..." }
            text = text.replacingOccurrences(of: "\n", with: "\\n")
            return "\(scalar.tag.rawValue) \"\(text)\""
        }
    }
}
