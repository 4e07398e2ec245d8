import BioImageTensor
@testable import BioImageONNX

/// Tiny float32 kernels for graph tests, so the graph and executor can be tested independently
/// of the real operator tables. Registered as custom operators under test-only names.
enum GraphTestKernels {
    /// `TAdd`: a + b, b broadcast when its element count divides a's (trailing-axis repetition).
    struct Add: OperatorKernel {
        func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
            guard inputs.count == 2, let a = inputs[0], let b = inputs[1] else { throw ONNXError(.invalidInput, "TAdd needs two inputs") }
            let x = a.converted(to: Float.self).scalars, y = b.converted(to: Float.self).scalars
            guard !y.isEmpty, x.count % y.count == 0 else { throw ONNXError(.shapeMismatch, "TAdd: \(a.shape) and \(b.shape)") }
            let sum = (0..<x.count).map { x[$0] + y[$0 % y.count] }
            do { return [AnyTensor(try Tensor(shape: a.shape, scalars: sum))] } catch { throw ONNXError(.shapeMismatch, "\(error)") }
        }
    }

    /// `TRelu`: max(x, 0).
    struct Relu: OperatorKernel {
        func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
            guard let x = inputs.first ?? nil else { throw ONNXError(.invalidInput, "TRelu needs an input") }
            let values = x.converted(to: Float.self).scalars.map { max($0, 0) }
            do { return [AnyTensor(try Tensor(shape: x.shape, scalars: values))] } catch { throw ONNXError(.shapeMismatch, "\(error)") }
        }
    }

    /// `TMul`: a * b with the same broadcasting as `TAdd`.
    struct Mul: OperatorKernel {
        func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
            guard inputs.count == 2, let a = inputs[0], let b = inputs[1] else { throw ONNXError(.invalidInput, "TMul needs two inputs") }
            let x = a.converted(to: Float.self).scalars, y = b.converted(to: Float.self).scalars
            guard !y.isEmpty, x.count % y.count == 0 else { throw ONNXError(.shapeMismatch, "TMul: \(a.shape) and \(b.shape)") }
            let product = (0..<x.count).map { x[$0] * y[$0 % y.count] }
            do { return [AnyTensor(try Tensor(shape: a.shape, scalars: product))] } catch { throw ONNXError(.shapeMismatch, "\(error)") }
        }
    }

    /// `TCount`: the number of present (non-omitted) inputs, as an int64 scalar.
    struct CountInputs: OperatorKernel {
        func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
            [AnyTensor(Tensor<Int64>(Int64(inputs.compactMap { $0 }.count)))]
        }
    }

    /// `TFail`: always throws (without naming a node, so the executor must add it).
    struct Fail: OperatorKernel {
        func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
            throw ONNXError(.shapeMismatch, "TFail always fails")
        }
    }

    /// The custom operator table; `Add`, `Relu` and `Mul` alias the test kernels so the
    /// fixture models run before (and independently of) the real operators.
    static let operators: [String: KernelFactory] = [
        "TAdd": { _ throws(ONNXError) in Add() }, "TRelu": { _ throws(ONNXError) in Relu() }, "TMul": { _ throws(ONNXError) in Mul() },
        "Add": { _ throws(ONNXError) in Add() }, "Relu": { _ throws(ONNXError) in Relu() }, "Mul": { _ throws(ONNXError) in Mul() },
        "TCount": { _ throws(ONNXError) in CountInputs() }, "TFail": { _ throws(ONNXError) in Fail() },
        "TNoAttributes": { node throws(ONNXError) in try node.checkAttributes([]); return Relu() },
    ]
}
