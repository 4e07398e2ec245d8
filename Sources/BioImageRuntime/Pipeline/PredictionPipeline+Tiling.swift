import BioImageTensor

extension PredictionPipeline {
    /// Block-wise prediction of conformed, size-checked inputs (notes §e.4).
    ///
    /// Holds the whole inputs, one block's inputs and outputs at a time, and the stitched outputs.
    func predictTiled(_ inputs: Sample, options: TilingOptions,
                      progress: (@Sendable (BlockProgress) -> Void)?) throws(RuntimeError) -> Sample {
        let description = model.description
        let layout = try TilingLayout(model: description, name: model.displayName, geometry: geometry, sample: inputs, options: options)
        // Statistics once, on the whole unpadded sample (never per block).
        let statistics = try processing.inputStatistics(for: inputs)
        let stitchRaw = processing.postprocessingNeedsOutputStatistics
        var canvases: [String: OutputCanvas] = [:]
        for index in 0..<layout.blockCount {
            var block = Sample()
            for tiling in layout.inputs {
                guard let tensor = inputs[tiling.id] else { continue }
                block[tiling.id] = try tiling.block(index, of: tensor)
            }
            var outputs = try runModel(processing.preprocess(block, statistics: statistics))
            if !stitchRaw { outputs = try processing.postprocess(outputs, statistics: statistics) }
            for output in description.outputs {
                guard let tensor = outputs[output.id] else {
                    throw RuntimeError(.executionFailed, "the block outputs have no tensor '\(output.id)'", tensor: output.id)
                }
                let placement = try layout.placement(output: output.id, block: index, blockShape: tensor.shape)
                if canvases[output.id] == nil {
                    canvases[output.id] = try OutputCanvas(dtype: tensor.dtype, shape: placement.sampleShape, tensor: output.id)
                }
                guard canvases[output.id]?.shape == placement.sampleShape else {
                    throw RuntimeError(.executionFailed, "block \(index) implies an output of shape \(placement.sampleShape), earlier blocks \(canvases[output.id]?.shape ?? [])", tensor: output.id)
                }
                try canvases[output.id]?.paste(tensor.tensor, source: placement.source, destination: placement.destination,
                                               extent: placement.extent, tensor: output.id)
            }
            progress?(BlockProgress(completed: index + 1, total: layout.blockCount))
        }
        var result = Sample()
        for output in description.outputs {
            guard let canvas = canvases[output.id] else { continue }
            result[output.id] = try LabeledTensor(canvas.tensor(), axes: output.axes.map(\.id))
        }
        if stitchRaw { result = try postprocessed(result, statistics: statistics) }
        return result
    }
}
