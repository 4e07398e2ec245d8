import BioImageTensor

/// A graph input or output as the model declares it: name, element type and shape.
///
/// ```swift
/// let model = try ONNXModel(contentsOf: url)
/// for input in model.inputs { print(input.name, input.elementType ?? "?", input.shape ?? []) }
/// // raw float32 [symbolic("batch"), fixed(1), symbolic("y"), symbolic("x")]
/// ```
public struct ONNXValueInfo: Sendable, Hashable, CustomStringConvertible {
    /// One dimension of a declared shape.
    public enum Dimension: Sendable, Hashable, CustomStringConvertible {
        /// A fixed extent.
        case fixed(Int)
        /// A named extent that may take any value at run time (`dim_param`, e.g. `"batch"`).
        case symbolic(String)
        /// An extent the model leaves open without a name.
        case unknown

        /// `4`, `batch` or `?`.
        public var description: String {
            switch self {
            case .fixed(let value): "\(value)"
            case .symbolic(let name): name
            case .unknown: "?"
            }
        }
    }

    /// The value's name in the graph.
    public var name: String
    /// The element type, or `nil` when undeclared or not one this runtime holds (strings, complex…).
    ///
    /// `bfloat16` values are declared as `float32`, the type this runtime computes them in.
    public var elementType: DType?
    /// The ONNX name of the declared element type (`FLOAT`, `INT64`, …; `UNDEFINED` when absent).
    public var elementTypeName: String
    /// The declared shape, or `nil` when the rank is not declared.
    public var shape: [Dimension]?

    /// Creates a value description.
    public init(name: String, elementType: DType?, elementTypeName: String, shape: [Dimension]?) {
        self.name = name
        self.elementType = elementType
        self.elementTypeName = elementTypeName
        self.shape = shape
    }

    init(_ proto: ValueInfoProto) {
        name = proto.name
        elementType = proto.elementType.dtype
        elementTypeName = proto.elementType.description
        shape = proto.shape?.map { dimension in
            switch dimension {
            case .value(let value) where value >= 0: .fixed(Int(value))
            case .param(let name) where !name.isEmpty: .symbolic(name)
            default: .unknown
            }
        }
    }

    /// `raw: FLOAT [batch, 1, y, x]`.
    public var description: String {
        "\(name): \(elementTypeName)" + (shape.map { " [" + $0.map(\.description).joined(separator: ", ") + "]" } ?? "")
    }
}
