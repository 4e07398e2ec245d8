extension OperatorRegistry {
    /// The operators defined in this part of the runtime, by `opType`: pooling, normalisation,
    /// resampling, padding and element-wise activations (kernels under `Operators/Image/`).
    static let imageOperators: [String: KernelFactory] = makeImageOperators()

    private static func makeImageOperators() -> [String: KernelFactory] {
        var table: [String: KernelFactory] = [:]
        for name in ["Relu", "LeakyRelu", "Elu", "Selu", "Celu", "ThresholdedRelu", "Sigmoid", "HardSigmoid", "HardSwish",
                     "Tanh", "Erf", "Softplus", "Softsign", "Gelu"] {
            table[name] = buildActivationKernel
        }
        for name in ["MaxPool", "AveragePool", "LpPool", "GlobalMaxPool", "GlobalAveragePool", "GlobalLpPool"] {
            table[name] = buildPoolingKernel
        }
        table["Softmax"] = buildSoftmaxKernel
        table["LogSoftmax"] = buildSoftmaxKernel
        table["PRelu"] = buildPReluKernel
        table["Clip"] = buildClipKernel
        table["BatchNormalization"] = buildBatchNormalizationKernel
        table["InstanceNormalization"] = buildInstanceNormalizationKernel
        table["Resize"] = buildResizeKernel
        table["Upsample"] = buildResizeKernel
        table["Pad"] = buildPadKernel
        return table
    }
}

// Factories are plain functions: typed-throws closure literals stored in the table crash the
// Swift 6.3.1 SIL generator (signal 11), function references do not.
@Sendable private func buildActivationKernel(_ node: OperatorNode) throws(ONNXError) -> any OperatorKernel { try ActivationKernel(node: node) }
@Sendable private func buildPoolingKernel(_ node: OperatorNode) throws(ONNXError) -> any OperatorKernel { try PoolingKernel(node: node) }
@Sendable private func buildSoftmaxKernel(_ node: OperatorNode) throws(ONNXError) -> any OperatorKernel { try SoftmaxKernel(node: node) }
@Sendable private func buildPReluKernel(_ node: OperatorNode) throws(ONNXError) -> any OperatorKernel { try PReluKernel(node: node) }
@Sendable private func buildClipKernel(_ node: OperatorNode) throws(ONNXError) -> any OperatorKernel { try ClipKernel(node: node) }
@Sendable private func buildBatchNormalizationKernel(_ node: OperatorNode) throws(ONNXError) -> any OperatorKernel { try BatchNormalizationKernel(node: node) }
@Sendable private func buildInstanceNormalizationKernel(_ node: OperatorNode) throws(ONNXError) -> any OperatorKernel { try InstanceNormalizationKernel(node: node) }
@Sendable private func buildResizeKernel(_ node: OperatorNode) throws(ONNXError) -> any OperatorKernel { try ResizeKernel(node: node) }
@Sendable private func buildPadKernel(_ node: OperatorNode) throws(ONNXError) -> any OperatorKernel { try PadKernel(node: node) }
