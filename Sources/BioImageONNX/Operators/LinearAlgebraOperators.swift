extension OperatorRegistry {
    /// The operators defined in this part of the runtime, by `opType`: convolutions and matrix products.
    static let linearAlgebraOperators: [String: KernelFactory] = [
        "Conv": { node throws(ONNXError) in try ConvKernel(node) },
        "ConvTranspose": { node throws(ONNXError) in try ConvTransposeKernel(node) },
        "MatMul": { node throws(ONNXError) in try MatMulKernel(node) },
        "Gemm": { node throws(ONNXError) in try GemmKernel(node) },
    ]
}
