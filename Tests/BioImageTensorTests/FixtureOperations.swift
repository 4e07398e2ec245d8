import BioImageTensor
import Testing

/// Runs a fixture case with our implementation, dispatching on the input dtype.
enum FixtureOperations {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ c: FixtureCase, _ x: [AnyTensor]) throws -> [AnyTensor] {
        guard let first = x.first else { throw Unsupported(description: "no inputs") }
        switch c.op {
        case "astype":
            return [first.converted(to: try dtype(c.target))]
        case "clampingAstype":
            switch try dtype(c.target) {
            case .int8: return [AnyTensor(first.clampingConverted(to: Int8.self))]
            case .uint8: return [AnyTensor(first.clampingConverted(to: UInt8.self))]
            case .int16: return [AnyTensor(first.clampingConverted(to: Int16.self))]
            case .uint16: return [AnyTensor(first.clampingConverted(to: UInt16.self))]
            case .int32: return [AnyTensor(first.clampingConverted(to: Int32.self))]
            case .uint32: return [AnyTensor(first.clampingConverted(to: UInt32.self))]
            default: throw Unsupported(description: "clamping target \(c.target ?? "?")")
            }
        case "transpose", "slice", "crop", "concatenate", "stack", "pad", "where":
            return [try shapeOp(c, x)]
        default:
            break
        }
        switch first.dtype {
        #if !(os(macOS) && arch(x86_64))
        case .float16: return try floating(c, x, Float16.self)
        #else
        case .float16: throw Unsupported(description: "Float16 is unavailable on this platform")
        #endif
        case .float32: return try floating(c, x, Float.self)
        case .float64: return try floating(c, x, Double.self)
        case .int8: return try integer(c, x, Int8.self)
        case .int16: return try integer(c, x, Int16.self)
        case .int32: return try integer(c, x, Int32.self)
        case .int64: return try integer(c, x, Int64.self)
        case .uint8: return try integer(c, x, UInt8.self)
        case .uint16: return try integer(c, x, UInt16.self)
        case .uint32: return try integer(c, x, UInt32.self)
        case .uint64: return try integer(c, x, UInt64.self)
        case .bool: throw Unsupported(description: "bool input for \(c.op)")
        }
    }

    static func dtype(_ name: String?) throws -> DType {
        try #require(name.flatMap(DType.init(rawValue:)), "unknown dtype \(name ?? "nil")")
    }

    static func quantileMethod(_ c: FixtureCase) -> QuantileMethod {
        c.method == "invertedCDF" ? .invertedCDF : .linear
    }

    static func floating<T: TensorFloatingPoint>(_ c: FixtureCase, _ x: [AnyTensor], _: T.Type) throws -> [AnyTensor] {
        let a = try x[0].tensor(of: T.self)
        let keep = c.keepdims ?? false
        switch (c.op, c.fn ?? "") {
        case ("binary", let fn):
            let b = try x[1].tensor(of: T.self)
            switch fn {
            case "add": return [AnyTensor(try a + b)]
            case "subtract": return [AnyTensor(try a - b)]
            case "multiply": return [AnyTensor(try a * b)]
            case "divide": return [AnyTensor(try a / b)]
            case "minimum": return [AnyTensor(try a.minimum(b))]
            case "maximum": return [AnyTensor(try a.maximum(b))]
            case "power": return [AnyTensor(try a.raised(toPower: b))]
            default: break
            }
        case ("compare", let fn):
            return [AnyTensor(try compare(fn, a, try x[1].tensor(of: T.self)))]
        case ("unary", let fn):
            switch fn {
            case "negate": return [AnyTensor(-a)]
            case "absolute": return [AnyTensor(a.absoluteValue())]
            case "squareRoot": return [AnyTensor(a.squareRoot())]
            case "floor": return [AnyTensor(a.floor())]
            case "round": return [AnyTensor(a.rounded())]
            case "exp": return [AnyTensor(a.exp())]
            case "log": return [AnyTensor(a.log())]
            case "tanh": return [AnyTensor(a.tanh())]
            case "sigmoid": return [AnyTensor(a.sigmoid())]
            default: break
            }
        case ("clip", _):
            return [AnyTensor(a.clipped(low: T(c.low ?? 0), high: T(c.high ?? 0)))]
        case ("scaleLinear", _):
            return [AnyTensor(a.linearlyScaled(gain: T(c.gain ?? 1), offset: T(c.offset ?? 0)))]
        case ("reduce", let fn):
            switch fn {
            case "sum": return [AnyTensor(try a.sum(alongAxes: c.axes, keepingDimensions: keep))]
            case "mean": return [AnyTensor(try a.mean(alongAxes: c.axes, keepingDimensions: keep))]
            case "variance": return [AnyTensor(try a.variance(alongAxes: c.axes, keepingDimensions: keep))]
            case "standardDeviation": return [AnyTensor(try a.standardDeviation(alongAxes: c.axes, keepingDimensions: keep))]
            case "min": return [AnyTensor(try a.min(alongAxes: c.axes, keepingDimensions: keep))]
            case "max": return [AnyTensor(try a.max(alongAxes: c.axes, keepingDimensions: keep))]
            default: break
            }
        case ("argmax", _):
            return [AnyTensor(try a.argmax(alongAxis: c.axis))]
        case ("softmax", _):
            return [AnyTensor(try a.softmax(alongAxis: c.axis ?? -1))]
        case ("quantile", _):
            return [AnyTensor(try a.quantiles(c.q ?? [], alongAxes: c.axes, keepingDimensions: keep,
                                              method: quantileMethod(c), ignoringNaN: c.ignoreNaN ?? false))]
        case ("percentile", _):
            return [AnyTensor(try a.percentiles(c.q ?? [], alongAxes: c.axes, keepingDimensions: keep))]
        case ("isclose", _):
            let b = try x[1].tensor(of: T.self)
            return [AnyTensor(try a.isClose(to: b, absoluteTolerance: c.atol_ ?? 0, relativeTolerance: c.rtol_ ?? 0, equalNaN: c.equalNaN ?? false))]
        default: break
        }
        throw Unsupported(description: "\(c.op) \(c.fn ?? "") for \(T.dtype)")
    }

    static func integer<T: TensorInteger>(_ c: FixtureCase, _ x: [AnyTensor], _: T.Type) throws -> [AnyTensor] {
        let a = try x[0].tensor(of: T.self)
        let keep = c.keepdims ?? false
        switch (c.op, c.fn ?? "") {
        case ("binary", let fn):
            let b = try x[1].tensor(of: T.self)
            switch fn {
            case "add": return [AnyTensor(try a + b)]
            case "subtract": return [AnyTensor(try a - b)]
            case "multiply": return [AnyTensor(try a * b)]
            case "minimum": return [AnyTensor(try a.minimum(b))]
            case "maximum": return [AnyTensor(try a.maximum(b))]
            default: break
            }
        case ("compare", let fn):
            return [AnyTensor(try compare(fn, a, try x[1].tensor(of: T.self)))]
        case ("unary", "negate"):
            return [AnyTensor(-a)]
        case ("unary", "absolute"):
            return [AnyTensor(a.absoluteValue())]
        case ("clip", _):
            return [AnyTensor(a.clipped(low: T(c.low ?? 0), high: T(c.high ?? 0)))]
        case ("reduce", let fn):
            switch fn {
            case "sum": return [AnyTensor(try a.sum(alongAxes: c.axes, keepingDimensions: keep))]
            case "mean": return [AnyTensor(try a.mean(alongAxes: c.axes, keepingDimensions: keep))]
            case "variance": return [AnyTensor(try a.variance(alongAxes: c.axes, keepingDimensions: keep))]
            case "standardDeviation": return [AnyTensor(try a.standardDeviation(alongAxes: c.axes, keepingDimensions: keep))]
            case "min": return [AnyTensor(try a.min(alongAxes: c.axes, keepingDimensions: keep))]
            case "max": return [AnyTensor(try a.max(alongAxes: c.axes, keepingDimensions: keep))]
            default: break
            }
        case ("quantile", _):
            return [AnyTensor(try a.quantiles(c.q ?? [], alongAxes: c.axes, keepingDimensions: keep,
                                              method: quantileMethod(c), ignoringNaN: c.ignoreNaN ?? false))]
        default: break
        }
        throw Unsupported(description: "\(c.op) \(c.fn ?? "") for \(T.dtype)")
    }

    static func compare<T: TensorNumeric>(_ fn: String, _ a: Tensor<T>, _ b: Tensor<T>) throws -> Tensor<Bool> {
        switch fn {
        case "less": return try a .< b
        case "lessOrEqual": return try a .<= b
        case "greater": return try a .> b
        case "greaterOrEqual": return try a .>= b
        case "equal": return try a .== b
        case "notEqual": return try a .!= b
        default: throw Unsupported(description: "comparison \(fn)")
        }
    }

    /// Shape operations are dtype-independent; run them on the typed tensor via a small visitor.
    static func shapeOp(_ c: FixtureCase, _ x: [AnyTensor]) throws -> AnyTensor {
        switch x[c.op == "where" ? 1 : 0].dtype {
        case .bool: return AnyTensor(try shapeOp(c, x, Bool.self))
        case .uint8: return AnyTensor(try shapeOp(c, x, UInt8.self))
        case .int16: return AnyTensor(try shapeOp(c, x, Int16.self))
        case .int32: return AnyTensor(try shapeOp(c, x, Int32.self))
        case .float32: return AnyTensor(try shapeOp(c, x, Float.self))
        case .float64: return AnyTensor(try shapeOp(c, x, Double.self))
        default: throw Unsupported(description: "shape op on \(x[0].dtype)")
        }
    }

    static func shapeOp<T: TensorScalar>(_ c: FixtureCase, _ x: [AnyTensor], _: T.Type) throws -> Tensor<T> {
        switch c.op {
        case "transpose":
            return try x[0].tensor(of: T.self).transposed(c.perm ?? [])
        case "slice":
            return try x[0].tensor(of: T.self).slice((c.ranges ?? []).map { $0[0]..<$0[1] })
        case "crop":
            return try x[0].tensor(of: T.self).cropped((c.widths ?? []).map { (before: $0[0], after: $0[1]) })
        case "concatenate":
            return try Tensor<T>.concatenated(x.map { try $0.tensor(of: T.self) }, alongAxis: c.axis ?? 0)
        case "stack":
            return try Tensor<T>.stacked(x.map { try $0.tensor(of: T.self) }, alongAxis: c.axis ?? 0)
        case "pad":
            let mode: Tensor<T>.PaddingMode
            switch c.mode {
            case "constant": mode = .constant(T(converting: .floatingPoint(c.value ?? 0)))
            case "edge": mode = .edge
            case "reflect": mode = .reflect
            default: mode = .symmetric
            }
            return try x[0].tensor(of: T.self).padded((c.widths ?? []).map { (before: $0[0], after: $0[1]) }, mode: mode)
        case "where":
            return try Tensor<T>.select(x[0].tensor(of: Bool.self), x[1].tensor(of: T.self), x[2].tensor(of: T.self))
        default:
            throw Unsupported(description: c.op)
        }
    }
}
