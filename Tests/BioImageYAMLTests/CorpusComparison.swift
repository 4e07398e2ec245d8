import BioImageYAML

/// Compares our parse of a document with the reference loader's, collecting each difference with
/// its path inside the document (`inputs.0.axes.2.size`, the reference's path format).
struct CorpusComparison {
    /// The differences found, each `path: ours … ≠ reference …`.
    private(set) var differences: [String] = []
    /// Stop collecting after this many (one wrong indentation can shift a whole subtree).
    let limit: Int

    /// The differences between our tree and the expected one (empty when they agree).
    static func differences(ours: YAMLNode, expected: ExpectedNode, limit: Int = 12) -> [String] {
        var comparison = CorpusComparison(limit: limit)
        comparison.compare(ours, expected, at: "")
        return comparison.differences
    }

    /// The first place where two of our trees differ (content only, as `==` compares), or `nil`.
    static func firstDifference(_ lhs: YAMLNode, _ rhs: YAMLNode, at path: String = "") -> String? {
        switch (lhs.content, rhs.content) {
        case (.scalar(let a), .scalar(let b)):
            return a == b ? nil : "\(display(path)): \(describe(lhs)) ≠ \(describe(rhs))"
        case (.sequence(let a), .sequence(let b)):
            for (index, (x, y)) in zip(a, b).enumerated() {
                if let found = firstDifference(x, y, at: join(path, String(index))) { return found }
            }
            return a.count == b.count ? nil : "\(display(path)): sequence of \(a.count) ≠ sequence of \(b.count)"
        case (.mapping(let a), .mapping(let b)):
            for (index, (x, y)) in zip(a.entries, b.entries).enumerated() {
                if x.key != y.key {
                    return "\(display(path)): key #\(index) \(describe(x.key)) ≠ \(describe(y.key))"
                }
                if let found = firstDifference(x.value, y.value, at: join(path, keyText(x.key))) { return found }
            }
            return a.count == b.count ? nil : "\(display(path)): mapping of \(a.count) ≠ mapping of \(b.count)"
        default:
            return "\(display(path)): \(describe(lhs)) ≠ \(describe(rhs))"
        }
    }

    private mutating func note(_ path: String, _ ours: String, _ expected: ExpectedNode) {
        if differences.count < limit {
            differences.append("\(Self.display(path)): ours \(ours), reference \(expected)")
        }
    }

    private mutating func compare(_ node: YAMLNode, _ expected: ExpectedNode, at path: String) {
        guard differences.count < limit else { return }
        switch (node.content, expected) {
        case (.sequence(let items), .sequence(let expectedItems)):
            for (index, (item, expectedItem)) in zip(items, expectedItems).enumerated() {
                compare(item, expectedItem, at: Self.join(path, String(index)))
            }
            if items.count != expectedItems.count {
                note(path, "sequence of \(items.count)", expected)
            }
        case (.mapping(let mapping), .mapping(let expectedPairs)):
            for (index, (entry, pair)) in zip(mapping.entries, expectedPairs).enumerated() {
                let before = differences.count
                compare(entry.key, pair.key, at: Self.join(path, "<key #\(index)>"))
                // After a wrong key, the values are misaligned: report the key only.
                if differences.count == before {
                    compare(entry.value, pair.value, at: Self.join(path, Self.keyText(entry.key)))
                }
            }
            if mapping.count != expectedPairs.count {
                let ours = mapping.stringKeys.map { $0 ?? "<non-scalar>" }
                let reference = expectedPairs.map { "\($0.key)" }
                note(path, "mapping of \(mapping.count) \(ours)", expected)
                if differences.count < limit {
                    differences.append("\(Self.display(path)): reference keys \(reference)")
                }
            }
        case (.scalar(let scalar), _):
            if !Self.scalar(scalar, matches: expected) {
                note(path, Self.describe(node), expected)
            }
        default:
            note(path, Self.describe(node), expected)
        }
    }

    /// Whether one of our scalars is the value the reference loader built.
    static func scalar(_ scalar: YAMLScalar, matches expected: ExpectedNode) -> Bool {
        switch expected {
        case .null:
            return scalar.tag == .null
        case .bool(let value):
            return scalar.tag == .bool && scalar.boolValue == value
        case .int(let digits):
            return scalar.tag == .int && scalar.integerDecimalDigits == digits
        case .float(let repr):
            guard scalar.tag == .float, let value = scalar.doubleValue else { return false }
            switch repr {
            case "nan": return value.isNaN
            case "inf": return value == .infinity
            case "-inf": return value == -.infinity
            default: return Double(repr)?.bitPattern == value.bitPattern
            }
        case .string(let text):
            // A plain scalar that looks like a timestamp would have been a date in the reference.
            return scalar.tag == .string && scalar.string == text
                && !(scalar.style == .plain && CorpusTimestamp.isTimestamp(text))
        case .date(let isoFormat):
            // We keep timestamps as their plain text; ruyaml builds naive-UTC datetimes from them.
            return scalar.tag == .string && scalar.style == .plain
                && CorpusTimestamp.isTimestamp(scalar.string)
                && CorpusTimestamp.normalizedISOFormat(scalar.string) == isoFormat
        case .sequence, .mapping:
            return false
        }
    }

    /// Our node in the words ``ExpectedNode/description`` uses, plus the scalar style.
    static func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar):
            let value: String
            switch scalar.tag {
            case .null: value = "null"
            case .bool: value = "bool \(scalar.boolValue ?? false)"
            case .int: value = "int \(scalar.integerDecimalDigits ?? scalar.string)"
            case .float: value = "float \(scalar.string)"
            case .string: value = "string \(scalar.string.debugDescription)"
            }
            return "\(value) (\(scalar.style)) at \(node.mark)"
        case .sequence(let items): return "sequence of \(items.count) at \(node.mark)"
        case .mapping(let mapping): return "mapping of \(mapping.count) at \(node.mark)"
        }
    }

    private static func keyText(_ key: YAMLNode) -> String {
        key.string ?? "<\(key.kindDescription) key>"
    }

    private static func join(_ path: String, _ component: String) -> String {
        path.isEmpty ? component : path + "." + component
    }

    private static func display(_ path: String) -> String {
        path.isEmpty ? "<root>" : path
    }
}
