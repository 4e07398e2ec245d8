import BioImageYAML
import Foundation

extension PackageWriter {
    /// Rewrites packaged references to flat in-package names and collects the files, in the
    /// order they are first referenced (notes §g.3 points 3 and 4).
    struct Packer {
        var reader: ResourceReader
        var descriptionName: String
        var localFilesOnly: Bool
        /// The packaged files in order.
        var files: [(name: String, data: Data)] = []
        /// In-package name → the source location it came from.
        var taken: [String: String] = [:]

        /// What a packaged field holds.
        enum Kind {
            /// A plain file source string, or a `{source, sha256}` mapping.
            case file
            /// 0.4 `architecture: file.py:Callable` (only the file part is packaged).
            case callableFile
            /// 0.4 `dependencies: conda:environment.yaml`.
            case prefixedFile
        }

        /// The packaged fields, as paths with `*` for any key or index (0.5 and 0.4 models, generic resources).
        static let rules: [([String], Kind)] = [
            (["covers", "*"], .file), (["documentation"], .file), (["attachments", "*"], .file),
            (["attachments", "files", "*"], .file), (["license"], .file), (["icon"], .file), (["badges", "*", "icon"], .file),
            (["inputs", "*", "test_tensor"], .file), (["inputs", "*", "sample_tensor"], .file),
            (["outputs", "*", "test_tensor"], .file), (["outputs", "*", "sample_tensor"], .file),
            (["inputs", "*", "preprocessing", "*"], .file), (["outputs", "*", "postprocessing", "*"], .file),
            (["weights", "*"], .file), (["weights", "*", "architecture"], .file), (["weights", "*", "dependencies"], .file),
            (["weights", "*", "external_data"], .file),
            (["test_inputs", "*"], .file), (["test_outputs", "*"], .file), (["sample_inputs", "*"], .file), (["sample_outputs", "*"], .file),
        ]

        static func kind(of path: [String], node: YAMLNode) -> Kind? {
            if path.count == 3, path[0] == "weights", path[2] == "architecture", node.scalar != nil { return .callableFile }
            if path.count == 3, path[0] == "weights", path[2] == "dependencies", node.scalar != nil { return .prefixedFile }
            for (pattern, kind) in rules where pattern.count == path.count
                && zip(pattern, path).allSatisfy({ $0 == "*" || $0 == $1 }) {
                return kind
            }
            return nil
        }

        /// Rewrites `node` at `path` and everything below it.
        mutating func rewrite(_ node: YAMLNode, path: [String]) throws(ResourceError) -> YAMLNode {
            var node = node
            switch Self.kind(of: path, node: node) {
            case .file?:
                if let text = node.string, node.scalar?.tag == .string {
                    // An emoji icon or a license id is not a file.
                    if path == ["icon"] && text.count <= 2 { return node }
                    if path == ["license"] { return node }
                    return .string(try package(text).name)
                }
                if var mapping = node.mapping, let source = mapping["source"]?.string, let index = mapping.entry(forKey: "source") {
                    let packed = try package(source)
                    mapping.entries[index].value = .string(packed.name)
                    if let sha = packed.sha256 {
                        if let shaIndex = mapping.entry(forKey: "sha256") { mapping.entries[shaIndex].value = .string(sha) } else {
                            mapping.entries.insert(YAMLMapping.Entry(key: .string("sha256"), value: .string(sha)), at: index + 1)
                        }
                    }
                    node = .mapping(mapping)
                }
            case .callableFile?:
                if let text = node.string, let colon = text.range(of: ":", options: .backwards), !text.hasPrefix("http") || text[..<colon.lowerBound].contains("/") {
                    let file = String(text[..<colon.lowerBound])
                    if file.hasSuffix(".py") { return .string(try package(file).name + text[colon.lowerBound...]) }
                }
                return node
            case .prefixedFile?:
                if let text = node.string, let colon = text.firstIndex(of: ":") {
                    return .string(String(text[...colon]) + (try package(String(text[text.index(after: colon)...])).name))
                }
                return node
            case nil:
                break
            }
            switch node.content {
            case .mapping(var mapping):
                for index in mapping.entries.indices {
                    let key = mapping.entries[index].key.string ?? "?"
                    mapping.entries[index].value = try rewrite(mapping.entries[index].value, path: path + [key])
                }
                return .mapping(mapping)
            case .sequence(let items):
                var result: [YAMLNode] = []
                for (index, item) in items.enumerated() { result.append(try rewrite(item, path: path + [String(index)])) }
                return .sequence(result)
            case .scalar:
                return node
            }
        }

        /// Adds the file `source` to the package (once per source) and returns its in-package name
        /// and digest; URLs stay as they are with ``localFilesOnly``.
        mutating func package(_ source: String) throws(ResourceError) -> (name: String, sha256: String?) {
            let location = reader.location(of: source)
            let isURL = source.lowercased().hasPrefix("http://") || source.lowercased().hasPrefix("https://")
            var name = isURL ? URL(string: source).map(ResourceReader.remoteFileName) ?? "" : String(source.split(separator: "/").last ?? "")
            guard !name.isEmpty else { throw ResourceError(code: .packaging, message: "Got empty file name for source \(source)", source: source) }
            if name == descriptionName {
                throw ResourceError(code: .packaging, message: "Reserved file name '\(descriptionName)' not allowed for a file to be packaged", source: source)
            }
            if isURL && localFilesOnly { return (source, nil) }
            if let owner = taken[name], owner != location {
                var found: String?
                for i in 2..<20 {
                    let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                    let alternative = ([parts[0] + "_\(i)"] + parts.dropFirst()).joined(separator: ".")
                    if taken[alternative] == nil || taken[alternative] == location { found = alternative; break }
                }
                guard let found else { throw ResourceError(code: .packaging, message: "Too many file name clashes for \(name)", source: source) }
                name = found
            }
            if taken[name] == location, let existing = files.first(where: { $0.name == name }) {
                return (name, SHA256.hash(data: existing.data).hexString)
            }
            let data = try reader.contents(of: source)
            taken[name] = location
            files.append((name, data))
            return (name, SHA256.hash(data: data).hexString)
        }
    }
}
