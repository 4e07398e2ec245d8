@testable import BioImageONNX
import BioImageTensor
import Foundation
import Testing

@Suite("Conv Winograd F(2×2, 3×3)")
struct ConvWinogradTests {
    /// The activation by its textbook formula, independent of ``FusedActivation``'s SIMD code.
    static func reference(_ activation: FusedActivation, _ x: Float) -> Float {
        switch activation {
        case .identity: x
        case .relu: max(x, 0)
        case .leakyRelu(let alpha): x < 0 ? alpha * x : x
        case .sigmoid: 1 / (1 + Foundation.exp(-x))
        case .clip(let low, let high): min(max(x, low), high)
        case .tanh: Foundation.tanh(x)
        }
    }

    static let activations: [FusedActivation] = [
        .identity, .relu, .leakyRelu(alpha: 0.1), .sigmoid, .clip(low: -0.5, high: 0.5), .tanh,
    ]

    /// Runs the Winograd path directly (bypassing the channel threshold) on a 3×3 pad-1 convolution.
    static func winograd(x: Tensor<Float>, w: Tensor<Float>, bias: Tensor<Float>?, activation: FusedActivation,
                         threads: Int, instance: ConvWinograd = ConvWinograd()) throws -> [Float] {
        let node = OperatorNode(name: "test", opType: "Conv", inputs: ["x", "w", "b"], outputs: ["y"], opset: 17,
                                attributes: ["pads": .ints([1, 1, 1, 1])])
        let geometry = try ConvGeometry(x: x.shape, w: w.shape, bias: bias?.shape, attributes: try ConvAttributes(node), node: node)
        return instance.convolve(x: x, w: w, bias: bias, geometry: geometry, activation: activation, threads: threads)
    }

    @Test("random shapes (odd sizes, 1–3 tile rows/columns, 1–70 channels) match the textbook loop")
    func randomShapes() throws {
        var generator = ConvReference.Generator(seed: 2024)
        for trial in 0..<24 {
            let batch = generator.int(1...2)
            let cin = trial < 4 ? [1, 70, 3, 17][trial] : generator.int(1...40)
            let cout = trial < 4 ? [70, 1, 9, 33][trial] : generator.int(1...40)
            let height = generator.int(1...6), width = trial % 3 == 0 ? generator.int(15...21) : generator.int(1...6)
            let x = try Tensor<Float>(shape: [batch, cin, height, width], scalars: generator.floats(batch * cin * height * width))
            let w = try Tensor<Float>(shape: [cout, cin, 3, 3], scalars: generator.floats(cout * cin * 9))
            let bias = trial % 2 == 0 ? Tensor<Float>(generator.floats(cout)) : nil
            let activation = ConvWinogradTests.activations[trial % ConvWinogradTests.activations.count]
            let threads = trial % 4 < 2 ? 1 : 2
            let expected = ConvReference.conv(x: x, w: w, bias: bias?.scalars, group: 1, strides: [1, 1], dilations: [1, 1],
                                              padsBegin: [1, 1], outSpatial: [height, width])
                .map { ConvWinogradTests.reference(activation, $0) }
            let actual = try ConvWinogradTests.winograd(x: x, w: w, bias: bias, activation: activation, threads: threads)
            #expect(ConvReference.close(actual, expected, rtol: 1e-4, atol: 1e-4),
                    "trial \(trial): N \(batch) C \(cin)→\(cout) \(height)×\(width) \(activation) threads \(threads)")
        }
    }

    @Test("a large image is processed in several bands and matches the textbook loop")
    func severalBands() throws {
        // 16·(12 + 10)·24 = 8448 transformed floats per tile row: bands of 2 tile rows, the last one of 1.
        var generator = ConvReference.Generator(seed: 7)
        let cin = 12, cout = 10, height = 9, width = 37
        let x = try Tensor<Float>(shape: [1, cin, height, width], scalars: generator.floats(cin * height * width))
        let w = try Tensor<Float>(shape: [cout, cin, 3, 3], scalars: generator.floats(cout * cin * 9))
        let bias = Tensor<Float>(generator.floats(cout))
        let expected = ConvReference.conv(x: x, w: w, bias: bias.scalars, group: 1, strides: [1, 1], dilations: [1, 1],
                                          padsBegin: [1, 1], outSpatial: [height, width]).map { max($0, 0) }
        for threads in [1, 2] {
            let actual = try ConvWinogradTests.winograd(x: x, w: w, bias: bias, activation: .relu, threads: threads,
                                                        instance: ConvWinograd(bandFloats: 2 * 8448))
            #expect(ConvReference.close(actual, expected, rtol: 1e-4, atol: 1e-4), "threads \(threads)")
        }
    }

    @Test("the transformed weights are rebuilt when W changes")
    func weightCache() throws {
        var generator = ConvReference.Generator(seed: 11)
        let x = try Tensor<Float>(shape: [1, 8, 5, 7], scalars: generator.floats(8 * 35))
        let instance = ConvWinograd()
        for _ in 0..<2 {
            let w = try Tensor<Float>(shape: [9, 8, 3, 3], scalars: generator.floats(9 * 8 * 9))
            let expected = ConvReference.conv(x: x, w: w, bias: nil, group: 1, strides: [1, 1], dilations: [1, 1],
                                              padsBegin: [1, 1], outSpatial: [5, 7])
            let actual = try ConvWinogradTests.winograd(x: x, w: w, bias: nil, activation: .identity, threads: 1, instance: instance)
            #expect(ConvReference.close(actual, expected, rtol: 1e-4, atol: 1e-4))
        }
    }

    @Test("the Conv operator dispatches eligible 3×3 convolutions and matches the textbook loop")
    func dispatch() throws {
        var generator = ConvReference.Generator(seed: 5)
        let x = try Tensor<Float>(shape: [1, 16, 9, 10], scalars: generator.floats(16 * 90))
        let w = try Tensor<Float>(shape: [24, 16, 3, 3], scalars: generator.floats(24 * 16 * 9))
        let b = Tensor<Float>(generator.floats(24))
        let node = OperatorNode(name: "test", opType: "Conv", inputs: ["x", "w", "b"], outputs: ["y"], opset: 17,
                                attributes: ["pads": .ints([1, 1, 1, 1])])
        let geometry = try ConvGeometry(x: x.shape, w: w.shape, bias: b.shape, attributes: try ConvAttributes(node), node: node)
        #expect(ConvWinograd.applies(to: geometry) == !ConvWinograd.disabled)
        let kernel = try ConvReference.kernel("Conv", inputs: 3, attributes: ["pads": .ints([1, 1, 1, 1])])
        let y = try ConvReference.run(kernel, [x, w, b], threads: 2)
        let expected = ConvReference.conv(x: x, w: w, bias: b.scalars, group: 1, strides: [1, 1], dilations: [1, 1],
                                          padsBegin: [1, 1], outSpatial: [9, 10])
        #expect(y.shape == [1, 24, 9, 10])
        #expect(ConvReference.close(y.scalars, expected, rtol: 1e-4, atol: 1e-4))
    }
}
