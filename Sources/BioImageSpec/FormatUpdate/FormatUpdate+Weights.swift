import BioImageYAML

extension FormatUpdate {
    /// The 0.5 weights: per format `source`, `authors`, `parent`, the library version (or its
    /// default), and for PyTorch the parsed architecture and dependencies. Hashes are not carried over.
    static func weightsNode(_ weights: WeightsV04) throws(Failure) -> YAMLNode {
        var out = YAMLMapping()
        for (format, entry) in weights.orderedEntries {
            var node = YAMLMapping()
            node["source"] = .string(entry.source)
            if let authors = entry.authors { node["authors"] = .sequence(authors.map(authorNode)) }
            if let parent = entry.parent { node["parent"] = .string(parent) }
            switch format {
            case "keras_hdf5", "tensorflow_js", "tensorflow_saved_model_bundle":
                node["tensorflow_version"] = entry.libraryVersion.map { plain($0.node) } ?? .string("1.15")
                if format == "tensorflow_saved_model_bundle", let dependencies = entry.dependencies {
                    node["dependencies"] = fileNode(normalizedSource(dependencySource(dependencies)))
                }
            case "onnx":
                node["opset_version"] = .int(entry.opsetVersion ?? 15)
            case "pytorch_state_dict":
                if let architecture = entry.architecture {
                    node["architecture"] = try architectureNode(architecture, fromFile: entry.architectureIsFromFile,
                                                                sha256: entry.architectureSHA256, kwargs: entry.kwargs)
                }
                node["pytorch_version"] = entry.libraryVersion.map { plain($0.node) } ?? .string("1.10")
                if let dependencies = entry.dependencies { node["dependencies"] = fileNode(normalizedSource(dependencySource(dependencies))) }
            case "torchscript":
                node["pytorch_version"] = entry.libraryVersion.map { plain($0.node) } ?? .string("1.10")
            default:
                break
            }
            out[format] = .mapping(node)
        }
        return .mapping(out)
    }

    /// `conda:env.yaml` → `env.yaml`; other managers keep the whole string.
    static func dependencySource(_ dependencies: String) -> String {
        dependencies.hasPrefix("conda:") ? String(dependencies.dropFirst("conda:".count)) : dependencies
    }

    /// `file.py:Callable` → `{source, sha256, callable, kwargs}`; `a.b.Callable` → `{callable, kwargs, import_from}`.
    static func architectureNode(_ text: String, fromFile: Bool, sha256: String?, kwargs: FreeValue?) throws(Failure) -> YAMLNode {
        let path: FieldPath = ["weights", "pytorch_state_dict", "architecture"]
        func identifier(_ callable: String) throws(Failure) -> String {
            guard Leaf.isPythonIdentifier(callable), !Leaf.pythonKeywords.contains(callable) else {
                throw Failure(message: "\(Leaf.pythonRepr(callable)) is not a valid (Python) identifier, see https://docs.python.org/3/reference/lexical_analysis.html#identifiers for details.", path: path)
            }
            return callable
        }
        var node = YAMLMapping()
        let kwargsNode = kwargs.flatMap { $0.node.mapping?.isEmpty == false ? plain($0.node) : nil }
        if fromFile {
            let colons = text.filter { $0 == ":" }.count
            var source = text
            var callable = text
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if text.hasPrefix("http"), colons == 2, parts.count == 3 {
                source = parts[0] + ":" + parts[1]
                callable = parts[2]
            } else if !text.hasPrefix("http"), colons == 1, let colon = text.firstIndex(of: ":") {
                source = String(text[..<colon])
                callable = String(text[text.index(after: colon)...])
            }
            node["source"] = .string(normalizedSource(source))
            if let sha256 { node["sha256"] = .string(sha256) }
            node["callable"] = .string(try identifier(callable))
            if let kwargsNode { node["kwargs"] = kwargsNode }
        } else {
            var modules = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let callable = modules.removeLast()
            node["callable"] = .string(try identifier(callable))
            if let kwargsNode { node["kwargs"] = kwargsNode }
            node["import_from"] = .string(modules.joined(separator: "."))
        }
        return .mapping(node)
    }
}
