import BioImageYAML

/// An ordered mapping under construction: keys are written in the order they are set, and `nil`
/// values are skipped (the reference's `exclude_defaults` style).
struct NodeBuilder {
    var mapping = YAMLMapping()

    mutating func set(_ key: String, _ value: YAMLNode?) {
        if let value { mapping.entries.append(.init(key: .string(key), value: value)) }
    }

    mutating func set(_ key: String, _ value: String?) { set(key, value.map { YAMLNode.string($0) }) }

    var node: YAMLNode { .mapping(mapping) }
}

extension YAMLNode {
    /// A sequence of encoded items, or `nil` for an empty list (a default the writer omits).
    static func nonEmpty<T>(_ items: [T], _ encode: (T) -> YAMLNode) -> YAMLNode? {
        items.isEmpty ? nil : .sequence(items.map(encode))
    }
}

extension ModelDescription {
    /// The description as a YAML tree in the reference's key order (Appendix C), leaving out
    /// fields equal to their defaults; validating it gives back an equal description.
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        b.set("name", name)
        b.set("description", description.isEmpty ? nil : description)
        b.set("covers", .nonEmpty(covers, ModelYAML.file))
        b.set("documentation", documentation.map(ModelYAML.file))
        b.set("id_emoji", idEmoji)
        b.set("authors", .nonEmpty(authors, ModelYAML.author))
        b.set("attachments", .nonEmpty(attachments, ModelYAML.file))
        b.set("cite", .nonEmpty(cite, ModelYAML.cite))
        switch license {
        case .spdx(let id)?: b.set("license", id)
        case .file(let file)?: b.set("license", ModelYAML.file(file))
        case nil: break
        }
        b.set("git_repo", gitRepo)
        switch icon {
        case .text(let text)?: b.set("icon", text)
        case .file(let file)?: b.set("icon", ModelYAML.file(file))
        case nil: break
        }
        b.set("links", .nonEmpty(links) { .string($0) })
        b.set("uploader", uploader.map { u in
            var n = NodeBuilder()
            n.set("email", u.email)
            n.set("name", u.name)
            return n.node
        })
        b.set("maintainers", .nonEmpty(maintainers, ModelYAML.maintainer))
        b.set("tags", .nonEmpty(tags) { .string($0) })
        b.set("version", version)
        b.set("version_comment", versionComment)
        b.set("format_version", Self.formatVersion)
        b.set("type", "model")
        b.set("id", id)
        b.set("inputs", .sequence(inputs.map(\.yamlNode)))
        b.set("outputs", .sequence(outputs.map(\.yamlNode)))
        b.set("packaged_by", .nonEmpty(packagedBy, ModelYAML.author))
        b.set("parent", parent.map(ModelYAML.link))
        b.set("run_mode", runMode.map { mode in
            var n = NodeBuilder()
            n.set("name", mode.name)
            n.set("kwargs", mode.kwargs.node)
            return n.node
        })
        b.set("timestamp", timestamp)
        switch trainingData {
        case .linked(let link)?: b.set("training_data", ModelYAML.link(link))
        case .inline(let value)?: b.set("training_data", value.node)
        case nil: break
        }
        b.set("weights", weights.yamlNode)
        b.set("config", config == ModelConfig() ? nil : config.yamlNode)
        return b.node
    }

    /// The description as YAML text (block style, the reference's indentation).
    public func yamlText() throws(YAMLError) -> String {
        try YAMLEmitter().emit(yamlNode)
    }
}

/// Encoders for the shared nodes (people, citations, files, links) in the model's key order.
enum ModelYAML {
    static func file(_ file: FileDescription) -> YAMLNode {
        var b = NodeBuilder()
        b.set("source", file.source)
        b.set("sha256", file.sha256)
        return b.node
    }

    static func author(_ author: Author) -> YAMLNode {
        person(affiliation: author.affiliation, email: author.email, orcid: author.orcid, name: author.name, githubUser: author.githubUser)
    }

    static func maintainer(_ maintainer: Maintainer) -> YAMLNode {
        person(affiliation: maintainer.affiliation, email: maintainer.email, orcid: maintainer.orcid, name: maintainer.name,
               githubUser: maintainer.githubUser)
    }

    /// An author or maintainer in the reference's key order (null fields left out).
    private static func person(affiliation: String?, email: String?, orcid: String?, name: String?, githubUser: String?) -> YAMLNode {
        var b = NodeBuilder()
        b.set("affiliation", affiliation)
        b.set("email", email)
        b.set("orcid", orcid)
        b.set("name", name)
        b.set("github_user", githubUser)
        return b.node
    }

    static func cite(_ entry: CiteEntry) -> YAMLNode {
        var b = NodeBuilder()
        b.set("text", entry.text)
        b.set("doi", entry.doi)
        b.set("url", entry.url)
        return b.node
    }

    static func link(_ link: LinkedResource) -> YAMLNode {
        var b = NodeBuilder()
        b.set("version", link.version)
        b.set("id", link.id)
        return b.node
    }

    static func axisIDs(_ axes: [String]?) -> YAMLNode? { axes.map { .sequence($0.map { .string($0) }) } }
}

extension InputTensorDescription {
    /// The tensor as YAML (Appendix C order, defaults left out).
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        b.set("id", id == "input" ? nil : id)
        b.set("description", description.isEmpty ? nil : description)
        b.set("axes", .sequence(axes.map { $0.yamlNode }))
        b.set("test_tensor", testTensor.map(ModelYAML.file))
        b.set("sample_tensor", sampleTensor.map(ModelYAML.file))
        b.set("data", data == .default ? nil : data.yamlNode)
        b.set("output_of", outputOf)
        b.set("optional", optional ? YAMLNode.bool(true) : nil)
        b.set("pad", pad?.yamlNode)
        b.set("preprocessing", .nonEmpty(preprocessing, \.yamlNode))
        return b.node
    }
}

extension OutputTensorDescription {
    /// The tensor as YAML (Appendix C order, defaults left out).
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        b.set("id", id == "output" ? nil : id)
        b.set("description", description.isEmpty ? nil : description)
        b.set("axes", .sequence(axes.map { $0.yamlNode }))
        b.set("test_tensor", testTensor.map(ModelYAML.file))
        b.set("sample_tensor", sampleTensor.map(ModelYAML.file))
        b.set("data", data == .default ? nil : data.yamlNode)
        b.set("postprocessing", .nonEmpty(postprocessing, \.yamlNode))
        return b.node
    }
}

extension Axis {
    /// The axis as YAML (Appendix C order, defaults left out).
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        switch self {
        case .batch(let axis):
            b.set("description", axis.description.isEmpty ? nil : axis.description)
            b.set("type", "batch")
            b.set("size", axis.size.map { YAMLNode.int($0) })
        case .channel(let axis):
            b.set("id", axis.id == "channel" ? nil : axis.id)
            b.set("description", axis.description.isEmpty ? nil : axis.description)
            b.set("type", "channel")
            b.set("channel_names", .sequence(axis.channelNames.map { .string($0) }))
        case .index(let axis):
            b.set("size", axis.size.yamlNode)
            b.set("id", axis.id == "index" ? nil : axis.id)
            b.set("description", axis.description.isEmpty ? nil : axis.description)
            b.set("type", "index")
            b.set("concatenable", axis.concatenable ? YAMLNode.bool(true) : nil)
        case .time(let axis), .space(let axis):
            b.set("halo", axis.halo.map { YAMLNode.int($0) })
            b.set("size", axis.size.yamlNode)
            let defaultID = type == "time" ? "time" : "x"
            b.set("id", axis.id == defaultID ? nil : axis.id)
            b.set("description", axis.description.isEmpty ? nil : axis.description)
            b.set("type", type)
            b.set("unit", axis.unit)
            b.set("scale", axis.scale == 1 ? nil : YAMLNode.float(axis.scale))
            b.set("concatenable", axis.concatenable ? YAMLNode.bool(true) : nil)
        }
        return b.node
    }
}

extension AxisSize {
    /// The size as YAML.
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        switch self {
        case .fixed(let value): return .int(value)
        case .parameterized(let size):
            b.set("min", .int(size.min))
            b.set("step", .int(size.step))
        case .reference(let reference):
            b.set("tensor_id", reference.tensorID)
            b.set("axis_id", reference.axisID)
            b.set("offset", reference.offset == 0 ? nil : YAMLNode.int(reference.offset))
        case .dataDependent(let size):
            b.set("min", size.min == 1 ? nil : YAMLNode.int(size.min))
            b.set("max", size.max.map { YAMLNode.int($0) })
        }
        return b.node
    }
}

extension TensorDataDescription {
    /// The data description as YAML.
    public var yamlNode: YAMLNode {
        switch self {
        case .single(let data): return data.yamlNode
        case .perChannel(let list): return .sequence(list.map(\.yamlNode))
        }
    }
}

extension TensorData {
    /// One data description as YAML (defaults left out, but never empty).
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        switch self {
        case .nominalOrOrdinal(let data):
            b.set("values", .sequence(data.values.map { value -> YAMLNode in
                switch value {
                case .int(let v): return .int(v)
                case .float(let v): return .float(v)
                case .bool(let v): return .bool(v)
                case .string(let v): return .string(v)
                }
            }))
            b.set("type", data.type.rawValue)
            b.set("unit", data.unit)
        case .intervalOrRatio(let data):
            b.set("type", data.type.rawValue)
            b.set("range", data.range == [nil, nil] ? nil : .sequence(data.range.map { $0.map(YAMLNode.float) ?? .null }))
            b.set("unit", data.unit == "arbitrary unit" ? nil : data.unit)
            b.set("scale", data.scale == 1 ? nil : YAMLNode.float(data.scale))
            b.set("offset", data.offset.map(YAMLNode.float))
        }
        return b.node
    }
}

extension Padding {
    /// The padding as YAML.
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        b.set("mode", mode)
        if case .constant(let value) = self, value != 0 { b.set("value", .float(value)) }
        return b.node
    }
}
