// Key identity as the reference loader sees it: Python compares dictionary keys by value, so
// `1`, `0x1`, `1.0` and `true` are the same key, while a plain date and a quoted string are not.

extension YAMLScalar {
    /// A value-based identity for duplicate-key detection, or `nil` for keys that never collide
    /// (`.nan`, as in Python where NaN is unequal to itself).
    enum KeyIdentity: Hashable {
        case null
        case integer(String)
        case float(UInt64)
        case string(String)
        case timestamp(String)
    }

    var keyIdentity: KeyIdentity? {
        switch tag {
        case .null: return .null
        case .bool: return .integer(boolValue == true ? "1" : "0")
        case .int: return integerDecimalDigits.map(KeyIdentity.integer) ?? .string(string)
        case .float:
            guard let value = doubleValue, !value.isNaN else { return nil }
            if value.rounded() == value, abs(value) < 9.0e18 { return .integer(String(Int64(value))) }
            return .float(value.bitPattern)
        case .string:
            if isTimestamp { return .timestamp(string) }
            return .string(string)
        }
    }

    /// Whether a string starts like a YAML timestamp (`2019-12-11`, `2019-12-11T12:22:32Z`), which
    /// the reference loader reads as a date when it is written unquoted.
    static func looksLikeTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count >= 8 else { return false }
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] &- 48 < 10 }
        guard digit(0), digit(1), digit(2), digit(3), bytes[4] == UInt8(ascii: "-"), digit(5) else { return false }
        var i = 6
        if digit(i) { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "-"), digit(i + 1) else { return false }
        return true
    }
}
