import Foundation

/// A value as the reference loader (ruyaml `typ="safe"`) returned it, decoded from
/// `Fixtures/yaml/corpus-expected.json` (written by `Scripts/gen_yaml_fixtures.py`).
///
/// The JSON encoding keeps key order and exact types: `{"map": [[key, value], …]}`, `{"seq": […]}`,
/// `{"str": "…"}`, `{"int": "digits"}`, `{"float": "repr"}`, `{"bool": true}`, `null`, and
/// `{"date": "isoformat"}` for timestamps (naive UTC, as ruyaml builds them).
indirect enum ExpectedNode: Decodable, Sendable, CustomStringConvertible {
    /// Python's `None`.
    case null
    /// A Python `bool`.
    case bool(Bool)
    /// Decimal digits with an optional `-`, as Python prints an `int` of any size.
    case int(String)
    /// Python's `repr` of the float, or `inf`, `-inf`, `nan`.
    case float(String)
    /// A Python `str`.
    case string(String)
    /// `date.isoformat()` or `datetime.isoformat()` of ruyaml's naive-UTC value.
    case date(String)
    /// A Python `list`.
    case sequence([ExpectedNode])
    /// A Python `dict`, in insertion (document) order.
    case mapping([(key: ExpectedNode, value: ExpectedNode)])

    private enum Key: String, CodingKey {
        case map, seq, str, int, float, bool, date
    }

    init(from decoder: any Decoder) throws {
        if try decoder.singleValueContainer().decodeNil() {
            self = .null
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected exactly one type key"))
        }
        switch key {
        case .map:
            let pairs = try container.decode([[ExpectedNode]].self, forKey: .map)
            self = .mapping(try pairs.map { pair in
                guard pair.count == 2 else {
                    throw DecodingError.dataCorrupted(
                        .init(codingPath: decoder.codingPath, debugDescription: "a map entry is not a pair"))
                }
                return (pair[0], pair[1])
            })
        case .seq: self = .sequence(try container.decode([ExpectedNode].self, forKey: .seq))
        case .str: self = .string(try container.decode(String.self, forKey: .str))
        case .int: self = .int(try container.decode(String.self, forKey: .int))
        case .float: self = .float(try container.decode(String.self, forKey: .float))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: .bool))
        case .date: self = .date(try container.decode(String.self, forKey: .date))
        }
    }

    /// A short rendering for failure messages.
    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "bool \(value)"
        case .int(let digits): return "int \(digits)"
        case .float(let repr): return "float \(repr)"
        case .string(let text): return "string \(text.debugDescription)"
        case .date(let iso): return "date \(iso)"
        case .sequence(let items): return "sequence of \(items.count)"
        case .mapping(let pairs): return "mapping of \(pairs.count)"
        }
    }
}

/// Where and why the reference loader rejected a file (marks are 1-based, columns in code points).
struct ExpectedError: Decodable, Sendable {
    /// The ruyaml exception class, e.g. `ScannerError`, `DuplicateKeyError`.
    var type: String
    /// ruyaml's `problem` text.
    var problem: String
    /// The line of ruyaml's `problem_mark`, if it has one.
    var line: Int?
    /// The column of ruyaml's `problem_mark`, if it has one.
    var column: Int?
    /// ruyaml's `context` text (e.g. "while constructing a mapping").
    var context: String?
    /// The line of ruyaml's `context_mark` (e.g. where the mapping with a duplicate key starts).
    var contextLine: Int?
    /// The column of ruyaml's `context_mark`.
    var contextColumn: Int?

    private enum CodingKeys: String, CodingKey {
        case type, problem, line, column, context
        case contextLine = "context_line"
        case contextColumn = "context_column"
    }
}

/// What the reference loader made of one corpus file: exactly one of the three is set.
struct ExpectedOutcome: Decodable, Sendable {
    /// The loaded document.
    var value: ExpectedNode?
    /// Why the file was rejected.
    var error: ExpectedError?
    /// The file loaded into something the fixture encoding cannot express (e.g. a tuple key).
    var unsupported: String?

    private enum Key: String, CodingKey { case value, error, unsupported }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        // `{"value": null}` is a document that loaded as null, so presence matters, not the value.
        value = container.contains(.value) ? try container.decode(ExpectedNode.self, forKey: .value) : nil
        error = try container.decodeIfPresent(ExpectedError.self, forKey: .error)
        unsupported = try container.decodeIfPresent(String.self, forKey: .unsupported)
    }
}

/// The contents of `Fixtures/yaml/corpus-expected.json`.
struct CorpusExpectation: Decodable, Sendable {
    /// The outcome per corpus file, keyed by its path relative to `shared/corpus`.
    var files: [String: ExpectedOutcome]

    /// The committed fixture, decoded once; `nil` (with the reason printed) when it cannot be read.
    static let shared: CorpusExpectation? = {
        let url = TestPaths.fixture("yaml/corpus-expected.json")
        do {
            return try JSONDecoder().decode(CorpusExpectation.self, from: Data(contentsOf: url))
        } catch {
            print("cannot read \(url.path): \(error)")
            return nil
        }
    }()

    /// The fixture's file names in sorted order, or none when the corpus is absent (so no test
    /// cases are generated; the summary test prints why).
    static var corpusFileNames: [String] {
        guard TestPaths.corpusDirectory != nil, let shared else { return [] }
        return shared.files.keys.sorted()
    }
}
