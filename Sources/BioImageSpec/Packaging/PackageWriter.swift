import BioImageYAML
import Foundation

/// Writes a bioimage.io package like the reference's `save_bioimageio_package` (notes §g.3): the
/// description plus every file it references, references rewritten to flat in-package names,
/// `sha256` values filled in, the description last.
///
/// ```swift
/// let reader = try ResourceReader(contentsOf: URL(fileURLWithPath: "model/rdf.yaml"))
/// try PackageWriter().write(reader, to: URL(fileURLWithPath: "model.zip"))
/// ```
///
/// The source is validated first (with io checks through the reader, so every hash is verified);
/// an invalid description is not packaged. Zips are written to a temporary file and moved into
/// place; folders are assembled in a temporary folder and moved, so a failure never leaves a
/// half-written package.
public struct PackageWriter: Sendable {
    /// How each file is stored (the reference: deflate level 1).
    public var method: ZipWriter.Method
    /// Model only: keep just the first of these weight formats that is present (its `parent` removed).
    public var weightsPriorityOrder: [String]?
    /// Keep URL references as URLs instead of fetching and packaging them.
    public var localFilesOnly: Bool
    /// Validate with io checks before packaging (the reference always does).
    public var performIOChecks: Bool

    /// Creates a writer with the reference's defaults.
    public init(method: ZipWriter.Method = .deflated(level: 1), weightsPriorityOrder: [String]? = nil,
                localFilesOnly: Bool = false, performIOChecks: Bool = true) {
        self.method = method
        self.weightsPriorityOrder = weightsPriorityOrder
        self.localFilesOnly = localFilesOnly
        self.performIOChecks = performIOChecks
    }

    /// The files of a package, in writing order (the description last).
    public struct Contents: Sendable {
        /// `(file name, bytes)` pairs; the last is the description.
        public var files: [(name: String, data: Data)]
        /// The rewritten description.
        public var description: YAMLNode
        /// The description's file name in the package.
        public var descriptionName: String
    }

    /// Validates the source and computes the package contents.
    public func contents(of reader: ResourceReader) throws(ResourceError) -> Contents {
        let document = try reader.parseDescription()
        let loader = DescriptionLoader(options: ValidationOptions(performIOChecks: performIOChecks, fileAccess: reader))
        let loaded = loader.load(document)
        guard let description = loaded.description, loaded.summary.status != .failed else {
            let reasons = loaded.summary.issues.filter(\.isError).map { "- \($0.path): \($0.message)" }.joined(separator: "\n")
            throw ResourceError(code: .invalidDescription, message: "Resource description is invalid:\n\(reasons)", source: reader.descriptionLocation)
        }
        var node: YAMLNode
        switch description {
        case .model(let model): node = model.yamlNode
        case .modelV04:
            // Kept as 0.4 (as the reference does), with the pre-0.4 upgrades applied.
            node = Self.settingFormatVersion(ModelUpgrades.upgradeToV04(document), to: ModelDescriptionV04.implementedFormatVersion)
        case .resource: node = document
        case .resourceV02: node = GenericUpgrades.upgrade(document)
        }
        if let order = weightsPriorityOrder { node = try Self.selectWeights(node, order: order) }
        let descriptionName = String(reader.descriptionName.split(separator: "/").last ?? "rdf.yaml")
        var packer = Packer(reader: reader, descriptionName: descriptionName, localFilesOnly: localFilesOnly)
        node = try packer.rewrite(node, path: [])
        if var mapping = node.mapping {
            mapping.entries.removeAll { $0.key.string == "rdf_source" }
            node = .mapping(mapping)
        }
        let text: String
        do throws(YAMLError) {
            text = try YAMLEmitter().emit(node)
        } catch {
            throw ResourceError(code: .packaging, message: "Cannot write the description: \(error.description)", source: descriptionName)
        }
        return Contents(files: packer.files + [(descriptionName, Data(text.utf8))], description: node, descriptionName: descriptionName)
    }

    /// Writes the package as a zip at `url` (temporary file, then moved into place).
    public func write(_ reader: ResourceReader, to url: URL) throws(ResourceError) {
        let writer = try zipWriter(for: contents(of: reader), source: url.path)
        do throws(ZipError) {
            try writer.write(to: url)
        } catch {
            throw .archive(error, source: url.path)
        }
    }

    /// The package as zip bytes in memory.
    public func archiveData(_ reader: ResourceReader) throws(ResourceError) -> Data {
        try zipWriter(for: contents(of: reader), source: nil).archiveData()
    }

    /// A zip writer holding every file of `contents`, with zip64 headers forced as the reference does.
    private func zipWriter(for contents: Contents, source: String?) throws(ResourceError) -> ZipWriter {
        var writer = ZipWriter()
        writer.forceZip64 = true
        do throws(ZipError) {
            for file in contents.files { try writer.add(name: file.name, data: file.data, method: method) }
        } catch {
            throw .archive(error, source: source)
        }
        return writer
    }

    /// Writes the package as a folder at `url` ("save as folder"): assembled in a temporary folder
    /// beside it, then moved into place (an existing folder at `url` is replaced).
    public func writeFolder(_ reader: ResourceReader, to url: URL) throws(ResourceError) {
        let contents = try contents(of: reader)
        let manager = FileManager.default
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            for file in contents.files { try file.data.write(to: temporary.appendingPathComponent(file.name)) }
            if manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
            try manager.moveItem(at: temporary, to: url)
        } catch {
            try? manager.removeItem(at: temporary)
            throw ResourceError(code: .ioFailure, message: "Cannot write the package folder \(url.path): \(error.localizedDescription)", source: url.path)
        }
    }

    /// `document` with `format_version` replaced.
    static func settingFormatVersion(_ document: YAMLNode, to version: String) -> YAMLNode {
        guard var mapping = document.mapping, let index = mapping.entry(forKey: "format_version") else { return document }
        mapping.entries[index].value = .string(version)
        return .mapping(mapping)
    }

    /// Keeps only the first format of `order` present under `weights`, without its `parent`.
    static func selectWeights(_ node: YAMLNode, order: [String]) throws(ResourceError) -> YAMLNode {
        guard var mapping = node.mapping, let index = mapping.entry(forKey: "weights"), let weights = mapping.entries[index].value.mapping else { return node }
        guard let chosen = order.first(where: { weights[$0] != nil }), var entry = weights[chosen] else {
            throw ResourceError(code: .packaging, message: "None of the weight formats in `weights_priority_order` (\(ModelSupport.pythonList(order))) is present in the given model.")
        }
        if var entryMapping = entry.mapping {
            entryMapping.entries.removeAll { $0.key.string == "parent" }
            entry = .mapping(entryMapping)
        }
        mapping.entries[index].value = .mapping(YAMLMapping([YAMLMapping.Entry(key: .string(chosen), value: entry)]))
        return .mapping(mapping)
    }
}
