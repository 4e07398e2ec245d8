/// The binary operations of the arithmetic operators, dispatched once per call (not per element).
enum BinaryOperation: Sendable {
    case add, subtract, multiply, divide, minimum, maximum, power
}

/// The unary operations, dispatched once per call.
enum UnaryOperation: Sendable {
    case negate, absolute, exp, log, squareRoot, sigmoid, tanh, floor, round
}

/// numpy `minimum`: NaN if either operand is NaN; for equal operands (0.0 and -0.0) the second,
/// as numpy's SIMD loops (`minps`) return.
@inline(__always)
func nanMinimum<T: FloatingPoint>(_ a: T, _ b: T) -> T { a.isNaN || b.isNaN ? a + b : (a < b ? a : b) }

/// numpy `maximum`: NaN if either operand is NaN; for equal operands the second.
@inline(__always)
func nanMaximum<T: FloatingPoint>(_ a: T, _ b: T) -> T { a.isNaN || b.isNaN ? a + b : (a > b ? a : b) }

@inline(__always)
func nanMinimum<T: FloatingPoint & SIMDScalar>(_ a: SIMD16<T>, _ b: SIMD16<T>) -> SIMD16<T> {
    b.replacing(with: a, where: a .< b).replacing(with: a + b, where: (a .!= a) .| (b .!= b))
}

@inline(__always)
func nanMaximum<T: FloatingPoint & SIMDScalar>(_ a: SIMD16<T>, _ b: SIMD16<T>) -> SIMD16<T> {
    b.replacing(with: a, where: a .> b).replacing(with: a + b, where: (a .!= a) .| (b .!= b))
}

@inline(__always)
func lanewise<T: SIMDScalar>(_ v: SIMD16<T>, _ f: (T) -> T) -> SIMD16<T> {
    var r = v
    for i in 0..<16 { r[i] = f(v[i]) }
    return r
}

@_specialize(where T == Float)
@_specialize(where T == Double)
func floatingBinary<T: TensorFloatingPoint>(_ a: Tensor<T>, _ b: Tensor<T>, _ op: BinaryOperation, outShape: [Int]) -> Tensor<T> {
    switch op {
    case .add: return Elementwise.binary(a, b, outShape: outShape, scalar: { $0 + $1 }, vector: { $0 + $1 })
    case .subtract: return Elementwise.binary(a, b, outShape: outShape, scalar: { $0 - $1 }, vector: { $0 - $1 })
    case .multiply: return Elementwise.binary(a, b, outShape: outShape, scalar: { $0 * $1 }, vector: { $0 * $1 })
    case .divide: return Elementwise.binary(a, b, outShape: outShape, scalar: { $0 / $1 }, vector: { $0 / $1 })
    case .minimum: return Elementwise.binary(a, b, outShape: outShape, scalar: { nanMinimum($0, $1) }, vector: { nanMinimum($0, $1) })
    case .maximum: return Elementwise.binary(a, b, outShape: outShape, scalar: { nanMaximum($0, $1) }, vector: { nanMaximum($0, $1) })
    case .power:
        return Elementwise.binary(a, b, outShape: outShape, scalar: { T.pow($0, $1) }, vector: { x, y in
            var r = x
            for i in 0..<16 { r[i] = T.pow(x[i], y[i]) }
            return r
        })
    }
}

@_specialize(where T == UInt8)
@_specialize(where T == UInt16)
@_specialize(where T == Int16)
@_specialize(where T == Int32)
@_specialize(where T == Int64)
func integerBinary<T: TensorInteger>(_ a: Tensor<T>, _ b: Tensor<T>, _ op: BinaryOperation, outShape: [Int]) -> Tensor<T> {
    switch op {
    case .add: return Elementwise.binary(a, b, outShape: outShape, scalar: { $0 &+ $1 }, vector: { $0 &+ $1 })
    case .subtract: return Elementwise.binary(a, b, outShape: outShape, scalar: { $0 &- $1 }, vector: { $0 &- $1 })
    case .multiply: return Elementwise.binary(a, b, outShape: outShape, scalar: { $0 &* $1 }, vector: { $0 &* $1 })
    case .minimum: return Elementwise.binary(a, b, outShape: outShape, scalar: { Swift.min($0, $1) }, vector: { pointwiseMin($0, $1) })
    case .maximum: return Elementwise.binary(a, b, outShape: outShape, scalar: { Swift.max($0, $1) }, vector: { pointwiseMax($0, $1) })
    case .divide, .power:
        // Not offered for integers by the public API (see `Tensor+Arithmetic.swift`).
        return Elementwise.binary(a, b, outShape: outShape, scalar: { x, _ in x }, vector: { x, _ in x })
    }
}

@_specialize(where T == Float)
@_specialize(where T == Double)
func floatingUnary<T: TensorFloatingPoint>(_ a: Tensor<T>, _ op: UnaryOperation) -> Tensor<T> {
    if let f = a as? Tensor<Float>, op == .exp || op == .sigmoid {
        let result = op == .exp
            ? Elementwise.map(f, scalar: { FastMath.exp($0) }, vector: { FastMath.exp($0) })
            : Elementwise.map(f, scalar: { FastMath.sigmoid(SIMD16(repeating: $0))[0] }, vector: { FastMath.sigmoid($0) })
        if let typed = result as? Tensor<T> { return typed }
    }
    switch op {
    case .negate: return Elementwise.map(a, scalar: { -$0 }, vector: { $0 * SIMD16(repeating: -1) })
    case .absolute: return Elementwise.map(a, scalar: { $0.magnitude }, vector: { lanewise($0) { $0.magnitude } })
    case .exp: return Elementwise.map(a, scalar: { T.exp($0) }, vector: { lanewise($0, T.exp) })
    case .log: return Elementwise.map(a, scalar: { T.log($0) }, vector: { lanewise($0, T.log) })
    case .squareRoot: return Elementwise.map(a, scalar: { $0.squareRoot() }, vector: { $0.squareRoot() })
    case .sigmoid:
        return Elementwise.map(a, scalar: { 1 / (1 + T.exp(-$0)) }, vector: { v in lanewise(v) { 1 / (1 + T.exp(-$0)) } })
    case .tanh: return Elementwise.map(a, scalar: { T.tanh($0) }, vector: { lanewise($0, T.tanh) })
    case .floor: return Elementwise.map(a, scalar: { $0.rounded(.down) }, vector: { $0.rounded(.down) })
    case .round: return Elementwise.map(a, scalar: { $0.rounded(.toNearestOrEven) }, vector: { $0.rounded(.toNearestOrEven) })
    }
}

@_specialize(where T == UInt8)
@_specialize(where T == UInt16)
@_specialize(where T == Int16)
@_specialize(where T == Int32)
@_specialize(where T == Int64)
func integerUnary<T: TensorInteger>(_ a: Tensor<T>, _ op: UnaryOperation) -> Tensor<T> {
    switch op {
    case .negate: return Elementwise.map(a, scalar: { 0 &- $0 }, vector: { SIMD16<T>() &- $0 })
    case .absolute:
        return Elementwise.map(a, scalar: { $0 < 0 ? 0 &- $0 : $0 }, vector: { v in v.replacing(with: SIMD16<T>() &- v, where: v .< SIMD16<T>()) })
    default: return a
    }
}

@_specialize(where T == Float)
@_specialize(where T == Double)
@_specialize(where T == UInt8)
@_specialize(where T == UInt16)
@_specialize(where T == Int32)
func clipKernel<T: TensorNumeric>(_ a: Tensor<T>, _ low: T, _ high: T) -> Tensor<T> {
    // numpy clip = minimum(maximum(x, low), high): NaN stays NaN.
    let lo = SIMD16<T>(repeating: low), hi = SIMD16<T>(repeating: high)
    return Elementwise.map(
        a,
        scalar: { x in
            let m = x < low ? low : x
            return m > high ? high : m
        },
        vector: { v in
            let m = v.replacing(with: lo, where: v .< lo)
            return m.replacing(with: hi, where: m .> hi)
        })
}

@_specialize(where T == Float)
@_specialize(where T == Double)
func affineKernel<T: TensorFloatingPoint>(_ a: Tensor<T>, _ gain: T, _ offset: T) -> Tensor<T> {
    let g = SIMD16<T>(repeating: gain), o = SIMD16<T>(repeating: offset)
    // a * b + c, not addProduct: the latter is a per-lane libm call without FMA hardware.
    return Elementwise.map(a, scalar: { $0 * gain + offset }, vector: { $0 * g + o })
}

/// The comparison operators' predicates.
enum ComparisonOperation: Sendable {
    case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
}

@_specialize(where T == Float)
@_specialize(where T == Double)
@_specialize(where T == UInt8)
@_specialize(where T == UInt16)
@_specialize(where T == Int32)
@_specialize(where T == Int64)
func compareKernel<T: TensorNumeric>(_ a: Tensor<T>, _ b: Tensor<T>, _ op: ComparisonOperation, outShape: [Int]) -> Tensor<Bool> {
    switch op {
    case .less: return Elementwise.binaryScalar(a, b, outShape: outShape) { $0 < $1 }
    case .lessOrEqual: return Elementwise.binaryScalar(a, b, outShape: outShape) { $0 <= $1 }
    case .greater: return Elementwise.binaryScalar(a, b, outShape: outShape) { $0 > $1 }
    case .greaterOrEqual: return Elementwise.binaryScalar(a, b, outShape: outShape) { $0 >= $1 }
    case .equal: return Elementwise.binaryScalar(a, b, outShape: outShape) { $0 == $1 }
    case .notEqual: return Elementwise.binaryScalar(a, b, outShape: outShape) { $0 != $1 }
    }
}
