import BioImageYAML

/// The automatic upgrades the reference applies to a raw model document before validating it as
/// model 0.4.10 (notes §c.1): 0.3.x step by step to 0.4.0, then 0.4.x to 0.4.10, plus the rules
/// it applies to every 0.4-or-older document (DOI and GitHub prefixes stripped, an empty
/// `config.future` and then an empty `config` removed).
///
/// The upgrades work on the YAML tree as the reference works on its dictionary: values of
/// unexpected types are left for validation to report, and moved values keep their source marks.
public enum ModelUpgrades {
    /// Upgrades a model document of format 0.3.x or 0.4.x to 0.4.10; other documents are
    /// returned unchanged (as are ones whose `format_version` is not a string).
    public static func upgradeToV04(_ node: YAMLNode) -> YAMLNode {
        guard var data = node.mapping, let version = data["format_version"], let text = textString(version) else { return node }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).prefix(2).map { Int($0) }
        guard parts.count == 2, let major = parts[0], let minor = parts[1] else { return node }
        if (major, minor) < (0, 4) {
            upgradeV03(&data)
        } else if (major, minor) > (0, 4) {
            return node
        }
        if formatVersion(data) == "0.4.0" {
            let dependencies = data.removeValue("dependencies")
            if let dependencies, isTruthy(dependencies), var weights = data["weights"]?.mapping, !weights.isEmpty,
               var entry = weights["pytorch_state_dict"]?.mapping, !entry.isEmpty, let weightsNode = data["weights"],
               let entryNode = weights["pytorch_state_dict"] {
                entry["dependencies"] = dependencies
                weights["pytorch_state_dict"] = YAMLNode(.mapping(entry), mark: entryNode.mark)
                data["weights"] = YAMLNode(.mapping(weights), mark: weightsNode.mark)
            }
            setFormatVersion(&data, "0.4.1")
        }
        if ["0.4.1", "0.4.2", "0.4.3", "0.4.4"].contains(formatVersion(data)) {
            if let parent = data.removeValue("parent"), let uri = parent.mapping?["uri"] {
                data["parent"] = uri
            }
            setFormatVersion(&data, "0.4.5")
        }
        if ["0.4.5", "0.4.6"].contains(formatVersion(data)) {
            removeSlashesFromNames(&data)
            setFormatVersion(&data, "0.4.7")
        }
        if ["0.4.7", "0.4.8"].contains(formatVersion(data)) {
            setFormatVersion(&data, "0.4.9")
        }
        if formatVersion(data) == "0.4.9" {
            if let bioimageio = data["config"]?.mapping?["bioimageio"]?.mapping {
                if let nickname = bioimageio["nickname"], !nickname.isNull { data["id"] = nickname }
                if let icon = bioimageio["nickname_icon"], !icon.isNull { data["id_emoji"] = icon }
            }
            setFormatVersion(&data, "0.4.10")
        }
        removeDOIPrefixes(&data)
        removeGitHubPrefixes(&data)
        removeEmptyConfig(&data)
        return YAMLNode(.mapping(data), mark: node.mark)
    }

    // MARK: - 0.3.x → 0.4.0

    static func upgradeV03(_ data: inout YAMLMapping) {
        if formatVersion(data) == "0.3.0" { setFormatVersion(&data, "0.3.1") }
        if formatVersion(data) == "0.3.1" { upgradeV031(&data) }
        if formatVersion(data) == "0.3.2" {
            setFormatVersion(&data, "0.3.3")
            if let outputsNode = data["outputs"], var outputs = outputsNode.sequence {
                for index in outputs.indices {
                    guard var output = outputs[index].mapping, let shapeNode = output["shape"], var shape = shapeNode.mapping,
                          let reference = shape.removeValue("reference_input") else { continue }
                    shape["reference_tensor"] = reference
                    output["shape"] = YAMLNode(.mapping(shape), mark: shapeNode.mark)
                    outputs[index] = YAMLNode(.mapping(output), mark: outputs[index].mark)
                }
                data["outputs"] = YAMLNode(.sequence(outputs), mark: outputsNode.mark)
            }
        }
        if ["0.3.3", "0.3.4", "0.3.5"].contains(formatVersion(data)) { setFormatVersion(&data, "0.3.6") }
        guard formatVersion(data) == "0.3.6" else { return }
        removeEmptyConfig(&data)
        _ = data.removeValue("language")
        _ = data.removeValue("framework")
        let architecture = data.removeValue("source")
        let architectureSHA = data.removeValue("sha256")
        let kwargs = data.removeValue("kwargs")
        if let weightsNode = data["weights"], var weights = weightsNode.mapping {
            if let entryNode = weights["pytorch_state_dict"], var entry = entryNode.mapping {
                if let architecture, !architecture.isNull { entry["architecture"] = architecture }
                if let architectureSHA, !architectureSHA.isNull { entry["architecture_sha256"] = architectureSHA }
                if let kwargs, !kwargs.isNull { entry["kwargs"] = kwargs }
                weights["pytorch_state_dict"] = YAMLNode(.mapping(entry), mark: entryNode.mark)
            }
            if let script = weights.removeValue("pytorch_script"), !script.isNull {
                weights["torchscript"] = script
            }
            data["weights"] = YAMLNode(.mapping(weights), mark: weightsNode.mark)
        }
        setFormatVersion(&data, "0.4.0")
    }

    /// 0.3.1 → 0.3.2: `type: model`; author names become `{name}` (merged with `config.future["0.3.2"]`).
    static func upgradeV031(_ data: inout YAMLMapping) {
        data["type"] = .string("model")
        setFormatVersion(&data, "0.3.2")
        var future = YAMLMapping()
        if let configNode = data["config"], var config = configNode.mapping, let futureNode = config["future"], var futures = futureNode.mapping {
            future = futures.removeValue("0.3.2")?.mapping ?? YAMLMapping()
            config["future"] = YAMLNode(.mapping(futures), mark: futureNode.mark)
            data["config"] = YAMLNode(.mapping(config), mark: configNode.mark)
        }
        func people(_ node: YAMLNode, updates: YAMLNode?) -> YAMLNode {
            let items = node.sequence ?? node.string.map { $0.map { YAMLNode.string(String($0)) } } ?? []
            var result: [YAMLNode] = []
            for (index, item) in items.enumerated() {
                var person: YAMLMapping = ["name": item]
                if let update = updates?.sequence, index < update.count, let fields = update[index].mapping {
                    for entry in fields.entries { if let key = entry.key.string { person[key] = entry.value } }
                }
                result.append(YAMLNode(.mapping(person), mark: item.mark))
            }
            return YAMLNode(.sequence(result), mark: node.mark)
        }
        if let authors = data["authors"], authors.sequence != nil {
            data["authors"] = people(authors, updates: future["authors"])
        }
        if let packagedBy = data["packaged_by"], !packagedBy.isNull {
            data["packaged_by"] = people(packagedBy, updates: future["packaged_by"])
        }
        if let weightsNode = data["weights"], var weights = weightsNode.mapping {
            for index in weights.entries.indices {
                guard var entry = weights.entries[index].value.mapping, let authors = entry["authors"] else { continue }
                let format = weights.entries[index].key.string ?? ""
                entry["authors"] = people(authors, updates: future["weights"]?.mapping?[format]?.mapping?["authors"])
                weights.entries[index].value = YAMLNode(.mapping(entry), mark: weights.entries[index].value.mark)
            }
            data["weights"] = YAMLNode(.mapping(weights), mark: weightsNode.mark)
        }
        if let version = future["version"] { data["version"] = version }
    }

    // MARK: - Rules for every 0.4-or-older document

    /// Removes `/` and `\` from the name and from author and maintainer names (0.4.5/0.4.6 → 0.4.7).
    static func removeSlashesFromNames(_ data: inout YAMLMapping) {
        func stripped(_ node: YAMLNode) -> YAMLNode {
            guard let text = textString(node) else { return node }
            return YAMLNode(.scalar(YAMLScalar(string: text.replacingOccurrences(of: "/", with: "").replacingOccurrences(of: "\\", with: ""))), mark: node.mark)
        }
        if let name = data["name"] { data["name"] = stripped(name) }
        for group in ["authors", "maintainers"] {
            guard let node = data[group] else { continue }
            // Python treats a string as a sequence of characters here.
            let items = node.sequence ?? (textString(node).map { $0.map { YAMLNode.string(String($0)) } })
            guard let items else { continue }
            let updated = items.map { item -> YAMLNode in
                guard var person = item.mapping, let name = person["name"] else { return item }
                person["name"] = stripped(name)
                return YAMLNode(.mapping(person), mark: item.mark)
            }
            data[group] = YAMLNode(.sequence(updated), mark: node.mark)
        }
    }

    /// Strips `https://doi.org/` and `http://dx.doi.org/` from `cite[*].doi`.
    static func removeDOIPrefixes(_ data: inout YAMLMapping) {
        guard let node = data["cite"] else { return }
        // A string is a Python sequence too: it becomes a list of its characters.
        guard let items = node.sequence ?? textString(node).map({ $0.map { YAMLNode.string(String($0)) } }) else { return }
        let updated = items.map { item -> YAMLNode in
            guard var entry = item.mapping, let doi = entry["doi"], let text = textString(doi) else { return item }
            for prefix in ["https://doi.org/", "http://dx.doi.org/"] where text.hasPrefix(prefix) {
                entry["doi"] = YAMLNode(.scalar(YAMLScalar(string: String(text.dropFirst(prefix.count)))), mark: doi.mark)
                return YAMLNode(.mapping(entry), mark: item.mark)
            }
            return item
        }
        data["cite"] = YAMLNode(.sequence(updated), mark: node.mark)
    }

    /// Strips `https://github.com/` from author and maintainer `github_user`.
    static func removeGitHubPrefixes(_ data: inout YAMLMapping) {
        for group in ["authors", "maintainers"] {
            guard let node = data[group], let items = node.sequence else { continue }
            let updated = items.map { item -> YAMLNode in
                guard var person = item.mapping, let user = person["github_user"], let text = textString(user),
                      text.hasPrefix("https://github.com/") else { return item }
                person["github_user"] = YAMLNode(.scalar(YAMLScalar(string: String(text.dropFirst("https://github.com/".count)))), mark: user.mark)
                return YAMLNode(.mapping(person), mark: item.mark)
            }
            data[group] = YAMLNode(.sequence(updated), mark: node.mark)
        }
    }

    /// Removes an empty `config.future`, then an empty `config`.
    static func removeEmptyConfig(_ data: inout YAMLMapping) {
        guard let configNode = data["config"], var config = configNode.mapping else { return }
        if let future = config["future"]?.mapping, future.isEmpty {
            _ = config.removeValue("future")
            data["config"] = YAMLNode(.mapping(config), mark: configNode.mark)
        }
        if config.isEmpty { _ = data.removeValue("config") }
    }

    // MARK: - Helpers

    /// The text of a string scalar (not a timestamp, number or null).
    static func textString(_ node: YAMLNode) -> String? {
        guard let scalar = node.scalar, scalar.tag == .string, !scalar.isTimestamp else { return nil }
        return scalar.string
    }

    static func formatVersion(_ data: YAMLMapping) -> String? {
        data["format_version"].flatMap(textString)
    }

    static func setFormatVersion(_ data: inout YAMLMapping, _ version: String) {
        let mark = data["format_version"]?.mark ?? .none
        data["format_version"] = YAMLNode(.scalar(YAMLScalar(string: version)), mark: mark)
    }

    /// Python truthiness of a loaded value.
    static func isTruthy(_ node: YAMLNode) -> Bool {
        switch node.content {
        case .mapping(let mapping): return !mapping.isEmpty
        case .sequence(let items): return !items.isEmpty
        case .scalar(let scalar):
            switch scalar.tag {
            case .null: return false
            case .bool: return scalar.boolValue == true
            case .int, .float: return scalar.doubleValue != 0
            case .string: return !scalar.string.isEmpty
            }
        }
    }
}

extension YAMLMapping {
    /// Removes the entry for `key` and returns its value (Python's `dict.pop(key, None)`).
    fileprivate mutating func removeValue(_ key: String) -> YAMLNode? {
        guard let index = entry(forKey: key) else { return nil }
        return entries.remove(at: index).value
    }
}
