import Foundation

extension DescriptionLoader {
    /// Loads the description of a package opened by `reader`; when ``ValidationOptions/performIOChecks``
    /// is on, the file checks (existence, SHA-256, test and sample tensors, documentation) read
    /// through `reader`.
    ///
    /// - Throws: ``ResourceError`` when the description file cannot be read or is not valid YAML;
    ///   every other problem (a hash mismatch included) is an issue in the summary.
    public func load(package reader: ResourceReader) throws(ResourceError) -> LoadedDescription {
        let document = try reader.parseDescription()
        var options = self.options
        if options.performIOChecks { options.fileAccess = reader }
        return DescriptionLoader(options: options).load(document)
    }
}
