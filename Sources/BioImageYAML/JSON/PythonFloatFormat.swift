/// Formats `Double`s the way Python's `repr(float)` does, so our JSON and YAML output matches what
/// the Python reference writes (`1e-05`, `0.001`, `1.0`, `1e+16`, `inf`).
///
/// Python and Swift both print the shortest digit string that round-trips; they differ only in
/// layout. Python uses scientific notation when the decimal exponent is below -4 or above 15.
public enum PythonFloatFormat {
    /// Python's `repr(value)`: `inf`, `-inf`, `nan` for non-finite values.
    public static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let (negative, digits, pointPosition) = shortestDigits(value)
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0.0" }
        // `pointPosition` is Python's `decpt`: value = 0.d1d2d3… × 10^pointPosition.
        if pointPosition > -4 && pointPosition <= 16 {
            if pointPosition <= 0 {
                return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
            }
            if pointPosition >= digits.count {
                return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: pointPosition)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let exponent = pointPosition - 1
        var mantissa = String(digits.prefix(1))
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let exponentDigits = String(abs(exponent))
        let paddedExponent = exponentDigits.count < 2 ? "0" + exponentDigits : exponentDigits
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + paddedExponent
    }

    /// The shortest round-trip digits of a finite value (no leading or trailing zeros; empty for
    /// zero) and the position of the decimal point relative to them.
    static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
        let negative = value.sign == .minus
        // Swift's description is also shortest round-trip: "1.0", "1e-05", "1.2345e+16", "5e-324".
        let text = abs(value).description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(integerPart + fractionPart)
        var pointPosition = integerPart.count + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        return (negative, String(digits), digits.isEmpty ? 0 : pointPosition)
    }
}
