// Timestamps as the reference loader recognises them. YAML 1.2 has no timestamp type, but ruyaml
// (and so bioimageio.spec) still resolves unquoted ISO dates and date-times to Python dates. We keep
// the text; layers above use `isTimestamp` to treat such scalars as the reference does.

extension YAMLScalar {
    /// Whether this is a plain scalar that the reference loader reads as a date or date-time:
    /// `YYYY-MM-DD`, or `YYYY-M-D` followed by `T`/`t`/blanks, `h:mm:ss`, optional fraction and zone.
    public var isTimestamp: Bool {
        style == .plain && tag == .string && YAMLScalar.matchesTimestamp(Array(string.utf8))
    }

    /// ruyaml's pattern, written out:
    /// `\d{4}-\d\d-\d\d` | `\d{4}-\d\d?-\d\d?([Tt]|[ \t]+)\d\d?:\d\d:\d\d(\.\d*)?([ \t]*(Z|[-+]\d\d?(:\d\d)?))?`
    static func matchesTimestamp(_ s: [UInt8]) -> Bool {
        var i = 0
        func digits(_ minimum: Int, _ maximum: Int) -> Bool {
            var count = 0
            while i < s.count, count < maximum, s[i] &- 48 < 10 { i += 1; count += 1 }
            return count >= minimum
        }
        func take(_ byte: Character) -> Bool {
            guard i < s.count, s[i] == byte.asciiValue else { return false }
            i += 1
            return true
        }
        guard digits(4, 4), take("-") else { return false }
        let monthStart = i
        guard digits(1, 2) else { return false }
        let monthLength = i - monthStart
        guard take("-") else { return false }
        let dayStart = i
        guard digits(1, 2) else { return false }
        if i == s.count { return monthLength == 2 && i - dayStart == 2 }
        // Time part.
        if take("T") || take("t") {
        } else {
            var blanks = 0
            while i < s.count, s[i] == 0x20 || s[i] == 0x09 { i += 1; blanks += 1 }
            guard blanks > 0 else { return false }
        }
        guard digits(1, 2), take(":"), digits(2, 2), take(":"), digits(2, 2) else { return false }
        if take(".") { _ = digits(0, Int.max) }
        if i == s.count { return true }
        while i < s.count, s[i] == 0x20 || s[i] == 0x09 { i += 1 }
        if take("Z") { return i == s.count }
        guard take("+") || take("-"), digits(1, 2) else { return false }
        if take(":") { guard digits(2, 2) else { return false } }
        return i == s.count
    }
}
