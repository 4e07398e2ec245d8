/// Software IEEE binary16 conversion, for platforms without `Float16` (Intel Macs).
enum HalfBits {
    /// The `Float` value of a binary16 bit pattern (exact).
    static func float(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        if exponent == 0 {
            // Subnormal or zero: mantissa · 2^-24, exact in Float.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }

    /// The binary16 bit pattern nearest to `value` (ties to even; overflow to ±∞; NaN stays NaN).
    static func bits(_ value: Double) -> UInt16 {
        let sign: UInt16 = value.sign == .minus ? 0x8000 : 0
        let magnitude = value.magnitude
        if magnitude.isNaN { return sign | 0x7E00 }
        if magnitude >= 65520 { return sign | 0x7C00 }  // rounds to infinity
        if magnitude < Double(sign: .plus, exponent: -14, significand: 1) {
            // Subnormal range: units of 2^-24, rounded to nearest even by `rounded()`.
            let units = (magnitude * 16_777_216).rounded(.toNearestOrEven)
            return sign | UInt16(units)
        }
        let exponent = Int(magnitude.exponent)
        let scaled = magnitude * Double(sign: .plus, exponent: 10 - exponent, significand: 1)
        var mantissa = Int(scaled.rounded(.toNearestOrEven)) - 1024
        var biased = exponent + 15
        if mantissa == 1024 {
            mantissa = 0
            biased += 1
        }
        if biased >= 31 { return sign | 0x7C00 }
        return sign | UInt16(biased << 10) | UInt16(mantissa)
    }
}
