import BioImageYAML

/// The reference's raw-data conversions of non-model descriptions (notes §c.1 last bullet, §f.1),
/// applied to the document mapping before validation. Marks of untouched nodes are kept, so
/// issues still point at the right line.
public enum GenericUpgrades {
    /// The 0.2 conversions the 0.2.4 description class applies to any 0.2 document: string
    /// authors become `{name}`; 0.2.0/0.2.1 → 0.2.2; 0.2.2 → 0.2.3 removes slashes from names;
    /// 0.2.3 → 0.2.4 moves `config.bioimageio.nickname`/`nickname_icon` to `id`/`id_emoji`;
    /// then DOI prefixes of `cite[*].doi` and `https://github.com/` of `github_user` are removed.
    public static func upgrade(_ node: YAMLNode) -> YAMLNode {
        guard var mapping = node.mapping, let formatVersion = mapping["format_version"] else { return node }
        if let text = formatVersion.pythonString {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false).prefix(2).map { Int($0) }
            if parts.count == 2, let major = parts[0], let minor = parts[1], (major, minor) > (0, 2) { return node }
        }
        if let authors = mapping["authors"]?.sequence {
            mapping.put("authors", .sequence(authors.map { author in
                author.pythonString.map { YAMLNode.mapping(["name": .string($0, mark: author.mark)], mark: author.mark) } ?? author
            }, mark: mapping["authors"]?.mark ?? .none))
        }
        var version = mapping["format_version"]?.pythonString
        if version == "0.2.0" || version == "0.2.1" { version = "0.2.2" }
        if version == "0.2.2" {
            removeSlashesFromNames(&mapping)
            version = "0.2.3"
        }
        if version == "0.2.3" {
            if let bioimageio = mapping["config"]?.mapping?["bioimageio"]?.mapping {
                if let nickname = bioimageio["nickname"], !nickname.isNull { mapping.put("id", nickname) }
                if let icon = bioimageio["nickname_icon"], !icon.isNull { mapping.put("id_emoji", icon) }
            }
            version = "0.2.4"
        }
        if let version, version != formatVersion.pythonString {
            mapping.put("format_version", .string(version, mark: formatVersion.mark))
        }
        removeDOIPrefixes(&mapping)
        removeGitHubPrefixes(&mapping)
        return .mapping(mapping, mark: node.mark)
    }

    /// The conversions the 0.3.4 description class applies to a document whose format version is
    /// before 0.3.4: 0.2 data gets ``upgrade(_:)``, `attachments.files` → `[{source}]`, drops
    /// `download_url` and `rdf_source`, and name characters outside `A-Za-z0-9_+- ()` become
    /// spaces (cut to 128); before 0.3.4, plain-string documentation, covers and icons longer than
    /// two characters are wrapped as `{source: …}`. `format_version` becomes `0.3.4`.
    ///
    /// `.tif` covers are not converted to PNG (the reference writes them into a cache folder).
    public static func upgradeWithinV03(_ node: YAMLNode) -> YAMLNode {
        guard var mapping = node.mapping else { return node }
        let raw = mapping["format_version"]
        guard let text = raw?.pythonString ?? (raw == nil ? "0.2.0" : nil), Leaf.isPEP440Version(text) else { return node }
        let release = releaseNumbers(text)
        if release.lexicographicallyPrecedes([0, 3]) {
            guard let upgraded = upgrade(.mapping(mapping, mark: node.mark)).mapping else { return node }
            mapping = upgraded
            if let attachments = mapping["attachments"], let attachmentMapping = attachments.mapping {
                let files = attachmentMapping["files"]?.sequence ?? []
                mapping.put("attachments", .sequence(files.map { .mapping(["source": $0], mark: $0.mark) }, mark: attachments.mark))
            }
            mapping.remove("download_url")
            mapping.remove("rdf_source")
            if let name = mapping["name"], let nameText = name.pythonString {
                let cleaned = String(nameText.map { ResourceMetadata.nameAlphabet.contains($0) ? $0 : " " }.prefix(128))
                mapping.put("name", .string(cleaned, mark: name.mark))
            }
        }
        if release.lexicographicallyPrecedes([0, 3, 4]) || (release == [0, 3, 4] && text.contains(where: { $0.isLetter && $0 != "v" && $0 != "V" })) {
            wrapPlainFiles(&mapping)
        }
        mapping.put("format_version", .string(GenericDescription.implementedFormatVersion, mark: raw?.mark ?? .none))
        return .mapping(mapping, mark: node.mark)
    }

    /// The 0.3.4 document the reference's dataset class builds from a valid 0.2 dataset (its
    /// `_convert` step): files wrapped as `{source}` (the icon too), normalised names and id, and
    /// `id_emoji`, `version_number`, `download_url` and `rdf_source` dropped. Unlike the generic
    /// conversion, the name's characters are not replaced.
    public static func datasetFromV02(_ node: YAMLNode, validated old: GenericDescriptionV02) -> YAMLNode {
        guard let raw = upgrade(node).mapping else { return node }
        func wrapped(_ value: YAMLNode) -> YAMLNode { .mapping(["source": value], mark: value.mark) }
        func truthy(_ value: YAMLNode?) -> YAMLNode? {
            guard let value, !value.isNull, value.pythonString != "" else { return nil }
            return value
        }
        func renamed(_ persons: YAMLNode?, _ names: [String?]) -> YAMLNode? {
            guard let persons, let items = persons.sequence else { return persons }
            return .sequence(items.enumerated().map { index, person in
                guard var mapping = person.mapping, index < names.count else { return person }
                if let name = names[index] { mapping.put("name", .string(name, mark: mapping["name"]?.mark ?? person.mark)) }
                return .mapping(mapping, mark: person.mark)
            }, mark: persons.mark)
        }
        var out = YAMLMapping()
        let files = raw["attachments"]?.mapping?["files"]?.sequence ?? []
        out.put("attachments", .sequence(files.map(wrapped), mark: raw["attachments"]?.mark ?? node.mark))
        if let authors = renamed(raw["authors"], old.metadata.authors.map(\.name)) { out.put("authors", authors) }
        for key in ["badges", "cite", "config", "description"] { if let value = raw[key] { out.put(key, value) } }
        if let covers = raw["covers"], let items = covers.sequence { out.put("covers", .sequence(items.map(wrapped), mark: covers.mark)) }
        if let documentation = truthy(raw["documentation"]) { out.put("documentation", wrapped(documentation)) }
        out.put("format_version", .string(GenericDescription.implementedFormatVersion, mark: raw["format_version"]?.mark ?? node.mark))
        if let gitRepo = raw["git_repo"] { out.put("git_repo", gitRepo) }
        if let icon = truthy(raw["icon"]) { out.put("icon", wrapped(icon)) }
        if let id = old.id { out.put("id", .string(id, mark: raw["id"]?.mark ?? node.mark)) }
        for key in ["license", "links"] { if let value = raw[key] { out.put(key, value) } }
        if let maintainers = renamed(raw["maintainers"], old.metadata.maintainers.map(\.name)) { out.put("maintainers", maintainers) }
        for key in ["name", "source", "tags", "type"] { if let value = raw[key] { out.put(key, value) } }
        if let uploader = raw["uploader"], var mapping = uploader.mapping {
            if let name = old.metadata.uploader?.name { mapping.put("name", .string(name, mark: mapping["name"]?.mark ?? uploader.mark)) }
            out.put("uploader", .mapping(mapping, mark: uploader.mark))
        }
        if let version = raw["version"] { out.put("version", version) }
        return .mapping(out, mark: node.mark)
    }

    /// The release numbers of a PEP 440 version (`v1!0.3.4rc1` → `[0, 3, 4]`), trailing zeros dropped.
    static func releaseNumbers(_ text: String) -> [Int] {
        var body = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        if body.first == "v" { body = body.dropFirst() }
        if let bang = body.firstIndex(of: "!") { body = body[body.index(after: bang)...] }
        let digits = body.prefix { $0.isNumber || $0 == "." }
        var numbers = digits.split(separator: ".").compactMap { Int($0) }
        while numbers.last == 0 { numbers.removeLast() }
        return numbers
    }

    /// Wraps plain-string documentation, covers and icons (longer than two characters) as `{source: …}`.
    static func wrapPlainFiles(_ mapping: inout YAMLMapping) {
        if let documentation = mapping["documentation"], documentation.pythonString != nil {
            mapping.put("documentation", .mapping(["source": documentation], mark: documentation.mark))
        }
        if let covers = mapping["covers"], let items = covers.sequence {
            mapping.put("covers", .sequence(items.map { $0.pythonString != nil ? .mapping(["source": $0], mark: $0.mark) : $0 }, mark: covers.mark))
        }
        if let icon = mapping["icon"], let text = icon.pythonString, text.unicodeScalars.count > 2 {
            mapping.put("icon", .mapping(["source": icon], mark: icon.mark))
        }
    }

    /// Removes `/` and `\\` from `name` and from author and maintainer names.
    static func removeSlashesFromNames(_ mapping: inout YAMLMapping) {
        if let name = mapping["name"], let text = name.pythonString {
            mapping.put("name", .string(PersonFields.removingSlashes(text), mark: name.mark))
        }
        for group in ["authors", "maintainers"] {
            guard let persons = mapping[group], let items = persons.sequence else { continue }
            mapping.put(group, .sequence(items.map { person in
                guard var personMapping = person.mapping, let name = personMapping["name"], let text = name.pythonString else { return person }
                personMapping.put("name", .string(PersonFields.removingSlashes(text), mark: name.mark))
                return .mapping(personMapping, mark: person.mark)
            }, mark: persons.mark))
        }
    }

    /// Strips `https://doi.org/` and `http://dx.doi.org/` from `cite[*].doi`.
    static func removeDOIPrefixes(_ mapping: inout YAMLMapping) {
        guard let cite = mapping["cite"], let entries = cite.sequence else { return }
        mapping.put("cite", .sequence(entries.map { entry in
            guard var entryMapping = entry.mapping, let doi = entryMapping["doi"], let text = doi.pythonString,
                  let prefix = Leaf.doiPrefixes.first(where: { text.hasPrefix($0) }) else { return entry }
            entryMapping.put("doi", .string(String(text.dropFirst(prefix.count)), mark: doi.mark))
            return .mapping(entryMapping, mark: entry.mark)
        }, mark: cite.mark))
    }

    /// Strips `https://github.com/` from author and maintainer `github_user`.
    static func removeGitHubPrefixes(_ mapping: inout YAMLMapping) {
        for group in ["authors", "maintainers"] {
            guard let persons = mapping[group], let items = persons.sequence else { continue }
            mapping.put(group, .sequence(items.map { person in
                guard var personMapping = person.mapping, let user = personMapping["github_user"], let text = user.pythonString,
                      text.hasPrefix("https://github.com/") else { return person }
                personMapping.put("github_user", .string(String(text.dropFirst("https://github.com/".count)), mark: user.mark))
                return .mapping(personMapping, mark: person.mark)
            }, mark: persons.mark))
        }
    }
}

extension YAMLMapping {
    /// Sets `key` to `value`, in place when present (keeping the key's position), else appended.
    fileprivate mutating func put(_ key: String, _ value: YAMLNode) {
        if let index = entries.firstIndex(where: { $0.key.string == key }) {
            entries[index].value = value
        } else {
            entries.append(Entry(key: .string(key), value: value))
        }
    }

    /// Removes `key` when present.
    fileprivate mutating func remove(_ key: String) {
        entries.removeAll { $0.key.string == key }
    }
}
