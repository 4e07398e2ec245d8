/// Which generation of the description formats a shared node is validated for: the legacy
/// formats (generic 0.2, model 0.4) or the current ones (generic 0.3, model 0.5). Nodes such as
/// ``Author`` and ``CiteEntry`` differ slightly between them (notes §a.3, §c.2, §f.1).
enum FormatGeneration: Sendable, Hashable {
    /// Generic/dataset/application/notebook 0.2 and model 0.4.
    case legacy
    /// Generic/dataset/application/notebook 0.3 and model 0.5.
    case current
}
