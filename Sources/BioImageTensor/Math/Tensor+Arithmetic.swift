// Element-wise arithmetic with numpy broadcasting.
//
// Operators between two tensors broadcast their shapes as numpy does (aligned at the last axis,
// extent-1 axes stretch) and throw `TensorError.Code.shapeMismatch` when they cannot. Operators with
// a scalar never throw. Floating-point results follow IEEE 754 (NaN and ±∞ propagate as in numpy);
// integer arithmetic wraps on overflow, as numpy's does. Integer division and powers are not offered:
// convert to a floating-point tensor first.

extension Tensor where Scalar: TensorFloatingPoint {
    private static func apply(_ lhs: Tensor, _ rhs: Tensor, _ op: BinaryOperation, _ name: String) throws(TensorError) -> Tensor {
        let shape = try Elementwise.resultShape(lhs.shape, rhs.shape, operation: name)
        return floatingBinary(lhs, rhs, op, outShape: shape)
    }

    /// Element-wise sum with broadcasting. Complexity: O(result count), SIMD, multi-core.
    public static func + (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try apply(lhs, rhs, .add, "+") }
    /// Element-wise difference with broadcasting.
    public static func - (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try apply(lhs, rhs, .subtract, "-") }
    /// Element-wise product with broadcasting.
    public static func * (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try apply(lhs, rhs, .multiply, "*") }
    /// Element-wise quotient with broadcasting (x/0 gives ±∞ or NaN, as IEEE 754).
    public static func / (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try apply(lhs, rhs, .divide, "/") }

    /// Adds a scalar to every element.
    public static func + (lhs: Tensor, rhs: Scalar) -> Tensor { floatingBinary(lhs, Tensor(rhs), .add, outShape: lhs.shape) }
    /// Adds every element to a scalar.
    public static func + (lhs: Scalar, rhs: Tensor) -> Tensor { floatingBinary(Tensor(lhs), rhs, .add, outShape: rhs.shape) }
    /// Subtracts a scalar from every element.
    public static func - (lhs: Tensor, rhs: Scalar) -> Tensor { floatingBinary(lhs, Tensor(rhs), .subtract, outShape: lhs.shape) }
    /// Subtracts every element from a scalar.
    public static func - (lhs: Scalar, rhs: Tensor) -> Tensor { floatingBinary(Tensor(lhs), rhs, .subtract, outShape: rhs.shape) }
    /// Multiplies every element by a scalar.
    public static func * (lhs: Tensor, rhs: Scalar) -> Tensor { floatingBinary(lhs, Tensor(rhs), .multiply, outShape: lhs.shape) }
    /// Multiplies a scalar by every element.
    public static func * (lhs: Scalar, rhs: Tensor) -> Tensor { floatingBinary(Tensor(lhs), rhs, .multiply, outShape: rhs.shape) }
    /// Divides every element by a scalar.
    public static func / (lhs: Tensor, rhs: Scalar) -> Tensor { floatingBinary(lhs, Tensor(rhs), .divide, outShape: lhs.shape) }
    /// Divides a scalar by every element.
    public static func / (lhs: Scalar, rhs: Tensor) -> Tensor { floatingBinary(Tensor(lhs), rhs, .divide, outShape: rhs.shape) }

    /// Negates every element.
    public static prefix func - (operand: Tensor) -> Tensor { floatingUnary(operand, .negate) }

    /// The element-wise minimum with broadcasting (numpy `minimum`: NaN wins).
    public func minimum(_ other: Tensor) throws(TensorError) -> Tensor { try Self.apply(self, other, .minimum, "minimum") }
    /// The element-wise maximum with broadcasting (numpy `maximum`: NaN wins).
    public func maximum(_ other: Tensor) throws(TensorError) -> Tensor { try Self.apply(self, other, .maximum, "maximum") }
    /// Each element raised to the corresponding power, with broadcasting (C `pow` semantics).
    public func raised(toPower exponent: Tensor) throws(TensorError) -> Tensor { try Self.apply(self, exponent, .power, "pow") }
    /// Each element raised to a scalar power (C `pow` semantics).
    public func raised(toPower exponent: Scalar) -> Tensor { floatingBinary(self, Tensor(exponent), .power, outShape: shape) }

    /// `x · gain + offset` in one pass (the processing step `scale_linear` with scalar parameters).
    ///
    /// Computed as a multiply then an add, rounding twice as numpy's `x * gain + offset` does.
    public func linearlyScaled(gain: Scalar, offset: Scalar) -> Tensor { affineKernel(self, gain, offset) }
}

extension Tensor where Scalar: TensorInteger {
    private static func apply(_ lhs: Tensor, _ rhs: Tensor, _ op: BinaryOperation, _ name: String) throws(TensorError) -> Tensor {
        let shape = try Elementwise.resultShape(lhs.shape, rhs.shape, operation: name)
        return integerBinary(lhs, rhs, op, outShape: shape)
    }

    /// Element-wise wrapping sum with broadcasting.
    public static func + (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try apply(lhs, rhs, .add, "+") }
    /// Element-wise wrapping difference with broadcasting.
    public static func - (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try apply(lhs, rhs, .subtract, "-") }
    /// Element-wise wrapping product with broadcasting.
    public static func * (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor { try apply(lhs, rhs, .multiply, "*") }
    /// Adds a scalar to every element, wrapping.
    public static func + (lhs: Tensor, rhs: Scalar) -> Tensor { integerBinary(lhs, Tensor(rhs), .add, outShape: lhs.shape) }
    /// Subtracts a scalar from every element, wrapping.
    public static func - (lhs: Tensor, rhs: Scalar) -> Tensor { integerBinary(lhs, Tensor(rhs), .subtract, outShape: lhs.shape) }
    /// Multiplies every element by a scalar, wrapping.
    public static func * (lhs: Tensor, rhs: Scalar) -> Tensor { integerBinary(lhs, Tensor(rhs), .multiply, outShape: lhs.shape) }
    /// Negates every element, wrapping (`-Int8.min == Int8.min`; unsigned values wrap as numpy's).
    public static prefix func - (operand: Tensor) -> Tensor { integerUnary(operand, .negate) }

    /// The element-wise minimum with broadcasting.
    public func minimum(_ other: Tensor) throws(TensorError) -> Tensor { try Self.apply(self, other, .minimum, "minimum") }
    /// The element-wise maximum with broadcasting.
    public func maximum(_ other: Tensor) throws(TensorError) -> Tensor { try Self.apply(self, other, .maximum, "maximum") }
    /// The absolute value of every element, wrapping as numpy (`abs(Int8.min) == Int8.min`).
    public func absoluteValue() -> Tensor { integerUnary(self, .absolute) }
}

extension Tensor where Scalar: TensorNumeric {
    /// Limits every element to `low...high` (numpy `clip`: `minimum(maximum(x, low), high)`, so
    /// NaN stays NaN and `low > high` gives `high` everywhere).
    public func clipped(low: Scalar, high: Scalar) -> Tensor { clipKernel(self, low, high) }
}

extension Tensor where Scalar: TensorFloatingPoint {
    /// The absolute value of every element (`-0.0` becomes `0.0`).
    public func absoluteValue() -> Tensor { floatingUnary(self, .absolute) }
    /// e^x of every element. `Float` uses a SIMD polynomial (≤ 2 ulp), other types the C library.
    public func exp() -> Tensor { floatingUnary(self, .exp) }
    /// The natural logarithm of every element (NaN below 0, -∞ at 0).
    public func log() -> Tensor { floatingUnary(self, .log) }
    /// The square root of every element (NaN below 0), correctly rounded.
    public func squareRoot() -> Tensor { floatingUnary(self, .squareRoot) }
    /// The logistic function 1 / (1 + e^(−x)) of every element (the processing step `sigmoid`).
    public func sigmoid() -> Tensor { floatingUnary(self, .sigmoid) }
    /// The hyperbolic tangent of every element.
    public func tanh() -> Tensor { floatingUnary(self, .tanh) }
    /// Every element rounded toward −∞.
    public func floor() -> Tensor { floatingUnary(self, .floor) }
    /// Every element rounded to the nearest integer, ties to even (numpy `round`/`rint`).
    public func rounded() -> Tensor { floatingUnary(self, .round) }
}
