import BioImageYAML

extension Leaf {
    /// Active SPDX ids, for membership tests.
    static let activeLicenseIDs = Set(SPDXLicenseList.activeIDs)
    /// Deprecated SPDX ids, for membership tests.
    static let deprecatedLicenseIDs = Set(SPDXLicenseList.deprecatedIDs)

    /// How a licence string relates to the SPDX list.
    enum LicenseKind: Sendable, Hashable {
        /// An active SPDX id.
        case active
        /// A deprecated SPDX id.
        case deprecated
        /// Not an SPDX id.
        case unknown
    }

    /// Classifies a licence id (exact, case-sensitive match).
    static func licenseKind(_ id: String) -> LicenseKind {
        if activeLicenseIDs.contains(id) { return .active }
        if deprecatedLicenseIDs.contains(id) { return .deprecated }
        return .unknown
    }

    /// A licence of model 0.5 / generic 0.3: an active or deprecated SPDX id, or a packaged file
    /// description (tried in that order).
    ///
    /// Returns the id or the file's source; a file gives the reference's "Custom license file"
    /// warning. When nothing matches, the three member errors are recorded at `path`.
    static func license(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        if let id = node.pythonString, licenseKind(id) != .unknown { return id }
        if node.mapping != nil {
            let attempt = context.trying { fileDescription(node, at: path, packaged: true, $0) }
            guard let file = attempt.value else {
                context.error("Input should be a valid string", type: "string_type", at: path, node: node)
                context.error("Input should be a valid string", type: "string_type", at: path, node: node)
                attempt.issues.forEach(context.append)
                return nil
            }
            context.warning("Custom license file provided. Consider using a standard SPDX license identifier for better FAIR compliance instead of pointing to \(file.source).",
                            at: path, node: node)
            return file.source
        }
        if node.pythonString != nil {
            context.error("Input should be \(Lax.quotedAlternatives(SPDXLicenseList.activeIDs))", type: "literal_error", at: path, node: node)
            context.error("Input should be \(Lax.quotedAlternatives(SPDXLicenseList.deprecatedIDs))", type: "literal_error", at: path, node: node)
        } else {
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
            context.error("Input should be a valid string", type: "string_type", at: path, node: node)
        }
        context.error("Input should be a valid dictionary or instance of FileDescr", type: "model_type", at: path, node: node)
        return nil
    }

    /// The 0.2 generic licence warning for a validated `license` string (or null): "missing", or a
    /// deprecated or unknown id (notes §f.1).
    static func warnLegacyGenericLicense(_ id: String?, at path: FieldPath, node: YAMLNode?, _ context: ValidationContext) {
        guard let id else {
            context.warning("missing", at: path, node: node)
            return
        }
        switch licenseKind(id) {
        case .active: break
        case .deprecated: context.warning("'\(id)' is a deprecated license identifier.", at: path, node: node)
        case .unknown: context.warning("'\(id)' is an unknown license identifier.", at: path, node: node)
        }
    }

    /// The 0.4 model licence warning: "Unknown license id '{value}'." for a string that is not an SPDX id.
    static func warnLegacyModelLicense(_ id: String, at path: FieldPath, node: YAMLNode?, _ context: ValidationContext) {
        if licenseKind(id) == .unknown {
            context.warning("Unknown license id '\(id)'.", at: path, node: node)
        }
    }
}
