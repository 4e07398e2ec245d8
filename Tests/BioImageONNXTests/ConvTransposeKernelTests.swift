@testable import BioImageONNX
import BioImageTensor
import Testing

@Suite("ConvTranspose kernel")
struct ConvTransposeKernelTests {
    @Test("stride 2, 1-D: hand-computed scatter")
    func handComputed() throws {
        // X = [1 2 3], W = [1 10 100] (3 taps), stride 2: each x_i adds x_i·W at output 2i.
        // out (length 2·2 + 3 = 7): [1, 10, 100+2, 20, 200+3, 30, 300] = [1 10 102 20 203 30 300], plus bias 0.5
        let x = try Tensor<Float>(shape: [1, 1, 3], scalars: [1, 2, 3])
        let w = try Tensor<Float>(shape: [1, 1, 3], scalars: [1, 10, 100])
        let kernel = try ConvReference.kernel("ConvTranspose", inputs: 3, attributes: ["strides": .ints([2])])
        let y = try ConvReference.run(kernel, [x, w, Tensor<Float>([0.5])])
        #expect(y.shape == [1, 1, 7])
        #expect(y.scalars == [1.5, 10.5, 102.5, 20.5, 203.5, 30.5, 300.5])
    }

    @Test("pads crop and output_padding extends the end")
    func padsAndOutputPadding() throws {
        // Same scatter as above; pads [1, 2] drop 1 at the start and 2 at the end: [10 102 20 203]
        // output_padding 1 with no pads appends one more (zero) position: [1 10 102 20 203 30 300 0]
        let x = try Tensor<Float>(shape: [1, 1, 3], scalars: [1, 2, 3])
        let w = try Tensor<Float>(shape: [1, 1, 3], scalars: [1, 10, 100])
        let cropped = try ConvReference.run(try ConvReference.kernel("ConvTranspose", inputs: 2, attributes: [
            "strides": .ints([2]), "pads": .ints([1, 2])]), [x, w])
        #expect(cropped.scalars == [10, 102, 20, 203])
        let extended = try ConvReference.run(try ConvReference.kernel("ConvTranspose", inputs: 2, attributes: [
            "strides": .ints([2]), "output_padding": .ints([1])]), [x, w])
        #expect(extended.scalars == [1, 10, 102, 20, 203, 30, 300, 0])
    }

    @Test("is the adjoint of Conv: ⟨Conv(x), y⟩ = ⟨x, ConvTranspose(y)⟩ for matching attributes", arguments: 0..<12)
    func adjoint(seed: Int) throws {
        var rng = ConvReference.Generator(seed: UInt64(seed) + 1000)
        let spatial = rng.int(1...3), group = rng.int(1...2), cg = rng.int(1...3), mg = rng.int(1...3)
        var inSpatial: [Int] = [], kernel: [Int] = [], strides: [Int] = [], dilations: [Int] = [], begin: [Int] = [], end: [Int] = []
        for _ in 0..<spatial {
            let k = rng.int(1...3), d = rng.int(1...2), s = rng.int(1...2)
            kernel.append(k); dilations.append(d); strides.append(s)
            begin.append(rng.int(0...1)); end.append(rng.int(0...1))
            // Sizes where the strided windows tile the padded input exactly, so the adjoint has no leftover.
            let outSize = rng.int(2...6)
            inSpatial.append((outSize - 1) * s + (k - 1) * d + 1 - begin.last! - end.last!)
        }
        guard inSpatial.allSatisfy({ $0 >= 1 }) else { return }
        let x = try Tensor<Float>(shape: [1, cg * group] + inSpatial, scalars: rng.floats(cg * group * inSpatial.reduce(1, *)))
        let w = try Tensor<Float>(shape: [mg * group, cg] + kernel, scalars: rng.floats(mg * group * cg * kernel.reduce(1, *)))
        let attributes: [String: AttributeValue] = ["group": .int(group), "strides": .ints(strides), "dilations": .ints(dilations),
                                                    "pads": .ints(begin + end)]
        let conv = try ConvReference.run(try ConvReference.kernel("Conv", inputs: 2, attributes: attributes), [x, w])
        let y = try Tensor<Float>(shape: conv.shape, scalars: rng.floats(conv.count))
        let back = try ConvReference.run(try ConvReference.kernel("ConvTranspose", inputs: 2, attributes: attributes), [y, w])
        #expect(back.shape == x.shape)
        guard back.shape == x.shape else { return }
        let lhs = zip(conv.scalars, y.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        let rhs = zip(x.scalars, back.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        #expect(abs(lhs - rhs) <= 1e-4 * max(1, abs(lhs)), "seed \(seed): \(lhs) vs \(rhs)")
    }

    @Test("auto_pad SAME_UPPER makes the output input·stride long")
    func samePadding() throws {
        // Full output would be 2·(3-1) + 3 = 7; SAME targets 6, total padding 1, SAME_UPPER puts it at the end:
        // [1 10 102 20 203 30]
        let x = try Tensor<Float>(shape: [1, 1, 3], scalars: [1, 2, 3])
        let w = try Tensor<Float>(shape: [1, 1, 3], scalars: [1, 10, 100])
        let y = try ConvReference.run(try ConvReference.kernel("ConvTranspose", inputs: 2, attributes: [
            "strides": .ints([2]), "auto_pad": .string("SAME_UPPER")]), [x, w])
        #expect(y.scalars == [1, 10, 102, 20, 203, 30])
    }
}
