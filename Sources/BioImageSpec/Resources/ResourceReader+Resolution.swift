import Foundation

extension ResourceReader {
    /// The description file names in priority order (notes §g.1).
    public static let descriptionNames = ["rdf.yaml", "bioimageio.yaml", "model.yaml"]

    /// The description among `names`, as the reference picks it: names sorted alphabetically, then
    /// for each of ``descriptionNames`` in turn the first name equal to it or ending in `.` + it.
    /// In a zip, `sub/x.rdf.yaml` matches but `sub/rdf.yaml` does not.
    public static func findDescriptionName(in names: [String]) -> String? {
        let sorted = names.sorted()
        for candidate in descriptionNames {
            if let match = sorted.first(where: { $0 == candidate || $0.hasSuffix("." + candidate) }) { return match }
        }
        return nil
    }

    /// A reference resolved against the root.
    enum Resolved {
        case url(URL)
        case file(URL)
        case member(String, ZipArchive, location: String)
        case invalid(String)
    }

    /// Resolves `source` as the reference does (notes §g.2): an http(s) URL first, then a path
    /// relative to the root, then an absolute local path. `..` is not normalised (inside a zip it
    /// is an error).
    func resolve(_ source: String) -> Resolved {
        let lowered = source.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            guard let url = URL(string: source) else { return .invalid("\(source) is not a valid URL") }
            return .url(url)
        }
        if source.hasPrefix("/") { return .file(URL(fileURLWithPath: source)) }
        switch root {
        case .folder(let folder):
            return .file(folder.appendingPathComponent(source))
        case .zip(let archive, let location):
            let parts = source.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
            if parts.contains("..") || source.contains("\\") {
                return .invalid("\(source) leaves the package root of \(location)")
            }
            return .member(parts.joined(separator: "/"), archive, location: location)
        case .remote(let url):
            guard let joined = Self.join(root: url, relative: source) else { return .invalid("\(source) cannot be resolved against \(url.absoluteString)") }
            return .url(joined)
        }
    }

    /// `scheme://host/<root path>/<relative>` for a description at `root` (its last path segment
    /// removed), keeping the root's query and fragment; a Zenodo API URL
    /// (`…/api/records/<id>/files/<name>/content`) puts the relative path before `/content`.
    static func join(root: URL, relative: String) -> URL? {
        guard var components = URLComponents(url: root, resolvingAgainstBaseURL: false) else { return nil }
        var segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let relativePath = relative.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let isZenodo = segments.count >= 2 && segments.last == "content" && segments.contains("api") && segments.contains("records")
            && segments.dropLast(2).last == "files"
        if isZenodo {
            segments.removeLast(2)
            components.percentEncodedPath = "/" + (segments + [relativePath, "content"]).joined(separator: "/")
        } else {
            if !segments.isEmpty { segments.removeLast() }
            components.percentEncodedPath = "/" + (segments + [relativePath]).joined(separator: "/")
        }
        return components.url
    }

    /// A URL's file name: its last path segment, or the second-last for a Zenodo `…/content` URL.
    static func remoteFileName(_ url: URL) -> String {
        let segments = url.path.split(separator: "/").map(String.init)
        if segments.count >= 2, segments.last == "content", segments.contains("records") { return segments[segments.count - 2] }
        return segments.last ?? "rdf.yaml"
    }

    /// Whether the file starts with a zip signature (`PK\u{3}\u{4}` or an empty archive's `PK\u{5}\u{6}`).
    static func startsLikeZip(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        return head.count == 4 && head[head.startIndex] == 0x50 && head[head.startIndex + 1] == 0x4B
            && ((head[head.startIndex + 2] == 3 && head[head.startIndex + 3] == 4) || (head[head.startIndex + 2] == 5 && head[head.startIndex + 3] == 6))
    }

    /// A local file's bytes; a missing file says "<path> does not point to an existing file".
    static func readFile(_ url: URL, source: String) throws(ResourceError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ResourceError(code: .notFound, message: "\(url.path) does not point to an existing file", source: source)
        }
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw ResourceError(code: .ioFailure, message: "Cannot read \(url.path): \(error.localizedDescription)", source: source)
        }
    }

    /// A zip member's bytes (decompressed and CRC-checked by ``ZipArchive``).
    static func member(_ name: String, of archive: ZipArchive, location: String, source: String? = nil) throws(ResourceError) -> Data {
        guard let entry = archive.entry(named: name), !entry.isDirectory else {
            throw ResourceError(code: .notFound, message: "\(location)/\(name) does not point to an existing file", source: source ?? name)
        }
        do throws(ZipError) {
            return try archive.contents(of: entry)
        } catch {
            throw .archive(error, source: source ?? name)
        }
    }

    /// Python's repr of a list of strings, as the reference's "No rdf.yaml found in [...]" shows it.
    static func pythonList(_ names: [String]) -> String {
        "[" + names.map { "'\($0)'" }.joined(separator: ", ") + "]"
    }
}
