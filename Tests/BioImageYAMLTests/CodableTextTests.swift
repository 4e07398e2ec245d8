import Foundation
import Testing
@testable import BioImageYAML

/// Runs `body` and returns the `DecodingError` it throws, or `nil`.
private func decodingError<T>(_ body: () throws -> T) -> DecodingError? {
    do {
        _ = try body()
        return nil
    } catch let error as DecodingError {
        return error
    } catch {
        return nil
    }
}

@Suite("YAMLDecoder from YAML text")
struct CodableTextTests {
    struct Axis: Decodable, Equatable { var id: String; var size: Int? }
    struct Input: Decodable, Equatable { var id: String; var axes: [Axis] }
    struct Model: Decodable, Equatable { var format_version: String; var inputs: [Input]; var tags: [String] }

    // Columns are 1-based Unicode scalars; line 5 is `      - id: y`.
    static let text = """
        format_version: 0.4
        inputs:
          - id: raw
            axes:
              - id: y
                size: 64
              - id: x
                size: 1.5
        tags: [a, 0.5, "q"]

        """

    @Test func decodesAndKeepsFloatSpelledStrings() throws {
        let fixed = Self.text.replacingOccurrences(of: "size: 1.5", with: "size: 32.0")
        let model = try YAMLDecoder().decode(Model.self, from: fixed)
        #expect(model == Model(
            format_version: "0.4",
            inputs: [Input(id: "raw", axes: [Axis(id: "y", size: 64), Axis(id: "x", size: 32)])],
            tags: ["a", "0.5", "q"]))
        let fromData = try YAMLDecoder().decode(Model.self, from: Data(fixed.utf8))
        #expect(fromData == model)
    }

    @Test func wrongValueReportsLineColumnAndFieldPath() {
        let error = decodingError { try YAMLDecoder().decode(Model.self, from: Self.text) }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected dataCorrupted for 1.5 as Int, got \(String(describing: error))")
            return
        }
        // `1.5` is on line 8; `        size: 1.5` puts it at column 15.
        #expect(error?.yamlFieldPath == "inputs.0.axes.1.size")
        #expect(error?.yamlMark?.line == 8)
        #expect(error?.yamlMark?.column == 15)
        #expect(context.debugDescription.hasPrefix("8:15: "))
    }

    @Test func missingKeyPointsAtTheMappingStart() {
        let text = """
            inputs:
              - axes: []
            format_version: 0.5.0
            tags: []
            """
        let error = decodingError { try YAMLDecoder().decode(Model.self, from: text) }
        guard case .keyNotFound(let key, _)? = error else {
            Issue.record("expected keyNotFound, got \(String(describing: error))")
            return
        }
        #expect(key.stringValue == "id")
        #expect(error?.yamlFieldPath == "inputs.0.id")
        // The mapping `axes: []` starts at its first key: line 2, column 5.
        #expect(error?.yamlMark?.line == 2)
        #expect(error?.yamlMark?.column == 5)
    }

    @Test func quotedNumbersAreStrings() {
        let error = decodingError { try YAMLDecoder().decode([String: Int].self, from: "a: \"5\"\n") }
        guard case .typeMismatch? = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
        #expect(error?.yamlFieldPath == "a")
        #expect(error?.yamlMark?.column == 4)
    }

    @Test func syntaxErrorsAreDataCorruptedAtTheRoot() {
        let error = decodingError { try YAMLDecoder().decode([String: Int].self, from: "a: [1, 2\n") }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.codingPath.isEmpty)
        #expect(error?.yamlError?.code == .syntax)
        #expect(error?.yamlMark != nil)
    }

    /// JSON is YAML: the same text must decode the same way with both decoders.
    @Test(arguments: [
        #"{"format_version": "0.4", "inputs": [{"id": "a", "axes": [{"id": "x", "size": 3.0}]}], "tags": []}"#,
        #"{"format_version": 0.4, "inputs": [], "tags": []}"#,
        #"{"format_version": "0.4", "inputs": [{"id": "a", "axes": [{"id": "x", "size": 2.5}]}], "tags": []}"#,
        #"{"format_version": "0.4", "inputs": [{"id": "a", "axes": [{"id": "x", "size": null}]}], "tags": [null]}"#,
        #"{"format_version": "0.4", "inputs": [{"axes": []}], "tags": []}"#,
        #"{"format_version": "0.4", "inputs": {}, "tags": []}"#,
    ])
    func agreesWithJSONDecoderOnJSONText(json: String) {
        func summary(_ body: () throws -> Model) -> String {
            do {
                return "value \(try body())"
            } catch let error as DecodingError {
                switch error {
                case .typeMismatch(_, let c): return "typeMismatch \(c.codingPath.map(\.stringValue))"
                case .valueNotFound(_, let c): return "valueNotFound \(c.codingPath.map(\.stringValue))"
                case .keyNotFound(let k, let c): return "keyNotFound \(k.stringValue) \(c.codingPath.map(\.stringValue))"
                case .dataCorrupted: return "dataCorrupted"
                @unknown default: return "unknown"
                }
            } catch {
                return "other"
            }
        }
        let oracle = summary { try JSONDecoder().decode(Model.self, from: Data(json.utf8)) }
        let ours = summary { try YAMLDecoder().decode(Model.self, from: json) }
        // One deliberate difference: a JSON number where a String is expected decodes as its text.
        if json.contains("\"format_version\": 0.4") {
            #expect(oracle.hasPrefix("typeMismatch"))
            #expect(ours.hasPrefix("value"))
        } else {
            #expect(ours == oracle)
        }
    }
}
