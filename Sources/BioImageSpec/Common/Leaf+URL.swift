import BioImageYAML
import Foundation

extension Leaf {
    /// The longest URL pydantic's `HttpUrl` accepts.
    static let maxURLLength = 2083

    /// The parts of an http(s) URL, normalised as pydantic prints it.
    struct ParsedURL: Sendable, Hashable {
        /// `http` or `https`, lower-cased.
        var scheme: String
        /// The host, lower-cased.
        var host: String
        /// The path, at least `/`, with spaces percent-encoded.
        var path: String
        /// The URL as pydantic serialises it.
        var text: String
    }

    /// Why a text is not an http(s) URL: pydantic's message and error type.
    struct URLFailure: Error, Sendable {
        /// The message.
        var message: String
        /// The pydantic error type (`url_parsing`, `url_scheme`, `url_too_long`).
        var type: String
    }

    /// Parses an http(s) URL as pydantic's `HttpUrl` does (WHATWG parsing of special schemes).
    /// Characters a host may not contain (the WHATWG forbidden host code points we check).
    private static let forbiddenHostBytes: Set<UInt8> = Set(" \t\n\r#%/:<>?@[\\]^|".utf8)

    /// `raw` without leading and trailing spaces and C0/C1 control characters (what pydantic strips).
    private static func trimmingSpacesAndControls(_ raw: String) -> String {
        func strip(_ scalar: Unicode.Scalar) -> Bool { scalar.value <= 0x20 || (0x7F...0x9F).contains(scalar.value) }
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !strip($0) }), let last = scalars.lastIndex(where: { !strip($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// `text` with every space written as `%20`.
    private static func escapingSpaces(_ text: String) -> String {
        guard text.utf8.contains(0x20) else { return text }
        var out = ""
        for character in text { if character == " " { out += "%20" } else { out.append(character) } }
        return out
    }

    static func parseHTTPURL(_ raw: String) -> Result<ParsedURL, URLFailure> {
        func parsing(_ reason: String) -> Result<ParsedURL, URLFailure> {
            .failure(URLFailure(message: "Input should be a valid URL, \(reason)", type: "url_parsing"))
        }
        let text = trimmingSpacesAndControls(raw)
        guard !text.isEmpty else { return parsing("input is empty") }
        // Work on the UTF-8 bytes: every delimiter is ASCII. (This runs for every file reference.)
        let bytes = Array(text.utf8)
        let n = bytes.count
        func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func isSchemeByte(_ b: UInt8) -> Bool { isAlpha(b) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E }
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        guard let colon = bytes.firstIndex(of: 0x3A), colon > 0, isAlpha(bytes[0]), bytes[0..<colon].allSatisfy(isSchemeByte) else {
            return parsing("relative URL without a base")
        }
        let scheme = string(0..<colon).lowercased()
        guard scheme == "http" || scheme == "https" else {
            return .failure(URLFailure(message: "URL scheme should be 'http' or 'https'", type: "url_scheme"))
        }
        var start = colon + 1
        while start < n, bytes[start] == 0x2F || bytes[start] == 0x5C { start += 1 }
        var authorityEnd = start
        while authorityEnd < n, ![0x2F, 0x5C, 0x3F, 0x23].contains(bytes[authorityEnd]) { authorityEnd += 1 }
        var hostStart = start
        if let at = bytes[start..<authorityEnd].lastIndex(of: 0x40) { hostStart = at + 1 }
        var hostEnd = authorityEnd
        var port = ""
        if hostStart < authorityEnd, bytes[hostStart] != 0x5B, let portColon = bytes[hostStart..<authorityEnd].lastIndex(of: 0x3A) {
            hostEnd = portColon
            port = string((portColon + 1)..<authorityEnd)
        }
        guard hostEnd > hostStart else { return parsing("empty host") }
        if !port.isEmpty {
            guard port.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(port), number <= 65535 else {
                return parsing("invalid port number")
            }
        }
        if bytes[hostStart] != 0x5B, bytes[hostStart..<hostEnd].contains(where: { $0 < 0x21 || forbiddenHostBytes.contains($0) }) {
            return parsing("invalid international domain name")
        }
        let queryStart = bytes[authorityEnd...].firstIndex(where: { $0 == 0x3F || $0 == 0x23 }) ?? n
        var path: [UInt8] = []
        path.reserveCapacity(queryStart - authorityEnd + 8)
        for b in bytes[authorityEnd..<queryStart] {
            if b == 0x5C { path.append(0x2F) } else if b == 0x20 { path.append(contentsOf: [0x25, 0x32, 0x30]) } else { path.append(b) }
        }
        if path.isEmpty { path = [0x2F] }
        let pathText = String(decoding: path, as: UTF8.self)
        let tail = escapingSpaces(string(queryStart..<n))
        let defaultPort = scheme == "http" ? "80" : "443"
        let portText = port.isEmpty || port == defaultPort ? "" : ":\(Int(port) ?? 0)"
        let lowerHost = string(hostStart..<hostEnd).lowercased()
        let normalized = "\(scheme)://\(lowerHost)\(portText)\(pathText)\(tail)"
        guard normalized.unicodeScalars.count <= maxURLLength, text.unicodeScalars.count <= maxURLLength else {
            return .failure(URLFailure(message: "URL should have at most \(maxURLLength) characters", type: "url_too_long"))
        }
        return .success(ParsedURL(scheme: scheme, host: lowerHost, path: pathText, text: normalized))
    }

    /// An http(s) URL with a host, at most 2083 characters; returns it normalised as pydantic does.
    static func httpURL(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context) else { return nil }
        switch parseHTTPURL(text) {
        case .success(let url): return url.text
        case .failure(let failure):
            context.error(failure.message, type: failure.type, at: path, node: node)
            return nil
        }
    }

    /// A file source: an http(s) URL, a relative path, or an absolute path (notes §a.1 `FileSource`).
    ///
    /// When no member matches, the three member errors are recorded at `path`, as the reference
    /// reports them (their union labels normalise away).
    static func fileSource(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        fileSourceValue(node, at: path, context).map(\.text)
    }

    /// A validated file source and what kind it is.
    struct FileSourceValue: Sendable, Hashable {
        /// The source as the reference serialises it.
        var text: String
        /// The URL parts, for a URL.
        var url: ParsedURL?
        /// Whether this is an absolute local path.
        var isAbsolutePath: Bool

        /// The file name: the last path segment (for Zenodo `/content` URLs, the one before).
        var fileName: String {
            if let url {
                let segments = url.path.split(separator: "/", omittingEmptySubsequences: false)
                if url.scheme == "https", url.host == "zenodo.org", url.path.hasPrefix("/api/records/"), url.path.hasSuffix("/content"), segments.count >= 2 {
                    return String(segments[segments.count - 2])
                }
                return String(segments.last ?? "")
            }
            return String(text.split(separator: "/").last ?? "")
        }

        /// The last suffix (`.md`), or `nil` when there is none, with the reference's rules.
        var lastSuffix: String? {
            if var path = url?.path {
                guard path.utf8.contains(0x2E) else { return nil }
                if let url, url.host == "zenodo.org", path.hasPrefix("/api/records/"), path.hasSuffix("/content") {
                    path = String(path.dropLast("/content".count))
                }
                return "." + (path.split(separator: ".", omittingEmptySubsequences: false).last ?? "")
            }
            let name = fileName
            guard !name.hasSuffix(".") else { return nil }
            let stripped = name.drop(while: { $0 == "." })
            let parts = stripped.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count > 1, let last = parts.last else { return nil }
            return "." + last
        }
    }

    /// Python's `str(PurePosixPath(text))`: repeated and trailing slashes and `.` segments removed.
    static func purePathText(_ text: String) -> String {
        let absolute = text.hasPrefix("/")
        let doubleRoot = text.hasPrefix("//") && !text.hasPrefix("///")
        let parts = text.split(separator: "/").filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if absolute { return (doubleRoot ? "//" : "/") + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The `FileSource` union, returning the kind of source found.
    static func fileSourceValue(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> FileSourceValue? {
        guard let text = node.pythonString else {
            // Non-strings (a YAML date included) fail all three members.
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
            context.error("Input is not a valid path for <class 'pathlib.PurePath'>", type: "path_type", at: path, node: node)
            context.error("Input is not a valid path for <class 'pathlib.Path'>", type: "path_type", at: path, node: node)
            return nil
        }
        let urlFailure: URLFailure
        switch parseHTTPURL(text) {
        case .success(let url): return FileSourceValue(text: url.text, url: url, isAbsolutePath: false)
        case .failure(let failure): urlFailure = failure
        }
        let pure = purePathText(text)
        let relativeMessage: String
        if pure == "." {
            relativeMessage = ". is not a valid file path."
        } else if pure.hasPrefix("/") {
            relativeMessage = "\(pure) is an absolute path."
        } else if let first = pure.split(separator: "/").first, first == "http:" || first == "https:" {
            relativeMessage = "\(pure) looks like an http url."
        } else {
            if context.options.performIOChecks, let access = context.options.fileAccess, !access.exists(pure) {
                context.valueError("\(access.location(of: pure)) does not point to an existing file", at: path, node: node)
                return nil
            }
            return FileSourceValue(text: pure, url: nil, isAbsolutePath: false)
        }
        if pure.hasPrefix("/"), context.options.fileAccess?.exists(pure) == true {
            return FileSourceValue(text: pure, url: nil, isAbsolutePath: true)
        }
        context.error(urlFailure.message, type: urlFailure.type, at: path, node: node)
        context.valueError(relativeMessage, at: path, node: node)
        context.error("Path does not point to a file", type: "path_not_file", at: path, node: node)
        return nil
    }

    /// File names reserved for description files (`rdf.yaml` and its alternatives).
    static let reservedDescriptionNames = ["rdf.yaml", "bioimageio.yaml", "model.yaml"]

    /// Whether `name` is `rdf.yaml`, `bioimageio.yaml`, `model.yaml` or ends in `.` + one of them.
    static func isReservedDescriptionName(_ name: String) -> Bool {
        reservedDescriptionNames.contains { name == $0 || name.hasSuffix("." + $0) }
    }

    /// The packaged-file rule: the file name must not be a reserved description name.
    static func checkNotReservedName(_ source: FileSourceValue, at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> Bool {
        guard isReservedDescriptionName(source.fileName) else { return true }
        reportReservedName(source.text, at: path, node: node, context)
        return false
    }

    /// The reserved-name error; `shown` is the value as the reference prints it.
    static func reportReservedName(_ shown: String, at path: FieldPath, node: YAMLNode, _ context: ValidationContext) {
        context.valueError("'\(shown)' not allowed here as its filename is reserved to identify 'rdf.yaml' (or equivalent) files.", at: path, node: node)
    }

    /// The `WithSuffix` rule: the last suffix must be one of `suffixes` (notes §b.7).
    static func checkSuffix(_ source: FileSourceValue, suffixes: [String], caseSensitive: Bool,
                            at path: FieldPath, node: YAMLNode, _ context: ValidationContext) -> Bool {
        let actual = source.lastSuffix ?? "no suffix"
        let matches = caseSensitive ? suffixes.contains(actual) : suffixes.map { $0.lowercased() }.contains(actual.lowercased())
        guard !matches else { return true }
        if suffixes.count == 1, let only = suffixes.first {
            context.valueError("Expected suffix \(only), but got \(actual)", at: path, node: node)
        } else {
            let tuple = "(" + suffixes.map { pythonRepr($0) }.joined(separator: ", ") + ")"
            context.valueError("Expected a suffix from \(tuple), but got \(actual)", at: path, node: node)
        }
        return false
    }

    /// A plain file source (0.2/0.4 style) with the optional packaged-name and suffix rules.
    static func fileSource(_ node: YAMLNode, at path: FieldPath, packaged: Bool, suffixes: [String]? = nil,
                           caseSensitiveSuffix: Bool = true, _ context: ValidationContext) -> String? {
        guard let source = fileSourceValue(node, at: path, context) else { return nil }
        if packaged, !checkNotReservedName(source, at: path, node: node, context) { return nil }
        if let suffixes, !checkSuffix(source, suffixes: suffixes, caseSensitive: caseSensitiveSuffix, at: path, node: node, context) { return nil }
        return source.text
    }
}
