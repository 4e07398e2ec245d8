import Foundation
import BioImageYAML

/// Scalar and collection coercions with pydantic's "lax mode" rules and messages, so our errors
/// agree with the reference's. Each function records an error and returns `nil` on failure.
///
/// YAML-level types matter: the reference sees unquoted timestamps as dates, so they are not
/// strings here either (``YAMLScalar/isTimestamp``).
enum Lax {
    /// A string: string scalars only (numbers, booleans, null and dates are errors).
    static func string(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        if let scalar = node.scalar, scalar.tag == .string, !scalar.isTimestamp { return scalar.string }
        context.error("Input should be a valid string", type: "string_type", at: path, node: node)
        return nil
    }

    /// An integer: ints, integral floats, booleans and decimal strings.
    static func int(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> Int? {
        guard let scalar = node.scalar, scalar.tag != .null, !scalar.isTimestamp else {
            context.error("Input should be a valid integer", type: "int_type", at: path, node: node)
            return nil
        }
        switch scalar.tag {
        case .int:
            if let value = scalar.intValue { return value }
            context.error("Input should be a valid integer, got a number too large to fit in a 64-bit integer", type: "int_parsing_size", at: path, node: node)
        case .float:
            if let value = scalar.doubleValue, value.isFinite, value.rounded() == value, abs(value) < 9.2e18 { return Int(value) }
            if let value = scalar.doubleValue, !value.isFinite {
                context.error("Input should be a finite number", type: "finite_number", at: path, node: node)
            } else {
                context.error("Input should be a valid integer, got a number with a fractional part", type: "int_from_float", at: path, node: node)
            }
        case .bool:
            return scalar.boolValue == true ? 1 : 0
        default:
            let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            if let value = Int(text) { return value }
            if let value = Double(text), value.isFinite, value.rounded() == value, abs(value) < 9.2e18 { return Int(value) }
            context.error("Input should be a valid integer, unable to parse string as an integer", type: "int_parsing", at: path, node: node)
        }
        return nil
    }

    /// A float: floats, ints, booleans and numeric strings; non-finite values are rejected unless
    /// `allowNonFinite`.
    static func float(_ node: YAMLNode, at path: FieldPath, allowNonFinite: Bool = false, _ context: ValidationContext) -> Double? {
        guard let scalar = node.scalar, scalar.tag != .null, !scalar.isTimestamp else {
            context.error("Input should be a valid number", type: "float_type", at: path, node: node)
            return nil
        }
        var value: Double?
        switch scalar.tag {
        case .int, .float: value = scalar.doubleValue
        case .bool: value = scalar.boolValue == true ? 1 : 0
        default: value = pythonFloat(scalar.string)
        }
        guard let value else {
            context.error("Input should be a valid number, unable to parse string as a number", type: "float_parsing", at: path, node: node)
            return nil
        }
        if !value.isFinite && !allowNonFinite {
            context.error("Input should be a finite number", type: "finite_number", at: path, node: node)
            return nil
        }
        return value
    }

    /// Python's `float(text)` for the strings pydantic accepts (`inf`, `-inf`, `nan`, `1e5`, ` 2 `).
    static func pythonFloat(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "_", with: "")
        switch trimmed.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: break
        }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
        return Double(trimmed)
    }

    /// A boolean: bools, 0/1, and the strings pydantic accepts (`yes`, `on`, `true`, `1`, …).
    static func bool(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> Bool? {
        if let scalar = node.scalar {
            switch scalar.tag {
            case .bool: return scalar.boolValue
            case .int, .float:
                if scalar.doubleValue == 0 { return false }
                if scalar.doubleValue == 1 { return true }
            case .string where !scalar.isTimestamp:
                switch scalar.string.lowercased() {
                case "0", "off", "f", "false", "n", "no": return false
                case "1", "on", "t", "true", "y", "yes": return true
                default:
                    context.error("Input should be a valid boolean, unable to interpret input", type: "bool_parsing", at: path, node: node)
                    return nil
                }
            default: break
            }
        }
        context.error("Input should be a valid boolean", type: "bool_type", at: path, node: node)
        return nil
    }

    /// A list. A string where a `Sequence` is declared gives the reference's special message.
    static func list(_ node: YAMLNode, at path: FieldPath, sequenceField: Bool = false, _ context: ValidationContext) -> [YAMLNode]? {
        if let items = node.sequence { return items }
        if sequenceField, let scalar = node.scalar, scalar.tag == .string, !scalar.isTimestamp {
            context.error("'str' instances are not allowed as a Sequence value", type: "sequence_str", at: path, node: node)
        } else {
            context.error("Input should be a valid list", type: "list_type", at: path, node: node)
        }
        return nil
    }

    /// Each item parsed with `parse`; `nil` when the node is not a list or any item failed.
    static func list<T>(_ node: YAMLNode, at path: FieldPath, sequenceField: Bool = false, _ context: ValidationContext,
                        minCount: Int = 0, _ parse: (YAMLNode, FieldPath) -> T?) -> [T]? {
        guard let items = list(node, at: path, sequenceField: sequenceField, context) else { return nil }
        var result: [T] = []
        var ok = true
        for (index, item) in items.enumerated() {
            if let value = parse(item, path.appending(index)) { result.append(value) } else { ok = false }
        }
        if items.count < minCount {
            context.error("List should have at least \(minCount) item\(minCount == 1 ? "" : "s") after validation, not \(items.count)", type: "too_short", at: path, node: node)
            return nil
        }
        return ok ? result : nil
    }

    /// A mapping of free values (`kwargs`, `config`): any mapping.
    static func dictionary(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> YAMLMapping? {
        if let mapping = node.mapping { return mapping }
        context.error("Input should be a valid dictionary", type: "dict_type", at: path, node: node)
        return nil
    }

    /// One of the given string literals.
    static func literal(_ node: YAMLNode, at path: FieldPath, allowed: [String], _ context: ValidationContext) -> String? {
        if let scalar = node.scalar, scalar.tag == .string, allowed.contains(scalar.string) { return scalar.string }
        context.error("Input should be \(quotedAlternatives(allowed))", type: "literal_error", at: path, node: node)
        return nil
    }

    /// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'` — pydantic's way of listing expected values.
    static func quotedAlternatives(_ values: [String]) -> String {
        let quoted = values.map { "'\($0)'" }
        guard quoted.count > 1, let last = quoted.last else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + last
    }

    /// Length limits of a string, in Unicode scalars (Python code points).
    static func checkLength(_ value: String, min: Int? = nil, max: Int? = nil, at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> Bool {
        let count = value.unicodeScalars.count
        if let min, count < min {
            context.error("String should have at least \(min) character\(min == 1 ? "" : "s")", type: "string_too_short", at: path, node: node)
            return false
        }
        if let max, count > max {
            context.error("String should have at most \(max) character\(max == 1 ? "" : "s")", type: "string_too_long", at: path, node: node)
            return false
        }
        return true
    }

    /// Numeric bounds with pydantic's messages (`greater_than`, `greater_than_equal`, …).
    static func checkBounds(_ value: Double, greaterThan: Double? = nil, greaterThanOrEqual: Double? = nil,
                            lessThan: Double? = nil, lessThanOrEqual: Double? = nil,
                            at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> Bool {
        let number = boundText
        if let bound = greaterThan, !(value > bound) {
            context.error("Input should be greater than \(number(bound))", type: "greater_than", at: path, node: node)
            return false
        }
        if let bound = greaterThanOrEqual, !(value >= bound) {
            context.error("Input should be greater than or equal to \(number(bound))", type: "greater_than_equal", at: path, node: node)
            return false
        }
        if let bound = lessThan, !(value < bound) {
            context.error("Input should be less than \(number(bound))", type: "less_than", at: path, node: node)
            return false
        }
        if let bound = lessThanOrEqual, !(value <= bound) {
            context.error("Input should be less than or equal to \(number(bound))", type: "less_than_equal", at: path, node: node)
            return false
        }
        return true
    }

    /// A number as pydantic-core prints bounds in messages (Rust's `f64` display: integral
    /// values without a fraction, never an exponent: `1e-06` → `0.000001`).
    static func boundText(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 1e15 { return String(Int(value)) }
        let repr = PythonFloatFormat.repr(value)
        guard let e = repr.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(repr[repr.index(after: e)...]) else { return repr }
        var mantissa = String(repr[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let digits = parts.joined()
        let point = (parts.first?.count ?? 1) + exponent
        var text: String
        if point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            text = digits + String(repeating: "0", count: point - digits.count)
        } else {
            text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        }
        if negative { text = "-" + text }
        return text
    }
}
