import BioImageYAML
import Foundation

/// The outcome of checking one corpus file against the reference loader's result.
enum CorpusVerdict: Sendable {
    /// Both loaded the file, into equal trees.
    case agreed
    /// Both rejected the file, at the same line; the text shows both errors.
    case rejectedAsExpected(String)
    /// The results differ; each string says where and how.
    case differs([String])

    /// Files where our error deliberately names another line than ruyaml's `problem_mark`: the
    /// accepted line and why. (Empty: on every rejected corpus file we point at ruyaml's line.)
    static let acceptedErrorLines: [String: (line: Int, reason: String)] = [:]

    /// Parses `file` (a path relative to `corpus`) with ``YAMLParser`` and judges it against
    /// `outcome`, the reference loader's result.
    static func judge(_ file: String, expected outcome: ExpectedOutcome, corpus: URL) -> CorpusVerdict {
        let url = corpus.appendingPathComponent(file)
        let tree: YAMLNode
        do {
            tree = try YAMLParser().parse(contentsOf: url)
        } catch {
            return judgeRejection(file, error, expected: outcome)
        }
        if let expected = outcome.value {
            let differences = CorpusComparison.differences(ours: tree, expected: expected)
            return differences.isEmpty ? .agreed : .differs(differences)
        }
        if let error = outcome.error {
            return .differs(["we parsed it, the reference rejects it: \(describe(error))"])
        }
        return .differs(["we parsed it, the reference loads a value we cannot represent: \(outcome.unsupported ?? "")"])
    }

    private static func judgeRejection(_ file: String, _ error: YAMLError, expected outcome: ExpectedOutcome)
        -> CorpusVerdict
    {
        guard let expected = outcome.error else {
            if let unsupported = outcome.unsupported {  // e.g. `? [a, b]` keys, which we do not accept
                return .rejectedAsExpected("ours \(error.mark): \(error.message); reference: \(unsupported)")
            }
            return .differs(["we reject it, the reference loads it: \(error.diagnostic)"])
        }
        var problems: [String] = []
        // Errors without a mark (e.g. Python's ValueError for the date 2019-13-45) match any line.
        let acceptedLines = [expected.line, acceptedErrorLines[file]?.line].compactMap { $0 }
        if !acceptedLines.isEmpty && !acceptedLines.contains(error.mark.line) {
            problems.append("we reject it at line \(error.mark.line) (\(error.diagnostic)), the reference at \(describe(expected))")
        }
        if expected.type == "DuplicateKeyError" && error.code != .duplicateKey {
            problems.append("reference: duplicate key; ours: \(error.code) \(error.diagnostic)")
        }
        let both = "ours \(error.mark): \(error.message); reference \(describe(expected))"
        return problems.isEmpty ? .rejectedAsExpected(both) : .differs(problems)
    }

    private static func describe(_ error: ExpectedError) -> String {
        var text = "\(error.type) at \(error.line.map(String.init) ?? "?"):\(error.column.map(String.init) ?? "?"): \(error.problem)"
        if let context = error.context {
            text += " (\(context)"
            if let line = error.contextLine, let column = error.contextColumn { text += " at \(line):\(column)" }
            text += ")"
        }
        return text
    }
}
