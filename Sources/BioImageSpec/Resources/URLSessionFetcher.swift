import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The opt-in network fetcher: downloads with `URLSession` and keeps every file in a
/// ``FetchCache`` (keyed by SHA-256), so each file is downloaded once and reused offline.
///
/// ```swift
/// let reader = try ResourceReader(remote: url, fetcher: URLSessionFetcher())
/// ```
public struct URLSessionFetcher: ResourceFetcher {
    /// The on-disk cache, or `nil` for no caching.
    public var cache: FetchCache?
    /// The request timeout in seconds.
    public var timeout: TimeInterval

    /// Creates a fetcher caching into `cacheDirectory` (default ``FetchCache/defaultDirectory``).
    public init(cacheDirectory: URL? = FetchCache.defaultDirectory, timeout: TimeInterval = 60) {
        self.cache = cacheDirectory.map(FetchCache.init(directory:))
        self.timeout = timeout
    }

    /// The bytes at `url`, from the cache when a copy with digest `sha256` is there.
    public func fetch(_ url: URL, sha256: String?) throws(ResourceError) -> Data {
        if let cache {
            return try CachingFetcher(upstream: Downloader(timeout: timeout), cache: cache).fetch(url, sha256: sha256)
        }
        return try Downloader(timeout: timeout).fetch(url, sha256: sha256)
    }

    /// The uncached download.
    struct Downloader: ResourceFetcher {
        var timeout: TimeInterval

        func fetch(_ url: URL, sha256: String?) throws(ResourceError) -> Data {
            let box = ResultBox()
            let semaphore = DispatchSemaphore(value: 0)
            var request = URLRequest(url: url)
            request.timeoutInterval = timeout
            let task = URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    box.set(.failure(ResourceError(code: .fetchFailed, message: "Cannot fetch \(url.absoluteString): \(error.localizedDescription)", source: url.absoluteString)))
                } else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                    box.set(.failure(ResourceError(code: .fetchFailed, message: "Cannot fetch \(url.absoluteString): HTTP status \(http.statusCode)", source: url.absoluteString)))
                } else {
                    box.set(.success(data ?? Data()))
                }
                semaphore.signal()
            }
            task.resume()
            semaphore.wait()
            switch box.get() {
            case .success(let data)?: return data
            case .failure(let error)?: throw error
            case nil: throw ResourceError(code: .fetchFailed, message: "Cannot fetch \(url.absoluteString): no response", source: url.absoluteString)
            }
        }
    }

    /// A lock-protected result handed from the session's callback to the waiting caller.
    final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<Data, ResourceError>?
        func set(_ value: Result<Data, ResourceError>) { lock.lock(); result = value; lock.unlock() }
        func get() -> Result<Data, ResourceError>? { lock.lock(); defer { lock.unlock() }; return result }
    }
}
