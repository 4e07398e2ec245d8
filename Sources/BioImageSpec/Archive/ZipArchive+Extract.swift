import Foundation

extension ZipArchive {
    /// Writes every entry under `directory` (created if needed) and returns the files written.
    ///
    /// Entry names were validated when the archive was opened (relative, no `..`, no drive letter), so a
    /// path can only land inside `directory`; each destination is still checked to be under it, and
    /// nothing is written for an entry that fails to decompress. Existing files are overwritten.
    /// `\` in names is kept as a literal character (it is not a separator in zip names).
    /// - Throws: any `contents(of:)` error, or `.ioFailure`.
    @discardableResult
    public func extract(to directory: URL) throws(ZipError) -> [URL] {
        let manager = FileManager.default
        let root = directory.standardizedFileURL
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var written: [URL] = []
        do {
            try manager.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw ZipError(code: .ioFailure, message: "cannot create '\(root.path)': \(error.localizedDescription)")
        }
        for entry in entries {
            let destination = root.appendingPathComponent(entry.name).standardizedFileURL
            guard destination.path.hasPrefix(rootPath) else {
                throw ZipError(
                    code: .pathTraversal, message: "the entry would be written outside '\(root.path)'", entryName: entry.name)
            }
            do {
                if entry.isDirectory {
                    try manager.createDirectory(at: destination, withIntermediateDirectories: true)
                    continue
                }
                let body = try contents(of: entry)
                try manager.createDirectory(
                    at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try body.write(to: destination, options: .atomic)
                written.append(destination)
            } catch let error as ZipError {
                throw error
            } catch {
                throw ZipError(
                    code: .ioFailure, message: "cannot write '\(destination.path)': \(error.localizedDescription)",
                    entryName: entry.name)
            }
        }
        return written
    }
}
