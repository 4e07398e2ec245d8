import BioImageSpec

extension ProcessingStep {
    /// Runs this one step on `tensor` as bioimageio.core would inside a model's pipeline.
    ///
    /// The tensor's axes stand for the described axes. Statistics the step needs are read from
    /// `statistics`, or, when that is `nil`, computed from `tensor` itself (dataset statistics from
    /// this tensor alone, as for the first sample of a pipeline).
    ///
    /// ```swift
    /// let x = try LabeledTensor(Tensor<Float>(shape: [3, 3], scalars: (0..<9).map(Float.init)), axes: ["y", "x"])
    /// let y = try ProcessingStep.zeroMeanUnitVariance(ZeroMeanUnitVarianceKwargs()).applied(to: x)
    /// ```
    /// - Parameters:
    ///   - id: the tensor id the step's measures and `reference_tensor` refer to.
    ///   - isInput: whether the step is preprocessing (only changes the wording of errors).
    ///   - statistics: the measure values to use; `nil` computes them from `tensor`.
    /// - Throws: ``RuntimeError/Code/unsupportedStep`` for a step that cannot run,
    ///   ``RuntimeError/Code/axisMismatch`` for a parameter along an axis the tensor lacks,
    ///   ``RuntimeError/Code/missingTensor`` for statistics of another tensor not given.
    public func applied(to tensor: LabeledTensor, id: String = "tensor", isInput: Bool = true, statistics: MeasureValues? = nil) throws(RuntimeError) -> LabeledTensor {
        let operation = try StepResolver(tensor: id, axes: tensor.axes, isInput: isInput, index: 0).operation(self)
        var values = statistics ?? MeasureValues()
        if statistics == nil {
            let measures = operation.requiredMeasures
            let sample = Sample([id: tensor])
            values = try StatisticsCalculator.sampleValues(for: measures, in: sample)
            let dataset = measures.filter { $0.scope == .dataset }
            if !dataset.isEmpty {
                values = values.merging(try DatasetStatistics().update(with: sample, measures: dataset))
            }
        }
        return try operation.apply(to: tensor, statistics: values, id: id)
    }
}
