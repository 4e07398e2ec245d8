import BioImageTensor

/// `Conv` (opset 1–22): 1-D to 3-D convolution with groups, dilations, strides, explicit or automatic
/// padding and an optional bias, plus an activation fused by ``ConvActivationFusion``.
///
/// The input is copied once into a zero-padded buffer; a stride-1 convolution then reads it as an
/// implicit im2col matrix (one offset per input channel and kernel tap) straight from the micro-kernel,
/// and strided ones gather each column tile first. float16 and float64 run through float32.
struct ConvKernel: OperatorKernel {
    let node: OperatorNode
    let attributes: ConvAttributes
    let activation: FusedActivation
    /// The Winograd path for 3×3 stride-1 convolutions, with this node's transformed weights.
    let winograd = ConvWinograd()

    init(_ node: OperatorNode) throws(ONNXError) {
        try node.checkAttributes(["auto_pad", "dilations", "group", "kernel_shape", "pads", "strides",
                                  FusedActivation.nameAttribute, FusedActivation.parametersAttribute])
        self.node = node
        attributes = try ConvAttributes(node)
        let name: String? = node.attributes[FusedActivation.nameAttribute] == nil
            ? nil : try node.string(FusedActivation.nameAttribute, default: "")
        let parameters = try node.floats(FusedActivation.parametersAttribute) ?? []
        guard let activation = FusedActivation(name: name, parameters: parameters) else {
            throw node.error(.invalidAttribute, "unsupported fused activation '\(name ?? "")' with parameters \(parameters)")
        }
        self.activation = activation
    }

    func run(_ inputs: [AnyTensor?], context: KernelContext) throws(ONNXError) -> [AnyTensor] {
        guard inputs.count >= 2, let xAny = inputs[0], let wAny = inputs[1] else {
            throw node.error(.invalidInput, "Conv needs inputs X and W")
        }
        let x = try FloatOperand.float32(xAny, name: "X", node: node)
        let w = try FloatOperand.float32(wAny, name: "W", node: node)
        let b = try inputs.count > 2 ? inputs[2].map { (t: AnyTensor) throws(ONNXError) in try FloatOperand.float32(t, name: "B", node: node) } : nil
        let geometry = try ConvGeometry(x: x.shape, w: w.shape, bias: b?.shape, attributes: attributes, node: node)
        let out = ConvWinograd.applies(to: geometry)
            ? winograd.convolve(x: x, w: w, bias: b, geometry: geometry, activation: activation, threads: context.threads)
            : ConvKernel.convolve(x: x, w: w, bias: b, geometry: geometry, activation: activation, threads: context.threads)
        return [try FloatOperand.result(shape: geometry.outputShape, scalars: out, dtype: xAny.dtype, node: node)]
    }

    /// Computes the convolution in float32; `geometry` has been checked against the shapes.
    static func convolve(x: Tensor<Float>, w: Tensor<Float>, bias: Tensor<Float>?, geometry g: ConvGeometry,
                         activation: FusedActivation, threads: Int) -> [Float] {
        let outCount = g.outputShape.reduce(1, *)
        guard outCount > 0 else { return [] }
        let kernel = MicroKernel.preferred
        let groupRows = g.outChannels / g.group
        let depth = g.groupChannels * g.kernelSize
        let padded = g.paddedSpatial
        let hasPads = g.pads.contains { $0 != 0 }
        let paddedPlane = hasPads ? ConvKernel.planeStride(padded[0] * padded[1] * padded[2]) : g.inSpatial.reduce(1, *)
        // The padded copy also staggers channel planes so the taps of one tile do not alias in L1 sets.
        // Without padding the input is read in place (for 1×1 convolutions the copy costs more than
        // the aliasing).
        let needsCopy = hasPads
        let slack = kernel.width * 2
        let sourceCount = needsCopy ? g.batch * g.inChannels * paddedPlane + slack : x.count

        // Offsets of every (input channel, tap) in the (padded) input, relative to a column's origin.
        var offsets = [Int](repeating: 0, count: max(depth, 1))
        var maxOffset = 0
        for c in 0..<g.groupChannels {
            for kz in 0..<g.kernel[0] {
                for ky in 0..<g.kernel[1] {
                    for kx in 0..<g.kernel[2] {
                        let k = ((c * g.kernel[0] + kz) * g.kernel[1] + ky) * g.kernel[2] + kx
                        let offset = c * paddedPlane + kz * g.dilations[0] * padded[1] * padded[2]
                            + ky * g.dilations[1] * padded[2] + kx * g.dilations[2]
                        offsets[k] = offset
                        maxOffset = max(maxOffset, offset)
                    }
                }
            }
        }
        let out = g.outSpatial
        let unitStride = g.strides.allSatisfy { $0 == 1 }
        let lastUnitStart = ((g.batch - 1) * g.inChannels + (g.group - 1) * g.groupChannels) * paddedPlane
        let layout = ColumnLayout(
            planes: out[0], rowsPerPlane: unitStride ? padded[1] : out[1], validRows: out[1],
            rowPitch: unitStride ? padded[2] : out[2], validColumns: out[2],
            bPlaneStride: g.strides[0] * padded[1] * padded[2], bRowStride: g.strides[1] * padded[2],
            bColumnStride: g.strides[2], directLimit: sourceCount - lastUnitStart - maxOffset,
            touchStride: g.kernel[2] * g.dilations[2] <= 16 ? g.kernel[2] : 1)
        let outPlane = out[0] * out[1] * out[2]

        let packedSize = PackedPanels.size(kernel, rowCount: groupRows, depth: depth)
        let packed = UnsafeMutableRawPointer.allocate(byteCount: max(1, g.group * packedSize) * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(1, g.group * packedSize))
        defer { packed.deallocate() }
        w.withUnsafeBufferPointer { w in
            guard let base = w.baseAddress else { return }
            for group in 0..<g.group {
                PackedPanels.pack(kernel, rowCount: groupRows, depth: depth, source: base + group * groupRows * depth,
                                  rowStride: depth, columnStride: 1, into: packed + group * packedSize)
            }
        }

        return HugePages.makeArray(count: outCount, minimumByteCount: 1 << 21) { result in
            guard let resultBase = result.baseAddress else { return }
            let run = { (source: UnsafePointer<Float>) in
                offsets.withUnsafeBufferPointer { offsets in
                    guard let offsetBase = offsets.baseAddress else { return }
                    let biasValues = bias?.scalars ?? []
                    biasValues.withUnsafeBufferPointer { biasBuffer in
                        var units: [GEMMUnit] = []
                        units.reserveCapacity(g.batch * g.group)
                        for n in 0..<g.batch {
                            for group in 0..<g.group {
                                units.append(GEMMUnit(
                                    a: UnsafePointer(packed + group * packedSize),
                                    b: source + (n * g.inChannels + group * g.groupChannels) * paddedPlane,
                                    c: resultBase + (n * g.outChannels + group * groupRows) * outPlane,
                                    bias: bias == nil ? nil : biasBuffer.baseAddress.map { $0 + group * groupRows }))
                            }
                        }
                        TiledGEMM.run(kernel: kernel, units: units, rowCount: groupRows, depth: depth, offsets: offsetBase,
                                      layout: layout, ldc: outPlane, mode: .store(activation), threads: threads)
                    }
                }
            }
            if needsCopy {
                ScratchPool.shared.withBuffer(byteCount: sourceCount * 4) { raw in
                    let copy = raw.bindMemory(to: Float.self, capacity: sourceCount)
                    ConvKernel.pad(x, geometry: g, planeStride: paddedPlane, into: copy)
                    run(UnsafePointer(copy))
                }
            } else {
                x.withUnsafeBufferPointer { if let base = $0.baseAddress { run(base) } }
            }
        }
    }

    /// The distance between channel planes in the padded copy: planes of 1024 floats or more start
    /// 33 cache lines past a 4 KiB boundary, so consecutive channels fall in different L1 sets (a plane
    /// of 512×512 floats is exactly 1 MiB, and 16 channels × 3 rows would otherwise share one set).
    static func planeStride(_ plane: Int) -> Int {
        plane < 1024 ? plane : (plane + 1023) / 1024 * 1024 + 33 * 16
    }

    /// Writes the input with zero padding around each spatial plane, planes `planeStride` apart.
    ///
    /// Only the padded planes are written; the gaps between planes and the trailing slack are read
    /// only by columns that are dropped (padding columns of the virtual grid), so they may hold anything.
    static func pad(_ x: Tensor<Float>, geometry g: ConvGeometry, planeStride: Int, into dst: UnsafeMutablePointer<Float>) {
        let padded = g.paddedSpatial, spatial = g.inSpatial
        let before = [g.pads[0], g.pads[1], g.pads[2]]
        let rowPitch = padded[2], planeRows = padded[1]
        x.withUnsafeBufferPointer { x in
            guard let src = x.baseAddress else { return }
            let inPlane = spatial[0] * spatial[1] * spatial[2]
            for p in 0..<(g.batch * g.inChannels) {
                let plane = dst + p * planeStride
                for z in 0..<padded[0] {
                    let slab = plane + z * planeRows * rowPitch
                    let inZ = z - before[0]
                    guard inZ >= 0, inZ < spatial[0] else {
                        slab.update(repeating: 0, count: planeRows * rowPitch)
                        continue
                    }
                    slab.update(repeating: 0, count: before[1] * rowPitch)
                    for y in 0..<spatial[1] {
                        let row = slab + (y + before[1]) * rowPitch
                        row.update(repeating: 0, count: before[2])
                        row.advanced(by: before[2]).update(from: src + p * inPlane + (inZ * spatial[1] + y) * spatial[2], count: spatial[2])
                        row.advanced(by: before[2] + spatial[2]).update(repeating: 0, count: rowPitch - before[2] - spatial[2])
                    }
                    let after = before[1] + spatial[1]
                    (slab + after * rowPitch).update(repeating: 0, count: (planeRows - after) * rowPitch)
                }
            }
        }
    }
}
