import BioImageTensor

/// The value of one ``Measure``: a scalar, or one number per position along the axes that were not
/// reduced, named so it broadcasts against a tensor by axis name.
///
/// Values are stored in `Double`; ``dtype`` records the type bioimageio.core keeps the value in
/// (`float32` for sample statistics of a float32 tensor, `float64` for dataset statistics and
/// linear quantiles, the tensor's own type for inverted-CDF quantiles), which decides the
/// precision and output type of the step that uses it.
public struct MeasureValue: Sendable, Hashable, CustomStringConvertible {
    /// The axes kept, in the order of ``values``' dimensions.
    public private(set) var axes: [String]
    /// The size along each of ``axes``.
    public private(set) var shape: [Int]
    /// The numbers, row-major over ``shape``.
    public private(set) var values: [Double]
    /// The data type the reference computes this value in.
    public var dtype: DType

    /// A scalar value.
    public init(_ value: Double, dtype: DType = .float64) {
        axes = []
        shape = []
        values = [value]
        self.dtype = dtype
    }

    /// A value per position along `axes`.
    /// - Throws: ``RuntimeError/Code/axisMismatch`` when the axes repeat, differ in number from the
    ///   shape, or the number of values is not the product of the shape.
    public init(axes: [String], shape: [Int], values: [Double], dtype: DType = .float64) throws(RuntimeError) {
        guard axes.count == shape.count, Set(axes).count == axes.count else {
            throw RuntimeError(.axisMismatch, "a measure value with axes \(axes) cannot have shape \(shape)")
        }
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
            throw RuntimeError(.axisMismatch, "a measure value of shape \(shape) cannot hold \(values.count) numbers")
        }
        self.axes = axes
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }

    init(uncheckedAxes axes: [String], shape: [Int], values: [Double], dtype: DType) {
        self.axes = axes
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }

    /// The number when the value is a single number (no kept axis of size > 1), else `nil`.
    public var scalar: Double? { values.count == 1 ? values[0] : nil }

    /// The same numbers with the kept axes in `order` (a permutation of ``axes``).
    /// - Throws: ``RuntimeError/Code/axisMismatch`` when `order` is not a permutation of ``axes``.
    public func aligned(to order: [String]) throws(RuntimeError) -> MeasureValue {
        if order == axes { return self }
        guard order.count == axes.count, Set(order) == Set(axes) else {
            throw RuntimeError(.axisMismatch, "a measure value over \(axes) cannot be ordered as \(order)")
        }
        let permutation = order.compactMap { axes.firstIndex(of: $0) }
        let tensor: Tensor<Double>
        do { tensor = try Tensor(shape: shape, scalars: values).transposed(permutation) } catch {
            throw RuntimeError(error)
        }
        return MeasureValue(uncheckedAxes: order, shape: tensor.shape, values: tensor.scalars, dtype: dtype)
    }

    /// `MeasureValue(float32, [channel: 3])`.
    public var description: String {
        if axes.isEmpty { return "MeasureValue(\(dtype), \(values.first ?? .nan))" }
        return "MeasureValue(\(dtype), [" + zip(axes, shape).map { "\($0): \($1)" }.joined(separator: ", ") + "])"
    }
}
