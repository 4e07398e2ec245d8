import BioImageTensor
import Foundation
import Testing

/// One numpy reference case from `Fixtures/tensor/cases.json` (made by Scripts/gen_tensor_fixtures.py).
struct FixtureCase: Decodable, Sendable, CustomTestStringConvertible {
    var op: String
    var name: String
    var inputs: [String]
    var expected: [String]
    var rtol: Double?
    var atol: Double?
    var fn: String?
    var target: String?
    var axes: [Int]?
    var keepdims: Bool?
    var q: [Double]?
    var method: String?
    var ignoreNaN: Bool?
    var axis: Int?
    var perm: [Int]?
    var ranges: [[Int]]?
    var widths: [[Int]]?
    var mode: String?
    var value: Double?
    var low: Double?
    var high: Double?
    var gain: Double?
    var offset: Double?
    var rtol_: Double?
    var atol_: Double?
    var equalNaN: Bool?

    var testDescription: String { name }
}

/// A `.npy` file written by numpy with its documented contents.
struct NPYEntry: Decodable, Sendable, CustomTestStringConvertible {
    var file: String
    var dtype: String
    var shape: [Int]
    var fortran: Bool?
    var canonical: Bool?
    var testDescription: String { file }
}

/// A corrupted `.npy` file and the error code it must produce.
struct CorruptEntry: Decodable, Sendable, CustomTestStringConvertible {
    var file: String
    var code: String
    var testDescription: String { "\(file) → \(code)" }
}

struct FixtureManifest: Decodable, Sendable {
    struct ArrayRef: Decodable, Sendable {
        var offset: Int
        var length: Int
    }
    var arrays: [String: ArrayRef]
    var cases: [FixtureCase]
    var npy: [NPYEntry]
    var corrupt: [CorruptEntry]
}

enum Fixtures {
    /// `Fixtures/tensor` of the repository, found from this file's real location (the test folder
    /// may be reached through a symlink), searching upward.
    static let directory: URL? = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent("Fixtures/tensor")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("cases.json").path) { return candidate }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    static let manifest: FixtureManifest? = {
        guard let directory, let data = try? Data(contentsOf: directory.appendingPathComponent("cases.json")) else { return nil }
        return try? JSONDecoder().decode(FixtureManifest.self, from: data)
    }()

    static let blob: Data? = directory.flatMap { try? Data(contentsOf: $0.appendingPathComponent("cases.bin")) }

    static func cases(_ op: String) -> [FixtureCase] {
        manifest?.cases.filter { $0.op == op } ?? []
    }

    static func array(_ name: String) throws -> AnyTensor {
        let ref = try #require(manifest?.arrays[name], "array \(name) is not in the manifest")
        let blob = try #require(blob)
        return try NPY.decode(blob.subdata(in: ref.offset..<ref.offset + ref.length))
    }

    static func url(_ file: String) throws -> URL {
        try #require(directory).appendingPathComponent(file)
    }
}

/// Compares a result with numpy's: same dtype and shape, then values exactly (NaN equals NaN, and
/// the sign of zero must match unless `ignoreZeroSign`) or within `|a − e| ≤ atol + rtol·|e|`.
func expectMatches(
    _ actual: AnyTensor, _ expected: AnyTensor, rtol: Double? = nil, atol: Double? = nil,
    ignoreZeroSign: Bool = false, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.dtype == expected.dtype, "\(label): dtype", sourceLocation: sourceLocation)
    #expect(actual.shape == expected.shape, "\(label): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    guard actual.dtype == expected.dtype, actual.shape == expected.shape else { return }
    guard expected.dtype.isFloatingPoint else {
        #expect(actual == expected, "\(label): values differ", sourceLocation: sourceLocation)
        return
    }
    let a = actual.converted(to: Double.self).scalars, e = expected.converted(to: Double.self).scalars
    var failures = 0
    for i in 0..<a.count {
        let x = a[i], y = e[i]
        let ok: Bool
        if x.isNaN || y.isNaN {
            ok = x.isNaN && y.isNaN
        } else if let rtol {
            ok = x == y || (x - y).magnitude <= (atol ?? 0) + rtol * y.magnitude
        } else {
            ok = x == y && (ignoreZeroSign || x != 0 || x.sign == y.sign)
        }
        if !ok {
            failures += 1
            if failures <= 3 {
                Issue.record("\(label): element \(i) is \(x), numpy gives \(y)", sourceLocation: sourceLocation)
            }
        }
    }
    if failures > 3 { Issue.record("\(label): \(failures) elements differ in total", sourceLocation: sourceLocation) }
}
