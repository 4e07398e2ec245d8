/// Fuses an activation that directly follows a convolution into the convolution's kernel.
///
/// CONTRACT: the graph builder calls `apply` on the nodes in topological order before building
/// kernels; values in `protectedValues` (graph outputs) must stay observable.
package enum ConvActivationFusion {
    /// Returns the nodes with fusible `Conv → activation` pairs merged (currently none).
    package static func apply(_ nodes: [OperatorNode], protectedValues: Set<String>) -> [OperatorNode] {
        nodes
    }
}
