import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation

/// Model descriptions for ``BoxFilterRuntime``: input `raw` (batch, channel, spatial…) with
/// parameterized spatial sizes, outputs whose sizes reference `raw` and carry a halo.
enum BoxFilterModels {
    /// One output of a test model.
    struct Output: Sendable {
        var id: String
        var kind: BoxFilterRuntime.Kind
        /// The output halo (in output pixels).
        var halo: Int
    }

    /// A prepared model and the runtime that implements it.
    static func make(spatial: [String] = ["y", "x"], min: Int = 16, step: Int = 8, outputs: [Output],
                     pad: Padding? = nil, batchSize: Int? = nil, channels: Int = 1,
                     radius: Int = 2) -> (model: PreparedModel, runtime: BoxFilterRuntime) {
        var inputAxes: [Axis] = [.batch(BatchAxis(size: batchSize)),
                                 .channel(ChannelAxis(channelNames: (0..<channels).map { "c\($0)" }))]
        for id in spatial {
            inputAxes.append(.space(SpaceTimeAxis(size: .parameterized(ParameterizedSize(min: min, step: step)), id: id)))
        }
        let input = InputTensorDescription(id: "raw", axes: inputAxes, pad: pad)
        var described: [OutputTensorDescription] = []
        var kinds: [String: BoxFilterRuntime.Kind] = [:]
        for output in outputs {
            var axes: [Axis] = [.batch(BatchAxis())]
            if output.kind != .withoutChannel {
                axes.append(.channel(ChannelAxis(channelNames: (0..<channels).map { "c\($0)" })))
            }
            let scale: Double
            switch output.kind {
            case .downsampled(let k): scale = Double(k)
            case .upsampled(let k): scale = 1 / Double(k)
            case .same, .withoutChannel: scale = 1
            }
            for id in spatial {
                axes.append(.space(SpaceTimeAxis(halo: output.halo, size: .reference(SizeReference(tensorID: "raw", axisID: id)),
                                                 id: id, scale: scale)))
            }
            described.append(OutputTensorDescription(id: output.id, axes: axes))
            kinds[output.id] = output.kind
        }
        let weights = WeightsDescription(entries: [WeightsEntry(source: "box.onnx", details: .onnx(opsetVersion: 17, externalData: nil))])
        let description = ModelDescription(name: "box filter", id: "box-filter", inputs: [input], outputs: described, weights: weights)
        let reader = ResourceReader(descriptionFile: URL(fileURLWithPath: "/nonexistent/box/rdf.yaml"))
        return (PreparedModel(description: description, reader: reader), BoxFilterRuntime(input: "raw", outputs: kinds, radius: radius))
    }

    /// A float32 image of `shape` with reproducible pseudo-random values in [0, 1).
    static func image(_ shape: [Int], seed: UInt64 = 1) -> Tensor<Float> {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        let count = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: count)
        for index in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values[index] = Float(state >> 40) / Float(1 << 24)
        }
        return (try? Tensor(shape: shape, scalars: values)) ?? Tensor(0)
    }

    /// The box filter computed directly on the whole image, each spatial index outside the image
    /// mirrored as numpy's `np.pad` mode does for widths ≤ the axis (an independent formula):
    /// symmetric `-1 → 0`, reflect `-1 → 1`, edge `-1 → 0`, constant → `value`.
    /// Sums the window in the runtime's order (z, y, x), so the bits match exactly.
    static func expected(_ x: Tensor<Float>, radius r: Int, pad: Padding? = nil) -> Tensor<Float> {
        let shape = x.shape
        let spatial = Array(shape.dropFirst(2))
        let dims = [Int](repeating: 1, count: 3 - spatial.count) + spatial
        let (nz, ny, nx) = (dims[0], dims[1], dims[2])
        let rz = spatial.count == 3 ? r : 0, ry = spatial.count >= 2 ? r : 0
        let window = Float((2 * rz + 1) * (2 * ry + 1) * (2 * r + 1))
        func mirror(_ i: Int, _ n: Int) -> Int? {
            if i >= 0 && i < n { return i }
            switch pad ?? .symmetric {
            case .symmetric: return i < 0 ? -i - 1 : 2 * n - 1 - i
            case .reflect: return i < 0 ? -i : 2 * n - 2 - i
            case .edge: return i < 0 ? 0 : n - 1
            case .constant: return nil
            }
        }
        var constant: Float = 0
        if case .constant(let value)? = pad { constant = Float(value) }
        let scalars = x.scalars
        var out = [Float](repeating: 0, count: x.count)
        for p in 0..<(shape[0] * shape[1]) {
            let base = p * nz * ny * nx
            for z in 0..<nz { for y in 0..<ny { for xx in 0..<nx {
                var sum: Float = 0
                for dz in -rz...rz { for dy in -ry...ry { for dx in -r...r {
                    if let zs = mirror(z + dz, nz), let ys = mirror(y + dy, ny), let xs = mirror(xx + dx, nx) {
                        sum += scalars[base + (zs * ny + ys) * nx + xs]
                    } else {
                        sum += constant
                    }
                } } }
                out[base + (z * ny + y) * nx + xx] = sum / window
            } } }
        }
        return (try? Tensor(shape: shape, scalars: out)) ?? x
    }
}
