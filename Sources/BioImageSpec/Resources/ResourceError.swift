import Foundation

/// An error opening a package or reading one of its files: what went wrong and for which source.
///
/// Codes are an open set (like swift-system's `Errno`), so adding one is not a breaking change.
public struct ResourceError: Error, Sendable, CustomStringConvertible {
    /// An open set of error kinds.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable, kebab-case identifier of the kind.
        public var rawValue: String
        /// Creates a code from its identifier.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The identifier.
        public var description: String { rawValue }

        /// The referenced file (or folder, or zip member) does not exist.
        public static let notFound = Code(rawValue: "not-found")
        /// No description file (`rdf.yaml`, `bioimageio.yaml`, `model.yaml`, `*.<one of them>`) was found.
        public static let noDescription = Code(rawValue: "no-description")
        /// A file's SHA-256 differs from the digest stated in the description.
        public static let hashMismatch = Code(rawValue: "hash-mismatch")
        /// A URL had to be fetched but the fetcher is offline.
        public static let offline = Code(rawValue: "offline")
        /// Fetching a URL failed (network error, HTTP status).
        public static let fetchFailed = Code(rawValue: "fetch-failed")
        /// The zip archive could not be read (the underlying ``ZipError`` is in the message).
        public static let archive = Code(rawValue: "archive")
        /// A reference cannot be resolved against the package root (for example `..` inside a zip).
        public static let invalidReference = Code(rawValue: "invalid-reference")
        /// Reading or writing a local file failed.
        public static let ioFailure = Code(rawValue: "io-failure")
        /// The description is invalid, so it cannot be packaged.
        public static let invalidDescription = Code(rawValue: "invalid-description")
        /// Packaging failed (file name clashes, reserved names, weights selection).
        public static let packaging = Code(rawValue: "packaging")
    }

    /// The kind of error.
    public var code: Code
    /// What went wrong, naming the file or URL.
    public var message: String
    /// The reference concerned, as written in the description (or the URL / path opened).
    public var source: String?
    /// For ``Code/hashMismatch``: the digest the description states.
    public var expectedSHA256: String?
    /// For ``Code/hashMismatch``: the digest of the bytes actually read.
    public var actualSHA256: String?
    /// The archive error behind a ``Code/archive`` error.
    public var zipError: ZipError?

    /// Creates an error.
    public init(code: Code, message: String, source: String? = nil, expectedSHA256: String? = nil,
                actualSHA256: String? = nil, zipError: ZipError? = nil) {
        self.code = code
        self.message = message
        self.source = source
        self.expectedSHA256 = expectedSHA256
        self.actualSHA256 = actualSHA256
        self.zipError = zipError
    }

    /// The reference's message for a hash mismatch when a file is opened:
    /// "SHA256 mismatch for <location>. Expected <expected>, got <actual>." (notes §g.2).
    static func hashMismatch(source: String, location: String, expected: String, actual: String) -> ResourceError {
        ResourceError(code: .hashMismatch, message: "SHA256 mismatch for \(location). Expected \(expected), got \(actual).",
                      source: source, expectedSHA256: expected, actualSHA256: actual)
    }

    /// Wraps a zip error.
    static func archive(_ error: ZipError, source: String?) -> ResourceError {
        ResourceError(code: .archive, message: error.description, source: source, zipError: error)
    }

    /// `resource error [code]: message`.
    public var description: String { "resource error [\(code.rawValue)]: \(message)" }
}
