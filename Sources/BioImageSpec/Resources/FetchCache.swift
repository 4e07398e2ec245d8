import Foundation

/// An on-disk cache of downloaded files, keyed by SHA-256 so a file is downloaded once and then
/// reused offline.
///
/// A file with a known digest lives at `<directory>/sha256/<hex>` and is served only when its
/// bytes still hash to that digest; a file fetched without a digest lives under
/// `<directory>/url/<sha256 of the URL>`. Writes go to a temporary file that is then moved into
/// place, so a half-written download is never served.
public struct FetchCache: Sendable {
    /// The cache folder.
    public var directory: URL

    /// Creates a cache in `directory` (created on first store).
    public init(directory: URL) {
        self.directory = directory
    }

    /// The default folder: `$BIOIMAGEIO_CACHE_PATH` when set, otherwise `~/.cache/bioimageio-swift`.
    public static var defaultDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["BIOIMAGEIO_CACHE_PATH"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/bioimageio-swift", isDirectory: true)
    }

    /// Where the file for `url` (with digest `sha256`, if known) is kept.
    public func fileURL(for url: URL, sha256: String?) -> URL {
        if let sha256, SHA256Digest(hexString: sha256) != nil {
            return directory.appendingPathComponent("sha256").appendingPathComponent(sha256.lowercased())
        }
        let key = SHA256.hash(data: Data(url.absoluteString.utf8)).hexString
        return directory.appendingPathComponent("url").appendingPathComponent(key)
    }

    /// The cached bytes for `url`, or `nil`. With a digest, a cached file whose bytes no longer
    /// match it is ignored.
    public func cached(_ url: URL, sha256: String?) -> Data? {
        guard let data = try? Data(contentsOf: fileURL(for: url, sha256: sha256)) else { return nil }
        if let sha256, SHA256.hash(data: data).hexString != sha256.lowercased() { return nil }
        return data
    }

    /// Stores `data` for `url` (under its actual digest, and under the URL key when no digest was given).
    public func store(_ data: Data, for url: URL, sha256: String?) throws(ResourceError) {
        let actual = SHA256.hash(data: data).hexString
        var targets = [fileURL(for: url, sha256: actual)]
        if sha256 == nil { targets.append(fileURL(for: url, sha256: nil)) }
        for target in targets {
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).part")
                try data.write(to: temporary)
                if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
                try FileManager.default.moveItem(at: temporary, to: target)
            } catch {
                throw ResourceError(code: .ioFailure, message: "Cannot write the cache file \(target.path): \(error.localizedDescription)", source: url.absoluteString)
            }
        }
    }
}

/// A fetcher that serves from a ``FetchCache`` and asks `upstream` only on a miss, verifying and
/// storing what it downloads.
public struct CachingFetcher: ResourceFetcher {
    /// Where misses go.
    public var upstream: any ResourceFetcher
    /// The cache.
    public var cache: FetchCache

    /// Creates a caching fetcher.
    public init(upstream: any ResourceFetcher, cache: FetchCache) {
        self.upstream = upstream
        self.cache = cache
    }

    /// The cached copy, or `upstream`'s bytes (checked against `sha256`, then cached).
    public func fetch(_ url: URL, sha256: String?) throws(ResourceError) -> Data {
        if let data = cache.cached(url, sha256: sha256) { return data }
        let data = try upstream.fetch(url, sha256: sha256)
        let actual = SHA256.hash(data: data).hexString
        if let sha256, actual != sha256.lowercased() {
            throw ResourceError.hashMismatch(source: url.absoluteString, location: url.absoluteString, expected: sha256, actual: actual)
        }
        try cache.store(data, for: url, sha256: sha256)
        return data
    }
}
