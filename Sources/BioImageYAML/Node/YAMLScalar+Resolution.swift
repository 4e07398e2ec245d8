// Scalar resolution by the YAML 1.2 core schema, as bioimageio.spec's loader (ruyaml, typ="safe")
// applies it, and conversion of resolved scalars to Swift values.
//
// The patterns, written out (after ruamel's 1.2 resolver):
//   null   ~ | null | Null | NULL | (empty)
//   bool   true | True | TRUE | false | False | FALSE
//   int    [-+]?0b[01_]+ | [-+]?0o?[0-7_]+ | [-+]?[0-9_]+ | [-+]?0x[0-9a-fA-F_]+   (at least one digit)
//   float  [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?
//          | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
//          | [-+]?\.[0-9_]+([eE][-+][0-9]+)?
//          | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)

extension YAMLScalar {
    /// Resolves the text of a plain scalar to its core-schema tag.
    ///
    /// - Complexity: O(n) in the length of `text`, with no allocation.
    public static func resolve(plain text: String) -> Tag {
        var text = text
        return text.withUTF8 { resolve(plainBytes: $0) }
    }

    static func resolve(plainBytes s: UnsafeBufferPointer<UInt8>) -> Tag {
        let n = s.count
        if n == 0 { return .null }
        let first = s[0]
        // Fast exit: every non-string form starts with one of these bytes.
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            return .string
        }
        if n <= 5 {
            if equals(s, "~") || equals(s, "null") || equals(s, "Null") || equals(s, "NULL") { return .null }
            if equals(s, "true") || equals(s, "True") || equals(s, "TRUE") || equals(s, "false")
                || equals(s, "False") || equals(s, "FALSE")
            {
                return .bool
            }
        }
        if isInt(s) { return .int }
        if isFloat(s) { return .float }
        return .string
    }

    private static func equals(_ s: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard s.count == literal.utf8CodeUnitCount else { return false }
        let p = literal.utf8Start
        for i in 0..<s.count where s[i] != p[i] { return false }
        return true
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

    private static func isInt(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-") { i = 1 }
        guard i < s.count else { return false }
        func allMatch(from start: Int, _ ok: (UInt8) -> Bool) -> Bool {
            guard start < s.count else { return false }
            var digits = 0
            for j in start..<s.count {
                let b = s[j]
                if b == UInt8(ascii: "_") { continue }
                guard ok(b) else { return false }
                digits += 1
            }
            return digits > 0
        }
        if s[i] == UInt8(ascii: "0"), i + 1 < s.count {
            switch s[i + 1] {
            case UInt8(ascii: "b"): return allMatch(from: i + 2) { $0 == 48 || $0 == 49 }
            case UInt8(ascii: "x"):
                return allMatch(from: i + 2) { isDigit($0) || ($0 | 0x20) &- 97 < 6 }
            case UInt8(ascii: "o"): return allMatch(from: i + 2) { $0 &- 48 < 8 }
            default: break
            }
        }
        return allMatch(from: i, isDigit)
    }

    private static func isFloat(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        var i = 0
        let signed = s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-")
        if signed { i = 1 }
        guard i < n else { return false }
        if s[i] == UInt8(ascii: ".") {
            let rest = UnsafeBufferPointer(rebasing: s[(i + 1)...])
            if equals(rest, "inf") || equals(rest, "Inf") || equals(rest, "INF") { return true }
            if !signed && (equals(rest, "nan") || equals(rest, "NaN") || equals(rest, "NAN")) { return true }
            // [-+]?\.[0-9_]+([eE][-+][0-9]+)?
            var j = i + 1
            let start = j
            while j < n, isDigit(s[j]) || s[j] == UInt8(ascii: "_") { j += 1 }
            guard j > start else { return false }
            if j == n { return true }
            return exponent(s, from: j, signRequired: true)
        }
        guard isDigit(s[i]) else { return false }
        var j = i + 1
        while j < n, isDigit(s[j]) || s[j] == UInt8(ascii: "_") { j += 1 }
        if j == n { return false }  // an integer
        if s[j] == UInt8(ascii: ".") {
            j += 1
            while j < n, isDigit(s[j]) || s[j] == UInt8(ascii: "_") { j += 1 }
            if j == n { return true }
            return exponent(s, from: j, signRequired: false)
        }
        return exponent(s, from: j, signRequired: false)
    }

    /// Matches `[eE][-+]?[0-9]+` (or with a required sign) up to the end of `s`.
    private static func exponent(_ s: UnsafeBufferPointer<UInt8>, from start: Int, signRequired: Bool) -> Bool {
        var j = start
        guard j < s.count, s[j] | 0x20 == UInt8(ascii: "e") else { return false }
        j += 1
        if j < s.count, s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "-") {
            j += 1
        } else if signRequired {
            return false
        }
        guard j < s.count else { return false }
        while j < s.count {
            guard isDigit(s[j]) else { return false }
            j += 1
        }
        return true
    }
}

extension YAMLScalar {
    /// The Boolean value of a `bool` scalar, else `nil`.
    public var boolValue: Bool? {
        guard tag == .bool else { return nil }
        return string.first == "t" || string.first == "T"
    }

    /// The value of an `int` scalar when it fits in `Int`, else `nil`.
    public var intValue: Int? {
        guard tag == .int, let (negative, magnitude) = integerMagnitude() else { return nil }
        if negative {
            if magnitude == UInt(Int.max) + 1 { return Int.min }
            return magnitude <= UInt(Int.max) ? -Int(magnitude) : nil
        }
        return magnitude <= UInt(Int.max) ? Int(magnitude) : nil
    }

    /// The value of a `float` scalar, or of an `int` scalar converted to `Double`; else `nil`.
    ///
    /// Integers too large for `Int` convert with rounding, as Python's `float(int)` does.
    public var doubleValue: Double? {
        switch tag {
        case .float:
            let text = string.replacingOccurrences(of: "_", with: "")
            switch text {
            case ".inf", "+.inf", ".Inf", "+.Inf", ".INF", "+.INF": return .infinity
            case "-.inf", "-.Inf", "-.INF": return -.infinity
            case ".nan", ".NaN", ".NAN": return .nan
            default: return Double(text)
            }
        case .int:
            if let value = intValue { return Double(value) }
            guard let digits = integerDecimalDigits else { return nil }
            return Double(digits)
        default:
            return nil
        }
    }

    /// The value of an `int` scalar written as plain decimal digits with an optional leading `-`,
    /// whatever its size (`0x1F` gives `31`, `0123` gives `123`, `1_000` gives `1000`); else `nil`.
    ///
    /// This is how Python, which has unbounded integers, sees the value: the JSON conversion uses it
    /// for integers beyond `Int`'s range, such as unquoted 64-digit hashes.
    public var integerDecimalDigits: String? {
        guard tag == .int else { return nil }
        var text = Substring(string.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if let sign = text.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            text = text.dropFirst()
        }
        var radix: UInt32 = 10
        if text.hasPrefix("0x") { radix = 16; text = text.dropFirst(2) }
        else if text.hasPrefix("0o") { radix = 8; text = text.dropFirst(2) }
        else if text.hasPrefix("0b") { radix = 2; text = text.dropFirst(2) }
        // Little-endian base-1e9 limbs: value = value * radix + digit.
        var limbs: [UInt32] = [0]
        for character in text {
            guard let digit = character.hexDigitValue, digit < radix else { return nil }
            var carry = UInt64(digit)
            for k in limbs.indices {
                let product = UInt64(limbs[k]) * UInt64(radix) + carry
                limbs[k] = UInt32(product % 1_000_000_000)
                carry = product / 1_000_000_000
            }
            while carry > 0 {
                limbs.append(UInt32(carry % 1_000_000_000))
                carry /= 1_000_000_000
            }
        }
        while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
        var result = String(limbs[limbs.count - 1])
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            result += String(repeating: "0", count: 9 - part.count) + part
        }
        if negative && result != "0" { result = "-" + result }
        return result
    }

    /// Sign and magnitude of an `int` scalar, or `nil` when the magnitude overflows `UInt`.
    private func integerMagnitude() -> (negative: Bool, magnitude: UInt)? {
        var negative = false
        var radix: UInt = 10
        var magnitude: UInt = 0
        var utf8 = Substring(string).utf8[...]
        if let sign = utf8.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        if utf8.count >= 2, utf8.first == UInt8(ascii: "0") {
            let marker = utf8[utf8.index(after: utf8.startIndex)]
            switch marker {
            case UInt8(ascii: "x"): radix = 16; utf8 = utf8.dropFirst(2)
            case UInt8(ascii: "o"): radix = 8; utf8 = utf8.dropFirst(2)
            case UInt8(ascii: "b"): radix = 2; utf8 = utf8.dropFirst(2)
            default: break
            }
        }
        for byte in utf8 where byte != UInt8(ascii: "_") {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue, UInt(digit) < radix else {
                return nil
            }
            let (scaled, o1) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, o2) = scaled.addingReportingOverflow(UInt(digit))
            if o1 || o2 { return nil }
            magnitude = sum
        }
        return (negative, magnitude)
    }
}
