import BioImageSpec

/// The geometry prediction needs from a 0.5 description: the halo of every input axis and how
/// every output axis follows an input axis (notes §e.4).
///
/// The input halo of axis (t, a) is the largest `halo · out.scale / ref.scale` over the output axes
/// whose size references (t, a), keyed by the **referenced** input axis (bioimageio.core 0.11.0 keys
/// it by the output axis id, which only works when both ids are equal). An input axis whose size
/// references another input axis takes that axis's halo, scaled, so both split alike.
struct ModelGeometry: Sendable {
    /// Input halo on each side, by input id and axis id (absent: 0).
    private(set) var inputHalos: [String: [String: Int]] = [:]
    /// How each axis of each output (by id, in description order) follows the inputs.
    private(set) var outputLinks: [String: [OutputAxisLink]] = [:]
    /// The position granularity of each input axis that outputs follow with a fractional ratio
    /// (absent: 1): block starts must be multiples of it so output pixels line up.
    private(set) var alignments: [String: [String: Int]] = [:]

    /// Derives the geometry; throws ``RuntimeError/Code/unsupportedModel`` when a halo does not
    /// scale to a whole number of input (or output) pixels.
    init(_ model: ModelDescription, name: String) throws(RuntimeError) {
        var inputAxes: [String: [String: Axis]] = [:]
        for input in model.inputs {
            inputAxes[input.id] = Dictionary(input.axes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let batchInput = model.inputs.first { $0.axes.contains { if case .batch = $0 { true } else { false } } }?.id

        // Input halos first: the crop of each output axis follows from them.
        for output in model.outputs {
            for axis in output.axes {
                guard let halo = axis.halo, halo > 0, let reference = axis.size?.referenceValue,
                      let referenced = inputAxes[reference.tensorID]?[reference.axisID] else { continue }
                let exact = Double(halo) * axis.scale / referenced.scale
                guard let inputHalo = Self.wholeNumber(exact) else {
                    throw RuntimeError(.unsupportedModel, "the halo \(halo) scales to \(exact) pixels of input '\(reference.tensorID)' axis '\(reference.axisID)', not a whole number",
                                       model: name, tensor: output.id, axis: axis.id)
                }
                inputHalos[reference.tensorID, default: [:]][reference.axisID] = max(inputHalo, inputHalos[reference.tensorID]?[reference.axisID] ?? 0)
            }
        }

        // An input axis whose size follows another input axis shares its halo (scaled), so both
        // split into the same blocks.
        for _ in 0..<model.inputs.count {
            for input in model.inputs {
                for axis in input.axes {
                    guard let reference = axis.size?.referenceValue,
                          let referenced = inputAxes[reference.tensorID]?[reference.axisID] else { continue }
                    let source = halo(tensor: reference.tensorID, axis: reference.axisID)
                    guard source > 0, let scaled = Self.wholeNumber(Double(source) * referenced.scale / axis.scale) else { continue }
                    if scaled > halo(tensor: input.id, axis: axis.id) { inputHalos[input.id, default: [:]][axis.id] = scaled }
                }
            }
        }

        for output in model.outputs {
            var links: [OutputAxisLink] = []
            for axis in output.axes {
                links.append(try link(for: axis, output: output.id, inputAxes: inputAxes, batchInput: batchInput, name: name))
            }
            outputLinks[output.id] = links
        }
    }

    /// The input halo of one axis on each side.
    func halo(tensor: String, axis: String) -> Int { inputHalos[tensor]?[axis] ?? 0 }

    /// The alignment of one input axis (1 when no output needs one).
    func alignment(tensor: String, axis: String) -> Int { alignments[tensor]?[axis] ?? 1 }

    private mutating func link(for axis: Axis, output: String, inputAxes: [String: [String: Axis]], batchInput: String?,
                               name: String) throws(RuntimeError) -> OutputAxisLink {
        if case .batch = axis {
            guard let batchInput else { return .unstitchable("the output has a batch axis but no input has one") }
            return .linked(InputAxisLink(tensor: batchInput, axis: "batch", ratio: 1, offset: 0, crop: 0))
        }
        switch axis.size {
        case nil:
            return .unstitchable("it has no size")
        case .fixed(let size)?:
            return .whole(size)
        case .dataDependent?:
            return .unstitchable("its size is data-dependent, so blocks cannot be stitched")
        case .parameterized?:
            return .unstitchable("an output axis cannot have a parameterized size")
        case .reference(let reference)?:
            guard let referenced = inputAxes[reference.tensorID]?[reference.axisID] else {
                return .unstitchable("its size refers to '\(reference.tensorID)' axis '\(reference.axisID)', which is not an input axis")
            }
            let ratio = referenced.scale / axis.scale
            let inputHalo = halo(tensor: reference.tensorID, axis: reference.axisID)
            let exactCrop = Double(inputHalo) * ratio
            guard let crop = Self.wholeNumber(exactCrop) else {
                throw RuntimeError(.unsupportedModel, "the input halo \(inputHalo) of '\(reference.tensorID)' axis '\(reference.axisID)' scales to \(exactCrop) output pixels, not a whole number",
                                   model: name, tensor: output, axis: axis.id)
            }
            if let stride = Self.stride(for: ratio) {
                let current = alignment(tensor: reference.tensorID, axis: reference.axisID)
                alignments[reference.tensorID, default: [:]][reference.axisID] = Self.leastCommonMultiple(current, stride)
            } else {
                return .unstitchable("its scale ratio \(ratio) to '\(reference.tensorID)' axis '\(reference.axisID)' is not a simple fraction")
            }
            return .linked(InputAxisLink(tensor: reference.tensorID, axis: reference.axisID, ratio: ratio,
                                         offset: reference.offset, crop: crop))
        }
    }

    /// `int(referenceSize · referenceScale / scale + offset)` as ``SizeReference/size(referenceSize:referenceScale:scale:)``,
    /// or `nil` when the scales make it undefined (zero, infinite) or it leaves the `Int` range.
    static func referencedSize(_ reference: SizeReference, referenceSize: Int, referenceScale: Double, scale: Double) -> Int? {
        let exact = Double(referenceSize) * referenceScale / scale + Double(reference.offset)
        guard exact.isFinite, abs(exact) < 1e15 else { return nil }
        return Int(exact.rounded(.towardZero))
    }

    /// `value` when it is (within 1e-9) a whole number ≥ 0.
    static func wholeNumber(_ value: Double) -> Int? {
        let rounded = value.rounded()
        guard value.isFinite, rounded >= 0, rounded < 1e15, abs(value - rounded) <= 1e-9 * max(1, abs(value)) else { return nil }
        return Int(rounded)
    }

    /// The smallest q in 1…4096 for which q·ratio is a whole number.
    static func stride(for ratio: Double) -> Int? {
        guard ratio > 0, ratio.isFinite else { return nil }
        for q in 1...4096 where wholeNumber(Double(q) * ratio) != nil { return q }
        return nil
    }

    static func leastCommonMultiple(_ a: Int, _ b: Int) -> Int {
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 0 : a / x * b
    }
}

/// How one output axis relates to the inputs.
enum OutputAxisLink: Sendable, Hashable {
    /// A fixed size: every block's output holds the whole axis.
    case whole(Int)
    /// Follows an input axis linearly.
    case linked(InputAxisLink)
    /// Cannot be assembled from blocks, with the reason.
    case unstitchable(String)
}

/// An output axis following input axis (`tensor`, `axis`): output coordinate = ⌊input · ratio⌋ + offset.
struct InputAxisLink: Sendable, Hashable {
    /// The input tensor id.
    var tensor: String
    /// The input axis id.
    var axis: String
    /// `ref.scale / out.scale`.
    var ratio: Double
    /// The size offset of the reference.
    var offset: Int
    /// Output pixels to drop on each side: the input halo times ``ratio``.
    var crop: Int

    /// ⌊`position` · ratio⌋ (a position or length along the input axis, mapped to the output).
    func scaled(_ position: Int) -> Int {
        let exact = Double(position) * ratio
        if let whole = ModelGeometry.wholeNumber(exact) { return whole }
        return Int(exact.rounded(.down))
    }
}
