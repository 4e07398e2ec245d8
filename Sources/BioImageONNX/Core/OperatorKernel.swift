import BioImageTensor

/// A built operator: attributes decoded and checked once at load time, run on every call.
///
/// Kernels are values without per-call state, so one graph can run on several threads. Inputs
/// are positional; `nil` stands for an omitted optional input (empty name in the node).
package protocol OperatorKernel: Sendable {
    /// Computes the node's outputs, one per output name of the node (trailing optional outputs may
    /// be left out).
    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor]
}

/// What a kernel may use while running.
package struct KernelContext: Sendable {
    /// The number of threads the kernel may split work across.
    package var threads: Int

    package init(threads: Int) {
        self.threads = max(1, threads)
    }
}

/// Builds a kernel for one node, checking its attributes; throws for unsupported attributes or values.
package typealias KernelFactory = @Sendable (OperatorNode) throws(ONNXError) -> any OperatorKernel

/// The operators this runtime implements, by `opType` of the standard domain.
package enum OperatorRegistry {
    /// Every supported operator.
    package static let standard: [String: KernelFactory] = {
        var table: [String: KernelFactory] = [:]
        for part in [tensorOperators, linearAlgebraOperators, imageOperators] {
            table.merge(part) { first, _ in first }
        }
        return table
    }()

    /// Builds the kernel for `node`.
    /// - Throws: ``ONNXError/Code/unsupportedOperator`` naming the node and operator when it is not implemented.
    package static func kernel(for node: OperatorNode) throws(ONNXError) -> any OperatorKernel {
        guard node.domain.isEmpty || node.domain == "ai.onnx", let factory = standard[node.opType] else {
            throw node.error(.unsupportedOperator, "operator '\(node.domain.isEmpty ? "" : node.domain + ".")\(node.opType)' is not supported")
        }
        return try factory(node)
    }
}
