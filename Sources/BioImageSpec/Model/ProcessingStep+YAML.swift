import BioImageYAML

extension ProcessingStep {
    /// The step as YAML: `{id, kwargs}` (Appendix C key order inside `kwargs`, defaults left out).
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        if case .unsupported(let step) = self {
            // CustomProcessingDescr writes source/sha256 before id; the others id first.
            let fields = step.fields.node.mapping ?? YAMLMapping()
            if step.id == "custom" {
                b.set("source", fields["source"])
                b.set("sha256", fields["sha256"])
                b.set("id", step.id)
                b.set("callable", fields["callable"])
                b.set("kwargs", fields["kwargs"])
            } else {
                b.set("id", step.id)
                for entry in fields.entries { b.mapping.entries.append(entry) }
            }
            return b.node
        }
        b.set("id", id)
        var k = NodeBuilder()
        switch self {
        case .binarize(.threshold(let threshold)):
            k.set("threshold", .float(threshold))
        case .binarize(.alongAxis(let threshold, let axis)):
            k.set("threshold", .sequence(threshold.map(YAMLNode.float)))
            k.set("axis", axis)
        case .clip(let kwargs):
            k.set("min", kwargs.min.map(YAMLNode.float))
            k.set("min_percentile", kwargs.minPercentile.map(YAMLNode.float))
            k.set("max", kwargs.max.map(YAMLNode.float))
            k.set("max_percentile", kwargs.maxPercentile.map(YAMLNode.float))
            k.set("axes", ModelYAML.axisIDs(kwargs.axes))
        case .ensureDtype(let dtype):
            k.set("dtype", dtype.rawValue)
        case .fixedZeroMeanUnitVariance(.scalar(let mean, let std)):
            k.set("mean", .float(mean))
            k.set("std", .float(std))
        case .fixedZeroMeanUnitVariance(.alongAxis(let mean, let std, let axis)):
            k.set("mean", .sequence(mean.map(YAMLNode.float)))
            k.set("std", .sequence(std.map(YAMLNode.float)))
            k.set("axis", axis)
        case .scaleLinear(let kwargs):
            k.set("axis", kwargs.axis)
            let gain: YAMLNode = kwargs.gainIsList ? .sequence(kwargs.gain.map(YAMLNode.float)) : .float(kwargs.gain.first ?? 1)
            let offset: YAMLNode = kwargs.offsetIsList ? .sequence(kwargs.offset.map(YAMLNode.float)) : .float(kwargs.offset.first ?? 0)
            k.set("gain", !kwargs.gainIsList && kwargs.gain.first == 1 ? nil : gain)
            k.set("offset", !kwargs.offsetIsList && kwargs.offset.first == 0 ? nil : offset)
        case .scaleMeanVariance(let kwargs):
            k.set("reference_tensor", kwargs.referenceTensor)
            k.set("axes", ModelYAML.axisIDs(kwargs.axes))
            k.set("eps", kwargs.eps == 1e-6 ? nil : YAMLNode.float(kwargs.eps))
        case .scaleRange(let kwargs):
            k.set("axes", ModelYAML.axisIDs(kwargs.axes))
            k.set("min_percentile", kwargs.minPercentile == 0 ? nil : YAMLNode.float(kwargs.minPercentile))
            k.set("max_percentile", kwargs.maxPercentile == 100 ? nil : YAMLNode.float(kwargs.maxPercentile))
            k.set("eps", kwargs.eps == 1e-6 ? nil : YAMLNode.float(kwargs.eps))
            k.set("reference_tensor", kwargs.referenceTensor)
        case .sigmoid:
            return b.node
        case .softmax(let axis):
            k.set("axis", axis == "channel" ? nil : axis)
        case .zeroMeanUnitVariance(let kwargs):
            k.set("axes", ModelYAML.axisIDs(kwargs.axes))
            k.set("eps", kwargs.eps == 1e-6 ? nil : YAMLNode.float(kwargs.eps))
        case .unsupported:
            break
        }
        b.set("kwargs", k.node)
        return b.node
    }
}

extension WeightsDescription {
    /// The weights as YAML, one key per format in the reference's order.
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        for entry in entries { b.set(entry.format.rawValue, entry.yamlNode) }
        return b.node
    }
}

extension WeightsEntry {
    /// The entry as YAML (common fields, then the format's own).
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        b.set("source", source)
        b.set("sha256", sha256)
        b.set("authors", authors.map { .sequence($0.map(ModelYAML.author)) })
        b.set("parent", parent?.rawValue)
        b.set("comment", comment.isEmpty ? nil : comment)
        switch details {
        case .kerasHDF5(let tf), .tensorflowJS(let tf):
            b.set("tensorflow_version", tf)
        case .kerasV3(let keras, let backend, let backendVersion):
            b.set("keras_version", keras)
            b.set("backend", .sequence([.string(backend), .string(backendVersion)]))
        case .onnx(let opset, let external):
            b.set("opset_version", .int(opset))
            b.set("external_data", external.map(ModelYAML.file))
        case .pytorchStateDict(let architecture, let pytorch, let dependencies, let strict):
            var a = NodeBuilder()
            if let source = architecture.source {
                a.set("source", source)
                a.set("sha256", architecture.sha256)
                a.set("callable", architecture.callable)
                a.set("kwargs", architecture.kwargs.node.mapping?.isEmpty == false ? architecture.kwargs.node : nil)
            } else {
                a.set("callable", architecture.callable)
                a.set("kwargs", architecture.kwargs.node.mapping?.isEmpty == false ? architecture.kwargs.node : nil)
                a.set("import_from", architecture.importFrom)
            }
            b.set("architecture", a.node)
            b.set("pytorch_version", pytorch)
            b.set("dependencies", dependencies.map(ModelYAML.file))
            b.set("strict", strict ? nil : YAMLNode.bool(false))
        case .tensorflowSavedModelBundle(let tf, let dependencies):
            b.set("tensorflow_version", tf)
            b.set("dependencies", dependencies.map(ModelYAML.file))
        case .torchscript(let pytorch):
            b.set("pytorch_version", pytorch)
        }
        return b.node
    }
}

extension ModelConfig {
    /// The config as YAML: `bioimageio` first (tolerances always written out), then the other keys as given.
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        var bio = NodeBuilder()
        bio.set("reproducibility_tolerance", .sequence(bioimageio.reproducibilityTolerance.map(\.yamlNode)))
        for entry in bioimageio.fields.node.mapping?.entries ?? [] { bio.mapping.entries.append(entry) }
        b.set("bioimageio", bio.node)
        for entry in other.node.mapping?.entries ?? [] { b.mapping.entries.append(entry) }
        return b.node
    }
}

extension ReproducibilityTolerance {
    /// The entry as YAML; the three numbers are always written, as the reference does.
    public var yamlNode: YAMLNode {
        var b = NodeBuilder()
        b.set("mismatched_elements_per_million", .int(mismatchedElementsPerMillion))
        b.set("weights_formats", .nonEmpty(weightsFormats) { .string($0.rawValue) })
        b.set("relative_tolerance", .float(relativeTolerance))
        b.set("absolute_tolerance", .float(absoluteTolerance))
        switch outputs {
        case .ids(let ids): b.set("output_ids", .nonEmpty(ids) { .string($0) })
        case .anyContinuous: b.set("output_ids", "any_continuous_output")
        case .anyDiscrete: b.set("output_ids", "any_discrete_output")
        }
        return b.node
    }
}
