import Foundation

/// Fetches the bytes of a URL: the only way a ``ResourceReader`` reaches the network.
///
/// The default is ``OfflineFetcher``, which never touches the network; ``URLSessionFetcher`` is
/// the opt-in downloader with an on-disk cache.
public protocol ResourceFetcher: Sendable {
    /// The bytes at `url`. When `sha256` is given the fetcher may serve a cached copy with that
    /// digest; the caller verifies the digest of what is returned either way.
    func fetch(_ url: URL, sha256: String?) throws(ResourceError) -> Data
}

/// A fetcher that refuses every URL with an error naming it (the default: no network access).
public struct OfflineFetcher: ResourceFetcher {
    /// Creates the fetcher.
    public init() {}

    /// Always throws ``ResourceError/Code/offline``, naming `url`.
    public func fetch(_ url: URL, sha256: String?) throws(ResourceError) -> Data {
        throw ResourceError(code: .offline,
                            message: "Cannot fetch \(url.absoluteString): no network access (the resource reader is offline; pass a URLSessionFetcher to allow downloads)",
                            source: url.absoluteString)
    }
}
