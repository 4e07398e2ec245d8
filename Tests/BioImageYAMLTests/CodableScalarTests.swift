import Foundation
import Testing
@testable import BioImageYAML

/// Decodes `T` from the plain scalar `text` and says what came out: the value or the error kind.
private func outcome<T: Decodable & Equatable>(_ type: T.Type, _ text: String) -> String {
    do {
        return "\(try YAMLDecoder().decode(T.self, from: .plain(text)))"
    } catch let error as DecodingError {
        switch error {
        case .typeMismatch: return "typeMismatch"
        case .valueNotFound: return "valueNotFound"
        case .keyNotFound: return "keyNotFound"
        case .dataCorrupted: return "dataCorrupted"
        @unknown default: return "unknown"
        }
    } catch {
        return "other \(error)"
    }
}

@Suite("YAMLDecoder: scalars")
struct CodableScalarTests {
    /// (text, expected) for every fixed-width integer type: the bounds decode, one past them is a
    /// `dataCorrupted` error, never a trap. Bounds written out by hand (2^(n-1) - 1, 2^n - 1).
    @Test func integerBounds() {
        #expect(outcome(Int8.self, "127") == "127")
        #expect(outcome(Int8.self, "-128") == "-128")
        #expect(outcome(Int8.self, "128") == "dataCorrupted")
        #expect(outcome(Int8.self, "-129") == "dataCorrupted")
        #expect(outcome(Int16.self, "32767") == "32767")
        #expect(outcome(Int16.self, "-32768") == "-32768")
        #expect(outcome(Int16.self, "32768") == "dataCorrupted")
        #expect(outcome(Int32.self, "2147483647") == "2147483647")
        #expect(outcome(Int32.self, "-2147483648") == "-2147483648")
        #expect(outcome(Int32.self, "-2147483649") == "dataCorrupted")
        #expect(outcome(Int64.self, "9223372036854775807") == "9223372036854775807")
        #expect(outcome(Int64.self, "-9223372036854775808") == "-9223372036854775808")
        #expect(outcome(Int64.self, "9223372036854775808") == "dataCorrupted")
        #expect(outcome(Int.self, "-9223372036854775809") == "dataCorrupted")
        #expect(outcome(UInt8.self, "255") == "255")
        #expect(outcome(UInt8.self, "256") == "dataCorrupted")
        #expect(outcome(UInt8.self, "-1") == "dataCorrupted")
        #expect(outcome(UInt16.self, "65535") == "65535")
        #expect(outcome(UInt16.self, "65536") == "dataCorrupted")
        #expect(outcome(UInt32.self, "4294967295") == "4294967295")
        #expect(outcome(UInt32.self, "4294967296") == "dataCorrupted")
        #expect(outcome(UInt64.self, "18446744073709551615") == "18446744073709551615")
        #expect(outcome(UInt64.self, "18446744073709551616") == "dataCorrupted")
        #expect(outcome(UInt.self, "0") == "0")
        #expect(outcome(UInt.self, "-0") == "0")
        #expect(outcome(Int.self, "123456789012345678901234567890") == "dataCorrupted")
    }

    @Test func integerSpellings() {
        // 0xFF = 255, 0o17 = 15, 0b101 = 5, 0123 is decimal in YAML 1.2, underscores are ignored.
        #expect(outcome(UInt8.self, "0xFF") == "255")
        #expect(outcome(Int.self, "0o17") == "15")
        #expect(outcome(Int.self, "0b101") == "5")
        #expect(outcome(Int.self, "0123") == "123")
        #expect(outcome(Int.self, "1_000") == "1000")
        #expect(outcome(Int.self, "-0x10") == "-16")
        #expect(outcome(UInt64.self, "0xFFFFFFFFFFFFFFFF") == "18446744073709551615")
    }

    @Test func integersFromIntegralFloats() {
        #expect(outcome(Int.self, "1.0") == "1")
        #expect(outcome(Int.self, "1e2") == "100")
        #expect(outcome(Int.self, "-3.0e0") == "-3")
        #expect(outcome(UInt8.self, "255.0") == "255")
        #expect(outcome(UInt8.self, "256.0") == "dataCorrupted")
        #expect(outcome(Int.self, "1.5") == "dataCorrupted")
        #expect(outcome(Int.self, ".inf") == "dataCorrupted")
        #expect(outcome(Int.self, ".nan") == "dataCorrupted")
        #expect(outcome(Int.self, "1e300") == "dataCorrupted")
    }

    @Test func integersRejectOtherKinds() {
        #expect(outcome(Int.self, "true") == "typeMismatch")
        #expect(outcome(Int.self, "abc") == "typeMismatch")
        #expect(outcome(Int.self, "null") == "valueNotFound")
        #expect(throws: DecodingError.self) { try YAMLDecoder().decode(Int.self, from: .string("5")) }
    }

    @Test func doubles() throws {
        let decoder = YAMLDecoder()
        #expect(try decoder.decode(Double.self, from: .plain("0.5")) == 0.5)
        #expect(try decoder.decode(Double.self, from: .plain("-2.5e-3")) == -0.0025)
        #expect(try decoder.decode(Double.self, from: .plain(".5")) == 0.5)
        #expect(try decoder.decode(Double.self, from: .plain("7")) == 7)
        #expect(try decoder.decode(Double.self, from: .plain("0x10")) == 16)
        #expect(try decoder.decode(Double.self, from: .plain(".inf")) == .infinity)
        #expect(try decoder.decode(Double.self, from: .plain("-.Inf")) == -.infinity)
        #expect(try decoder.decode(Double.self, from: .plain(".NaN")).isNaN)
        #expect(try decoder.decode(Double.self, from: .plain("1.7976931348623157e308")) == .greatestFiniteMagnitude)
        #expect(try decoder.decode(Double.self, from: .plain("5e-324")) == .leastNonzeroMagnitude)
        #expect(outcome(Double.self, "1e400") == "dataCorrupted")
        #expect(outcome(Double.self, "true") == "typeMismatch")
        #expect(outcome(Double.self, "~") == "valueNotFound")
        #expect(outcome(Double.self, "1.5.5") == "typeMismatch")  // a string to YAML
    }

    @Test func floats() throws {
        let decoder = YAMLDecoder()
        #expect(try decoder.decode(Float.self, from: .plain("0.1")) == Float(0.1))
        #expect(try decoder.decode(Float.self, from: .plain("3.4028235e38")) == .greatestFiniteMagnitude)
        #expect(try decoder.decode(Float.self, from: .plain("16777217")) == 16_777_216)  // 2^24 + 1 rounds to even
        #expect(try decoder.decode(Float.self, from: .plain("-.inf")) == -.infinity)
        #expect(try decoder.decode(Float.self, from: .plain(".nan")).isNaN)
        #expect(outcome(Float.self, "1e39") == "dataCorrupted")
        #expect(outcome(Float.self, "false") == "typeMismatch")
    }

    @Test func boolsOnlyFromBoolScalars() {
        #expect(outcome(Bool.self, "true") == "true")
        #expect(outcome(Bool.self, "False") == "false")
        #expect(outcome(Bool.self, "TRUE") == "true")
        #expect(outcome(Bool.self, "yes") == "typeMismatch")
        #expect(outcome(Bool.self, "1") == "typeMismatch")
        #expect(outcome(Bool.self, "Null") == "valueNotFound")
    }
}
