import BioImageRuntime

extension RuntimeRegistry {
    /// A registry whose default adapter is the built-in pure-Swift ONNX interpreter
    /// (``ONNXRuntimeAdapter``); register other adapters on a copy to add formats or take precedence.
    public static var standard: RuntimeRegistry { RuntimeRegistry([ONNXRuntimeAdapter()]) }
}
