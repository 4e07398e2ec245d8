@testable import BioImageTensor
import Testing

/// The software binary16 conversion used on Intel Macs (where `Float16` is unavailable), checked
/// exhaustively against the hardware/stdlib `Float16` conversion where that exists.
@Suite("software float16 conversion")
struct HalfBitsTests {
    #if !(os(macOS) && arch(x86_64))
    @Test("every bit pattern decodes like Float16")
    func decodesAllPatterns() {
        var mismatches = 0
        for bits in 0...UInt16.max {
            let expected = Float(Float16(bitPattern: bits))
            let actual = HalfBits.float(bits)
            if !(expected.bitPattern == actual.bitPattern || (expected.isNaN && actual.isNaN)) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test("rounding to binary16 matches Float16(Double), ties to even")
    func encodesLikeFloat16() {
        var values: [Double] = [0, -0.0, 1, -1, 65504, 65519.99, 65520, 1e9, -1e9, .infinity, -.infinity,
                                5.96e-8, 2.98e-8, 2.99e-8, 6.1e-5, 6.103515625e-05, 1.0009765625, 1.00048828125]
        var seed: UInt64 = 12345
        for _ in 0..<20000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let mantissa = Double(seed >> 11) / Double(1 << 53)
            let exponent = Int((seed >> 3) % 40) - 26
            values.append((mantissa + 0.5) * Double(sign: .plus, exponent: exponent, significand: 1) * ((seed & 1) == 0 ? 1 : -1))
        }
        for bits in stride(from: UInt16(0), to: 0x7C00, by: 7) {
            // Exact halfway points between neighbours exercise ties-to-even.
            let a = Double(Float16(bitPattern: bits)), b = Double(Float16(bitPattern: bits + 1))
            values.append((a + b) / 2)
        }
        var mismatches = 0
        for v in values where HalfBits.bits(v) != Float16(v).bitPattern { mismatches += 1 }
        #expect(mismatches == 0)
        #expect(HalfBits.float(HalfBits.bits(.nan)).isNaN)
    }
    #endif
}
