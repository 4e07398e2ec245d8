import Foundation

/// How `Resize` maps an output coordinate back to the input, one case per
/// `coordinate_transformation_mode` (plus the fixed mapping of `Upsample` and `Resize-10`).
enum ResizeCoordinateMode: String, Sendable {
    case halfPixel = "half_pixel"
    case halfPixelSymmetric = "half_pixel_symmetric"
    case pytorchHalfPixel = "pytorch_half_pixel"
    case alignCorners = "align_corners"
    case asymmetric
    case tfHalfPixelForNN = "tf_half_pixel_for_nn"
    case tfCropAndResize = "tf_crop_and_resize"
}

/// How `Resize` interpolates: nearest neighbour (with its rounding rule), linear or cubic, with or without antialiasing.
enum ResizeInterpolation: Sendable, Hashable {
    /// The rounding of a fractional source coordinate in nearest mode.
    enum Rounding: String, Sendable {
        case roundPreferFloor = "round_prefer_floor"
        case roundPreferCeil = "round_prefer_ceil"
        case floor
        case ceil
        /// `Upsample` and `Resize-10` (as onnxruntime): floor when up-sampling, ceil when down-sampling.
        case legacy
    }

    case nearest(Rounding)
    case linear(antialias: Bool)
    case cubic(a: Double, antialias: Bool)
}

/// The resampling of one axis: for every output position, the input positions it reads and their
/// weights (or the extrapolation value), computed in double precision exactly as the ONNX reference
/// implementation (`onnx.reference.ops.op_resize`).
struct ResizeAxisPlan: Sendable {
    let input: Int
    let output: Int
    /// Taps per output position (1 for nearest).
    let taps: Int
    /// `output × taps` input indices, clamped into the input (edge padding).
    let indices: [Int]
    /// `output × taps` weights.
    let weights: [Double]
    /// Output positions that take the extrapolation value (`tf_crop_and_resize` outside the ROI), or empty.
    let extrapolated: [Bool]

    /// Plans one axis resampled from `input` to `output` positions with `scale`.
    init(input: Int, output: Int, scale: Double, roi: (start: Double, end: Double), coordinates: ResizeCoordinateMode,
         interpolation: ResizeInterpolation, excludeOutside: Bool) {
        self.input = input
        self.output = output
        let width = scale * Double(input)  // the reference's (fractional) output width
        var taps = 1
        // Callers guarantee scale > 0; with no output (or no input) there is nothing to plan, and
        // otherwise scale ≥ 1 / input bounds the antialiasing footprint by about 2 · input taps.
        if output == 0 || input == 0 || !(scale > 0) || !scale.isFinite {
            self.taps = 1
            indices = []
            weights = []
            extrapolated = []
            return
        }
        switch interpolation {
        case .nearest: taps = 1
        case .linear(let antialias):
            if antialias && scale < 1 { taps = 2 - 2 * Int((-1 / scale).rounded(.down) + 1) } else { taps = 2 }
        case .cubic(_, let antialias):
            if antialias && scale < 1 { taps = 2 - 2 * Int((-2 / scale).rounded(.down) + 1) } else { taps = 4 }
        }
        self.taps = taps
        var indices = [Int](repeating: 0, count: output * taps)
        var weights = [Double](repeating: 0, count: output * taps)
        var extrapolated = [Bool]()
        if coordinates == .tfCropAndResize { extrapolated = [Bool](repeating: false, count: output) }
        let last = Double(input - 1)
        for y in 0..<output {
            let yd = Double(y)
            var x: Double
            switch coordinates {
            case .halfPixel: x = (yd + 0.5) / scale - 0.5
            case .halfPixelSymmetric:
                let adjustment = Double(output) / width
                let offset = Double(input) / 2 * (1 - adjustment)
                x = offset + (yd + 0.5) / scale - 0.5
            case .pytorchHalfPixel: x = width == 1 ? -0.5 : (yd + 0.5) / scale - 0.5
            case .alignCorners: x = width == 1 ? 0 : yd * last / (width - 1)
            case .asymmetric: x = yd / scale
            case .tfHalfPixelForNN: x = (yd + 0.5) / scale
            case .tfCropAndResize:
                x = width == 1 ? (roi.end - roi.start) * last / 2 : yd * (roi.end - roi.start) * last / (width - 1)
                x += roi.start * last
                if x < 0 || x > last { extrapolated[y] = true }
            }
            // Far-out coordinates all clamp to an edge; keep them finite and convertible to Int.
            if x.isNaN { x = 0 }
            x = Swift.min(Swift.max(x, -1e12), 1e12)
            let base = y * taps
            let floorX = x.rounded(.down)
            let ratio = x == floorX ? 1 : x - floorX
            if case .nearest(let rounding) = interpolation {
                var index: Double
                if x == floorX {
                    index = x
                } else {
                    switch rounding {
                    case .roundPreferFloor: index = ratio <= 0.5 ? floorX : floorX + 1
                    case .roundPreferCeil: index = ratio < 0.5 ? floorX : floorX + 1
                    case .floor: index = floorX
                    case .ceil: index = floorX + 1
                    case .legacy: index = scale < 1 ? floorX + 1 : floorX
                    }
                }
                indices[base] = Self.clamp(index, input)
                weights[base] = 1
                continue
            }
            // The coefficients for the taps start, start + 1, … (the n nearest positions, ties to the left).
            var coefficients = [Double](repeating: 0, count: taps)
            switch interpolation {
            case .nearest: break
            case .linear(let antialias):
                if antialias && scale < 1 {
                    let first = Int((-1 / scale).rounded(.down) + 1)
                    for t in 0..<taps { coefficients[t] = Swift.max(0, Swift.min(1, 1 - Swift.abs((Double(first + t) - ratio) * scale))) }
                } else {
                    coefficients[0] = 1 - ratio
                    coefficients[1] = ratio
                }
            case .cubic(let a, let antialias):
                if antialias && scale < 1 {
                    let first = Int((-2 / scale).rounded(.down) + 1)
                    for t in 0..<taps { coefficients[t] = Self.cubic(scale * (Double(first + t) - ratio), a: a) }
                } else {
                    coefficients[0] = ((a * (ratio + 1) - 5 * a) * (ratio + 1) + 8 * a) * (ratio + 1) - 4 * a
                    coefficients[1] = ((a + 2) * ratio - (a + 3)) * ratio * ratio + 1
                    coefficients[2] = ((a + 2) * (1 - ratio) - (a + 3)) * (1 - ratio) * (1 - ratio) + 1
                    coefficients[3] = ((a * (2 - ratio) - 5 * a) * (2 - ratio) + 8 * a) * (2 - ratio) - 4 * a
                }
            }
            if Self.antialiased(interpolation) {
                let total = coefficients.reduce(0, +)
                if total != 0 { for t in 0..<taps { coefficients[t] /= total } }
            }
            // Window start, as the reference's edge-padded neighbour search.
            let pad = (taps + 1) / 2
            let padded = x + Double(pad)
            let p = padded.rounded(.down)
            let fraction = padded - p
            let offset: Int
            if taps % 2 == 0 {
                offset = fraction == 0 ? -(taps / 2) : -(taps / 2) + 1
            } else {
                offset = fraction <= 0.5 ? -((taps - 1) / 2) : -((taps - 1) / 2) + 1
            }
            let start = Int(p) + offset - pad
            if excludeOutside {
                for t in 0..<taps where start + t < 0 || start + t >= input { coefficients[t] = 0 }
                var total = coefficients.reduce(0, +)
                if total == 0 { total = 1 }
                for t in 0..<taps { coefficients[t] /= total }
            }
            for t in 0..<taps {
                indices[base + t] = Swift.min(Swift.max(start + t, 0), input - 1)
                weights[base + t] = coefficients[t]
            }
        }
        self.indices = indices
        self.weights = weights
        self.extrapolated = extrapolated
    }

    /// Whether the interpolation normalises antialiasing coefficients.
    private static func antialiased(_ interpolation: ResizeInterpolation) -> Bool {
        switch interpolation {
        case .nearest: false
        case .linear(let antialias), .cubic(_, let antialias): antialias
        }
    }

    /// Keys' cubic convolution kernel at distance `x`.
    private static func cubic(_ x: Double, a: Double) -> Double {
        let x = Swift.abs(x)
        if x <= 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        return 0
    }

    /// `value` as an index clamped into `0..<input` (saturating for huge or non-finite values).
    private static func clamp(_ value: Double, _ input: Int) -> Int {
        guard value > 0 else { return 0 }
        guard value < Double(input - 1) else { return input - 1 }
        return Int(value)
    }
}
