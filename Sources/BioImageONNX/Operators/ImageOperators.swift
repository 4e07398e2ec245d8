extension OperatorRegistry {
    /// The operators defined in this part of the runtime, by `opType`.
    static let imageOperators: [String: KernelFactory] = [:]
}
