import BioImageYAML
import Foundation

/// Opens a bioimage.io description from a folder, a zip file, zip bytes in memory or a URL, and
/// reads the files it references, verifying their SHA-256.
///
/// The reader finds the description inside a package as the reference does (notes §g.1), resolves
/// relative references against the package root (notes §g.2) and fetches URLs only through its
/// ``fetcher`` (``OfflineFetcher`` by default). It is the ``ValidationFileAccess`` of validation's
/// file-check mode:
///
/// ```swift
/// let reader = try ResourceReader(contentsOf: URL(fileURLWithPath: "model.zip"))
/// let loaded = try DescriptionLoader(options: ValidationOptions(performIOChecks: true)).load(package: reader)
/// let report = try reader.verifyReferencedFiles()    // every {source, sha256} pair, checked
/// ```
public struct ResourceReader: ValidationFileAccess {
    /// Where the description and its relative references live.
    public enum Root: Sendable {
        /// A folder on disk.
        case folder(URL)
        /// A zip archive; `location` is how it is named in messages (its path, or a given name).
        case zip(ZipArchive, location: String)
        /// A remote folder: the URL of the description itself.
        case remote(URL)
    }

    /// The package root.
    public let root: Root
    /// The description's file name (for a zip, its member name; for a URL, the file name).
    public let descriptionName: String
    /// How URLs are fetched.
    public var fetcher: any ResourceFetcher

    /// Creates a reader over an explicit root.
    public init(root: Root, descriptionName: String, fetcher: any ResourceFetcher = OfflineFetcher()) {
        self.root = root
        self.descriptionName = descriptionName
        self.fetcher = fetcher
    }

    /// Opens a package folder, finding its description among the regular files directly inside.
    public init(folder: URL, fetcher: any ResourceFetcher = OfflineFetcher()) throws(ResourceError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
        } catch {
            throw ResourceError(code: .notFound, message: "Cannot list the folder \(folder.path): \(error.localizedDescription)", source: folder.path)
        }
        guard let name = Self.findDescriptionName(in: names) else {
            throw ResourceError(code: .noDescription, message: "No rdf.yaml found in \(Self.pythonList(names.sorted()))", source: folder.path)
        }
        self.init(root: .folder(folder), descriptionName: name, fetcher: fetcher)
    }

    /// Opens a single description file; relative references resolve against its folder.
    public init(descriptionFile: URL, fetcher: any ResourceFetcher = OfflineFetcher()) {
        self.init(root: .folder(descriptionFile.deletingLastPathComponent()), descriptionName: descriptionFile.lastPathComponent, fetcher: fetcher)
    }

    /// Opens a zip package on disk.
    public init(zipFile: URL, limits: ZipLimits = ZipLimits(), fetcher: any ResourceFetcher = OfflineFetcher()) throws(ResourceError) {
        let archive: ZipArchive
        do throws(ZipError) {
            archive = try ZipArchive(contentsOf: zipFile, limits: limits)
        } catch {
            throw .archive(error, source: zipFile.path)
        }
        try self.init(archive: archive, location: zipFile.path, fetcher: fetcher)
    }

    /// Opens a zip package held in memory; `name` labels it in messages.
    public init(zipData: Data, name: String = "package.zip", limits: ZipLimits = ZipLimits(), fetcher: any ResourceFetcher = OfflineFetcher()) throws(ResourceError) {
        let archive: ZipArchive
        do throws(ZipError) {
            archive = try ZipArchive(data: zipData, limits: limits)
        } catch {
            throw .archive(error, source: name)
        }
        try self.init(archive: archive, location: name, fetcher: fetcher)
    }

    /// Opens an opened archive, finding the description among all member names.
    public init(archive: ZipArchive, location: String, fetcher: any ResourceFetcher = OfflineFetcher()) throws(ResourceError) {
        let names = archive.entries.filter { !$0.isDirectory }.map(\.name)
        guard let name = Self.findDescriptionName(in: names) else {
            throw ResourceError(code: .noDescription, message: "No rdf.yaml found in \(Self.pythonList(names.sorted()))", source: location)
        }
        self.init(root: .zip(archive, location: location), descriptionName: name, fetcher: fetcher)
    }

    /// Opens a remote description or zip package through `fetcher`: a URL whose path ends in
    /// `.zip` (or whose bytes start a zip) is a package; anything else is the description itself.
    public init(remote url: URL, limits: ZipLimits = ZipLimits(), fetcher: any ResourceFetcher) throws(ResourceError) {
        let name = Self.remoteFileName(url)
        if name.lowercased().hasSuffix(".zip") {
            let data = try fetcher.fetch(url, sha256: nil)
            try self.init(zipData: data, name: url.absoluteString, limits: limits, fetcher: fetcher)
        } else {
            self.init(root: .remote(url), descriptionName: name, fetcher: fetcher)
        }
    }

    /// Opens whatever `url` names: an http(s) URL (see ``init(remote:limits:fetcher:)``), a folder,
    /// a zip file (recognised by its first bytes) or a description file.
    public init(contentsOf url: URL, limits: ZipLimits = ZipLimits(), fetcher: any ResourceFetcher = OfflineFetcher()) throws(ResourceError) {
        if let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" {
            try self.init(remote: url, limits: limits, fetcher: fetcher)
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ResourceError(code: .notFound, message: "\(url.path) does not exist", source: url.path)
        }
        if isDirectory.boolValue {
            try self.init(folder: url, fetcher: fetcher)
        } else if Self.startsLikeZip(url) {
            try self.init(zipFile: url, limits: limits, fetcher: fetcher)
        } else {
            self.init(descriptionFile: url, fetcher: fetcher)
        }
    }

    // MARK: The description

    /// The bytes of the description file.
    public func descriptionData() throws(ResourceError) -> Data {
        switch root {
        case .zip(let archive, let location): return try Self.member(descriptionName, of: archive, location: location)
        case .folder(let folder): return try Self.readFile(folder.appendingPathComponent(descriptionName), source: descriptionName)
        case .remote(let url): return try fetcher.fetch(url, sha256: nil)
        }
    }

    /// The parsed description document.
    public func parseDescription() throws(ResourceError) -> YAMLNode {
        let data = try descriptionData()
        do throws(YAMLError) {
            return try YAMLParser().parse(data)
        } catch {
            throw ResourceError(code: .invalidDescription, message: "\(descriptionLocation): \(error.description)", source: descriptionName)
        }
    }

    /// The description's location as messages show it.
    public var descriptionLocation: String { location(of: descriptionName) }

    // MARK: Referenced files (ValidationFileAccess)

    /// Whether `source` can be read: a zip member or a regular file; URLs are assumed to exist
    /// (they are fetched only when read).
    public func exists(_ source: String) -> Bool {
        switch resolve(source) {
        case .url: return true
        case .file(let url):
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        case .member(let name, let archive, _): return archive.entry(named: name).map { !$0.isDirectory } ?? false
        case .invalid: return false
        }
    }

    /// The bytes of `source`, resolved against the root; URLs go through ``fetcher``.
    public func contents(of source: String) throws(ResourceError) -> Data {
        try contents(of: source, sha256: nil)
    }

    /// The bytes of `source`, verified against `sha256` when given: a mismatch throws
    /// ``ResourceError/Code/hashMismatch`` naming the location and both digests.
    public func contents(of source: String, sha256 expected: String?) throws(ResourceError) -> Data {
        let data: Data
        switch resolve(source) {
        case .url(let url): data = try fetcher.fetch(url, sha256: expected)
        case .file(let url): data = try Self.readFile(url, source: source)
        case .member(let name, let archive, let location): data = try Self.member(name, of: archive, location: location, source: source)
        case .invalid(let message): throw ResourceError(code: .invalidReference, message: message, source: source)
        }
        if let expected {
            let actual = SHA256.hash(data: data).hexString
            if actual != expected.lowercased() {
                throw .hashMismatch(source: source, location: location(of: source), expected: expected, actual: actual)
            }
        }
        return data
    }

    /// Where `source` resolves: an absolute path, `<zip>/<member>` or a URL.
    public func location(of source: String) -> String {
        switch resolve(source) {
        case .url(let url): return url.absoluteString
        case .file(let url): return url.path
        case .member(let name, _, let location): return "\(location)/\(name)"
        case .invalid: return source
        }
    }
}
