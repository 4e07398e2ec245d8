import BioImageYAML
import Foundation

/// The result of checking every hashed file reference of a description (``ResourceReader/verifyReferencedFiles()``).
public struct FileCheckReport: Sendable, Hashable {
    /// What happened to one reference.
    public enum Status: String, Sendable, Hashable {
        /// The file was read and its SHA-256 matches.
        case verified
        /// The file was read and its SHA-256 differs from the stated one.
        case mismatch
        /// The file does not exist in the package.
        case missing
        /// The reference is a URL the fetcher did not fetch (offline).
        case notFetched = "not-fetched"
        /// The file could not be read for another reason (see ``Entry/message``).
        case unreadable
    }

    /// One `{source, sha256}` reference and its check.
    public struct Entry: Sendable, Hashable {
        /// Where the reference is in the description (`inputs.0.test_tensor`, `weights.onnx`).
        public var path: String
        /// The source as written.
        public var source: String
        /// The stated digest.
        public var expectedSHA256: String
        /// The digest of the bytes read, when the file could be read.
        public var actualSHA256: String?
        /// The outcome.
        public var status: Status
        /// The error message for anything but ``Status/verified`` (for a mismatch the reference's
        /// "SHA256 mismatch for <location>. Expected <expected>, got <actual>.").
        public var message: String?
    }

    /// Every hashed reference, in document order.
    public var entries: [Entry]

    /// The references whose bytes do not match.
    public var mismatches: [Entry] { entries.filter { $0.status == .mismatch } }
    /// Whether every reference was read and matched.
    public var allVerified: Bool { entries.allSatisfy { $0.status == .verified } }
}

extension ResourceReader {
    /// Reads every file the description references with a `sha256` (any mapping with `source` and
    /// `sha256`, a 0.4 `architecture` with `architecture_sha256`) and compares digests.
    public func verifyReferencedFiles() throws(ResourceError) -> FileCheckReport {
        verifyReferencedFiles(in: try parseDescription())
    }

    /// Checks the hashed references of `document` against this reader's files.
    public func verifyReferencedFiles(in document: YAMLNode) -> FileCheckReport {
        var pairs: [(path: String, source: String, sha256: String)] = []
        Self.collectHashedReferences(document, path: [], into: &pairs)
        let entries = pairs.map { pair -> FileCheckReport.Entry in
            var entry = FileCheckReport.Entry(path: pair.path, source: pair.source, expectedSHA256: pair.sha256, actualSHA256: nil, status: .verified, message: nil)
            do throws(ResourceError) {
                let data = try contents(of: pair.source)
                let actual = SHA256.hash(data: data).hexString
                entry.actualSHA256 = actual
                if actual != pair.sha256.lowercased() {
                    entry.status = .mismatch
                    entry.message = ResourceError.hashMismatch(source: pair.source, location: location(of: pair.source), expected: pair.sha256, actual: actual).message
                }
            } catch {
                entry.status = error.code == .notFound ? .missing : error.code == .offline ? .notFetched : .unreadable
                entry.message = error.message
            }
            return entry
        }
        return FileCheckReport(entries: entries)
    }

    /// Collects `{source, sha256}` pairs (and 0.4 `architecture` + `architecture_sha256`) in document order.
    static func collectHashedReferences(_ node: YAMLNode, path: [String], into pairs: inout [(path: String, source: String, sha256: String)]) {
        switch node.content {
        case .mapping(let mapping):
            if let source = node["source"]?.string, let sha = node["sha256"]?.string, node["source"]?.scalar?.tag == .string {
                pairs.append((path.joined(separator: "."), source, sha))
            }
            if let architecture = node["architecture"]?.string, let sha = node["architecture_sha256"]?.string,
               let colon = architecture.range(of: ":", options: .backwards) {
                pairs.append(((path + ["architecture"]).joined(separator: "."), String(architecture[..<colon.lowerBound]), sha))
            }
            for entry in mapping {
                collectHashedReferences(entry.value, path: path + [entry.key.string ?? "?"], into: &pairs)
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() { collectHashedReferences(item, path: path + [String(index)], into: &pairs) }
        case .scalar:
            break
        }
    }
}
