import BioImageRuntime
import BioImageSpec
import BioImageTensor
import Foundation

/// A test network: a (2r+1)^d box filter (mean over the window, zeros outside the input, i.e. a
/// zero-padded "same" convolution with receptive-field radius r) over the spatial axes of a float32
/// input laid out (batch, channel, spatial…), with 1–3 spatial axes.
///
/// Each output is the filtered input, optionally resampled along every spatial axis or reduced to
/// channel 0 without a channel axis. The window is summed in a fixed order, so the same input
/// pixels always give the same bits.
struct BoxFilterRuntime: ModelRuntime {
    /// What one output holds.
    enum Kind: Sendable, Hashable {
        /// The filtered input, same shape.
        case same
        /// Every `k`-th filtered pixel along each spatial axis (size ⌊n/k⌋).
        case downsampled(Int)
        /// Each filtered pixel repeated `k` times along each spatial axis (size n·k).
        case upsampled(Int)
        /// Channel 0 of the filtered input, without the channel axis.
        case withoutChannel
    }

    /// The input id.
    var input: String
    /// The outputs: id and kind.
    var outputs: [String: Kind]
    /// The window radius.
    var radius = 2
    /// Counts calls (shared by copies).
    let calls = CallCounter()

    func run(_ inputs: [String: AnyTensor]) throws(RuntimeError) -> [String: AnyTensor] {
        guard let any = inputs[input] else { throw RuntimeError(.missingTensor, "no input '\(input)'", tensor: input) }
        calls.record(any.shape)
        let x: Tensor<Float>
        do { x = try any.tensor(of: Float.self) } catch { throw RuntimeError(.invalidDType, "\(error)", tensor: input) }
        guard (3...5).contains(x.rank) else { throw RuntimeError(.axisMismatch, "rank \(x.rank)", tensor: input) }
        let filtered = Self.box(x, radius: radius)
        var result: [String: AnyTensor] = [:]
        for (id, kind) in outputs {
            switch kind {
            case .same: result[id] = AnyTensor(filtered)
            case .downsampled(let k): result[id] = AnyTensor(Self.resample(filtered, down: k, up: 1))
            case .upsampled(let k): result[id] = AnyTensor(Self.resample(filtered, down: 1, up: k))
            case .withoutChannel:
                do {
                    let first = try filtered.slice([0..<filtered.shape[0], 0..<1])
                    result[id] = AnyTensor(try first.squeezed(axes: [1]))
                } catch { throw RuntimeError(error, tensor: id) }
            }
        }
        return result
    }

    /// The box filter over axes 2… of `x`.
    static func box(_ x: Tensor<Float>, radius r: Int) -> Tensor<Float> {
        let shape = x.shape
        // Treat as (planes, z, y, x) with missing spatial axes of size 1.
        let spatial = Array(shape.dropFirst(2))
        let dims = [Int](repeating: 1, count: 3 - spatial.count) + spatial
        let planes = shape[0] * shape[1]
        let (nz, ny, nx) = (dims[0], dims[1], dims[2])
        let rz = spatial.count == 3 ? r : 0, ry = spatial.count >= 2 ? r : 0
        let window = Float((2 * rz + 1) * (2 * ry + 1) * (2 * r + 1))
        var out = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { src in
            for p in 0..<planes {
                let base = p * nz * ny * nx
                for z in 0..<nz { for y in 0..<ny { for xx in 0..<nx {
                    var sum: Float = 0
                    for dz in -rz...rz {
                        let zz = z + dz
                        guard zz >= 0, zz < nz else { continue }
                        for dy in -ry...ry {
                            let yy = y + dy
                            guard yy >= 0, yy < ny else { continue }
                            let row = base + (zz * ny + yy) * nx
                            for dx in -r...r {
                                let xs = xx + dx
                                guard xs >= 0, xs < nx else { continue }
                                sum += src[row + xs]
                            }
                        }
                    }
                    out[base + (z * ny + y) * nx + xx] = sum / window
                } } }
            }
        }
        return (try? Tensor(shape: shape, scalars: out)) ?? x
    }

    /// Nearest resampling along axes 2…: output index j reads input index j·down/up.
    static func resample(_ x: Tensor<Float>, down: Int, up: Int) -> Tensor<Float> {
        var shape = x.shape
        for axis in 2..<shape.count { shape[axis] = shape[axis] * up / down }
        let inStrides = x.strides
        let count = shape.reduce(1, *)
        var out = [Float](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: shape.count)
        x.withUnsafeBufferPointer { src in
            for flat in 0..<count {
                var source = 0
                for axis in 0..<shape.count {
                    let i = axis >= 2 ? index[axis] * down / up : index[axis]
                    source += i * inStrides[axis]
                }
                out[flat] = src[source]
                var axis = shape.count - 1
                while axis >= 0 {
                    index[axis] += 1
                    if index[axis] < shape[axis] { break }
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
        return (try? Tensor(shape: shape, scalars: out)) ?? x
    }
}

/// Records the input shape of every call, from any thread.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [[Int]] = []
    func record(_ shape: [Int]) { lock.lock(); recorded.append(shape); lock.unlock() }
    /// The number of calls.
    var value: Int { shapes.count }
    /// The input shape of each call, in order.
    var shapes: [[Int]] { lock.lock(); defer { lock.unlock() }; return recorded }
}
