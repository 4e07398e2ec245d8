import BioImageRuntime
import BioImageTensor
import Foundation
import Testing

/// A test double for the fine-tuning seam: `y = x·W + b` on inputs of shape [batch, features]
/// (axes batch, channel), with analytic gradients.
struct LinearRuntime: TrainableRuntime {
    var weight: Tensor<Float>   // [features, outputs]
    var bias: Tensor<Float>     // [outputs]

    var parameterNames: [String] { ["bias", "weight"] }

    func parameters() -> [String: Tensor<Float>] { ["weight": weight, "bias": bias] }

    mutating func setParameters(_ parameters: [String: Tensor<Float>]) throws(RuntimeError) {
        for (name, value) in parameters {
            switch name {
            case "weight" where value.shape == weight.shape: weight = value
            case "bias" where value.shape == bias.shape: bias = value
            default: throw RuntimeError(.trainingFailed, "unknown parameter or shape: \(name) \(value.shape)")
            }
        }
    }

    func predict(_ x: Tensor<Float>) -> Tensor<Float> {
        let (batch, features, outputs) = (x.shape[0], weight.shape[0], weight.shape[1])
        var y = [Float](repeating: 0, count: batch * outputs)
        for n in 0..<batch {
            for o in 0..<outputs {
                var sum = bias.scalars[o]
                for f in 0..<features { sum += x.scalars[n * features + f] * weight.scalars[f * outputs + o] }
                y[n * outputs + o] = sum
            }
        }
        return (try? Tensor(shape: [batch, outputs], scalars: y)) ?? Tensor<Float>([])
    }

    func run(_ inputs: [String: AnyTensor]) throws(RuntimeError) -> [String: AnyTensor] {
        guard let x = inputs["x"] else { throw RuntimeError(.missingTensor, "no input 'x'", tensor: "x") }
        return ["y": AnyTensor(predict(x.converted(to: Float.self)))]
    }

    func lossAndGradients(inputs: [String: AnyTensor], targets: [String: AnyTensor],
                          loss: TrainingLoss) throws(RuntimeError) -> (loss: Double, gradients: [String: Tensor<Float>]) {
        guard let xAny = inputs["x"], let tAny = targets["y"] else { throw RuntimeError(.missingTensor, "need input 'x' and target 'y'") }
        let x = xAny.converted(to: Float.self)
        let (value, dy) = try loss.evaluate(prediction: predict(x), target: tAny.converted(to: Float.self))
        let (batch, features, outputs) = (x.shape[0], weight.shape[0], weight.shape[1])
        var dw = [Float](repeating: 0, count: features * outputs)
        var db = [Float](repeating: 0, count: outputs)
        for n in 0..<batch {
            for o in 0..<outputs {
                let g = dy.scalars[n * outputs + o]
                db[o] += g
                for f in 0..<features { dw[f * outputs + o] += g * x.scalars[n * features + f] }
            }
        }
        do {
            return (value, ["weight": try Tensor(shape: weight.shape, scalars: dw), "bias": try Tensor(shape: bias.shape, scalars: db)])
        } catch { throw RuntimeError(error) }
    }

    func exportWeights() throws(RuntimeError) -> Data {
        var data = Data()
        for value in weight.scalars + bias.scalars { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }
}

@Suite struct TrainingTests {
    /// Data on the line y = 3x − 2 (x = −1 … 1): the least-squares optimum is exactly w = 3, b = −2.
    static func lineData() throws -> (x: AnyTensor, y: AnyTensor) {
        let xs = (0..<21).map { Float($0) / 10 - 1 }
        return (AnyTensor(try Tensor(shape: [21, 1], scalars: xs)), AnyTensor(try Tensor(shape: [21, 1], scalars: xs.map { 3 * $0 - 2 })))
    }

    static func freshModel() throws -> LinearRuntime {
        LinearRuntime(weight: try Tensor(shape: [1, 1], scalars: [0]), bias: try Tensor(shape: [1], scalars: [0]))
    }

    @Test func sgdReachesTheLeastSquaresOptimum() throws {
        let (x, y) = try Self.lineData()
        var model = try Self.freshModel()
        var optimizer = SGD(learningRate: 0.3, momentum: 0.5)
        var first = 0.0, last = 0.0
        for step in 0..<300 {
            let loss = try model.trainingStep(inputs: ["x": x], targets: ["y": y], loss: .meanSquaredError, optimizer: &optimizer)
            if step == 0 { first = loss }
            last = loss
        }
        #expect(first > 4)   // mean((3x − 2)²) at w = b = 0: 4 + 9·mean(x²) = 4 + 9·0.3667 = 7.3
        #expect(last < 1e-8)
        #expect(abs(model.weight.scalars[0] - 3) < 1e-3)
        #expect(abs(model.bias.scalars[0] + 2) < 1e-3)
    }

    @Test func adamReachesTheOptimumAndExportsTheWeights() throws {
        let (x, y) = try Self.lineData()
        var model = try Self.freshModel()
        var optimizer = Adam(learningRate: 0.05)
        for _ in 0..<2000 {
            _ = try model.trainingStep(inputs: ["x": x], targets: ["y": y], loss: .meanSquaredError, optimizer: &optimizer)
        }
        #expect(abs(model.weight.scalars[0] - 3) < 1e-3)
        #expect(abs(model.bias.scalars[0] + 2) < 1e-3)
        let exported = try model.exportWeights()
        #expect(exported.count == 8)
        // The trained model, used through the plain ModelRuntime protocol, predicts the line.
        let runtime: any ModelRuntime = model
        let out = try runtime.run(["x": AnyTensor(try Tensor(shape: [1, 1], scalars: [Float(0.5)]))])
        #expect(abs((out["y"]?.converted(to: Float.self).scalars[0] ?? 0) + 0.5) < 1e-3)
    }

    @Test func lossValuesAndGradientsAreTheTextbookOnes() throws {
        let prediction = try Tensor<Float>(shape: [2], scalars: [0.5, 2])
        let target = try Tensor<Float>(shape: [2], scalars: [1, 1])
        let mse = try TrainingLoss.meanSquaredError.evaluate(prediction: prediction, target: target)
        #expect(abs(mse.value - 0.625) < 1e-9)                      // (0.25 + 1) / 2
        #expect(mse.gradient.scalars == [-0.5, 1])                  // 2·(y − t)/n
        let mae = try TrainingLoss.meanAbsoluteError.evaluate(prediction: prediction, target: target)
        #expect(abs(mae.value - 0.75) < 1e-9)
        #expect(mae.gradient.scalars == [-0.5, 0.5])
        let bce = try TrainingLoss.binaryCrossEntropy.evaluate(prediction: try Tensor(shape: [1], scalars: [0.25]), target: try Tensor(shape: [1], scalars: [1]))
        #expect(abs(bce.value - Foundation.log(4)) < 1e-6)        // −log(0.25)
        #expect(abs(bce.gradient.scalars[0] + 4) < 1e-4)          // (p − t)/(p(1 − p)) = −0.75/0.1875
        #expect(throws: RuntimeError.self) { try TrainingLoss.meanSquaredError.evaluate(prediction: prediction, target: try Tensor(shape: [1], scalars: [1])) }
    }

    @Test func optimizersRejectMismatchedGradients() throws {
        var parameters = ["w": try Tensor<Float>(shape: [2], scalars: [1, 2])]
        var sgd = SGD(learningRate: 0.1)
        #expect(throws: RuntimeError.self) { try sgd.update(&parameters, gradients: ["w": try Tensor(shape: [3], scalars: [1, 1, 1])]) }
        try sgd.update(&parameters, gradients: ["w": try Tensor(shape: [2], scalars: [1, -1])])
        #expect(parameters["w"]?.scalars == [0.9, 2.1])
    }
}
