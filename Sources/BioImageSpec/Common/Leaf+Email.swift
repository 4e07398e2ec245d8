import BioImageYAML

extension Leaf {
    /// The syntax problem of an e-mail address as the `email-validator` package words it, or
    /// `nil` when the syntax is acceptable.
    static func emailSyntaxProblem(_ text: String) -> String? {
        guard let at = text.lastIndex(of: "@") else { return "An email address must have an @-sign." }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        if local.isEmpty { return "There must be something before the @-sign." }
        if domain.isEmpty { return "There must be something after the @-sign." }
        if local.contains("..") || domain.contains("..") { return "An email address cannot have two periods in a row." }
        if local.hasPrefix(".") { return "An email address cannot start with a period." }
        if local.hasSuffix(".") { return "An email address cannot have a period immediately before the @-sign." }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
        let badLocal = local.filter { $0.isASCII && !atext.contains($0) }
        if !badLocal.isEmpty {
            let names = uniqueInOrder(badLocal.map(characterName))
            return "The email address contains invalid characters before the @-sign: \(names.joined(separator: ", "))."
        }
        if domain.hasPrefix(".") { return "An email address cannot have a period immediately after the @-sign." }
        if domain.hasPrefix("-") { return "An email address cannot have a hyphen immediately after the @-sign." }
        if domain.hasSuffix(".") { return "An email address cannot end with a period." }
        let domainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
        let badDomain = domain.filter { $0.isASCII && !domainCharacters.contains($0) }
        if !badDomain.isEmpty {
            let names = uniqueInOrder(badDomain.map(characterName))
            return "The part after the @-sign contains invalid characters: \(names.joined(separator: ", "))."
        }
        if !domain.contains(".") { return "The part after the @-sign is not valid. It should have a period." }
        return nil
    }

    private static func characterName(_ character: Character) -> String {
        switch character {
        case " ": return "SPACE"
        case "\t": return "TAB"
        default: return pythonRepr(String(character))
        }
    }

    private static func uniqueInOrder(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// An e-mail address (syntax only).
    static func email(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let text = Lax.string(node, at: path, context) else { return nil }
        if let problem = emailSyntaxProblem(text) {
            context.error("value is not a valid email address: \(problem)", type: "value_error", at: path, node: node)
            return nil
        }
        return text
    }
}
