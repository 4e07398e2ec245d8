import BioImageRuntime
import BioImageTensor
import Testing

@Suite struct LabeledTensorTests {
    @Test func transposesByAxisIdInsertingAndDroppingSizeOneAxes() throws {
        // [y: 2, x: 3] holding 0...5 → [batch: 1, channel: 1, x: 3, y: 2]: element (x, y) = y·3 + x.
        let tensor = try LabeledTensor(Tensor<Float>(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5]), axes: ["y", "x"])
        let moved = try tensor.transposed(to: ["batch", "channel", "x", "y"])
        #expect(moved.shape == [1, 1, 3, 2])
        #expect(try moved.tensor.tensor(of: Float.self).scalars == [0, 3, 1, 4, 2, 5])
        let back = try moved.transposed(to: ["y", "x"])
        #expect(back == tensor)
    }

    @Test func refusesToDropAnAxisLongerThanOne() throws {
        let tensor = try LabeledTensor(Tensor<Float>(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5]), axes: ["y", "x"])
        #expect(throws: RuntimeError.self) { try tensor.transposed(to: ["x"]) }
        #expect(throws: RuntimeError.self) { try LabeledTensor(Tensor<Float>([1, 2]), axes: ["x", "y"]) }
    }
}
