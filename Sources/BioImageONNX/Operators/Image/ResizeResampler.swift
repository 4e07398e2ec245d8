/// Applies `Resize` axis plans one axis at a time to a row-major buffer.
///
/// A pass over axis `a` views the tensor as `outer × n × inner`. When `inner > 1` each output row
/// is a weighted sum (or a copy) of whole input rows, contiguous and vectorised by the compiler, split
/// over `outer × output` rows; when `inner = 1` each output element gathers its taps, split over the
/// `outer` blocks.
struct ResizeResampler: Sendable {
    let shape: [Int]
    let plans: [(Int, ResizeAxisPlan)]
    let threads: Int

    /// The pass geometry for every plan, in order.
    private func passes() -> [(outer: Int, plan: ResizeAxisPlan, inner: Int)] {
        var current = shape
        var result: [(Int, ResizeAxisPlan, Int)] = []
        for (axis, plan) in plans {
            result.append((ImageKernels.extentProduct(current, 0..<axis), plan, ImageKernels.extentProduct(current, (axis + 1)..<current.count)))
            current[axis] = plan.output
        }
        return result
    }

    /// Nearest-neighbour resampling (every plan has one tap): exact copies, `fill` where extrapolated.
    func gather<T: Sendable>(_ x: [T], fill: T) -> [T] {
        var data = x
        for (outer, plan, inner) in passes() {
            let (input, output) = (plan.input, plan.output)
            data = data.withUnsafeBufferPointer { xs in
                ImageKernels.makeScalars(count: outer * output * inner) { ys in
                    guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return }
                    let xp = ImageKernels.Box(xb), yp = ImageKernels.Pointer(yb)
                    let extrapolates = !plan.extrapolated.isEmpty
                    if inner == 1 {
                        ImageKernels.forEach(count: outer, threads: threads, costPerItem: output) { range in
                            plan.indices.withUnsafeBufferPointer { indices in
                                for block in range {
                                    let src = xp.value + block * input, dst = yp.base + block * output
                                    if extrapolates {
                                        for o in 0..<output { dst[o] = plan.extrapolated[o] ? fill : src[indices[o]] }
                                    } else {
                                        for o in 0..<output { dst[o] = src[indices[o]] }
                                    }
                                }
                            }
                        }
                        return
                    }
                    ImageKernels.forEach(count: outer * output, threads: threads, costPerItem: inner) { range in
                        plan.indices.withUnsafeBufferPointer { indices in
                            var o = range.lowerBound % output, block = range.lowerBound / output
                            for row in range {
                                let dst = yp.base + row * inner
                                if extrapolates && plan.extrapolated[o] {
                                    dst.initialize(repeating: fill, count: inner)
                                } else {
                                    dst.initialize(from: xp.value + (block * input + indices[o]) * inner, count: inner)
                                }
                                o += 1
                                if o == output { o = 0; block += 1 }
                            }
                        }
                    }
                }
            }
        }
        return data
    }

    /// Linear or cubic resampling in the precision of `F`; `fill` where extrapolated.
    func interpolate<F: BinaryFloatingPoint & Sendable>(_ x: [F], fill: F) -> [F] {
        var data = x
        for (outer, plan, inner) in passes() {
            let (input, output, taps) = (plan.input, plan.output, plan.taps)
            let weights = plan.weights.map { F($0) }
            data = data.withUnsafeBufferPointer { xs in
                ImageKernels.makeScalars(count: outer * output * inner) { ys in
                    guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return }
                    let xp = ImageKernels.Box(xb), yp = ImageKernels.Pointer(yb)
                    let extrapolates = !plan.extrapolated.isEmpty
                    if inner == 1 {
                        ImageKernels.forEach(count: outer, threads: threads, costPerItem: output * taps) { range in
                            plan.indices.withUnsafeBufferPointer { indices in
                                weights.withUnsafeBufferPointer { weights in
                                    for block in range {
                                        let src = xp.value + block * input, dst = yp.base + block * output
                                        if taps == 2 && !extrapolates {
                                            for o in 0..<output {
                                                dst[o] = weights[2 * o] * src[indices[2 * o]] + weights[2 * o + 1] * src[indices[2 * o + 1]]
                                            }
                                            continue
                                        }
                                        for o in 0..<output {
                                            if extrapolates && plan.extrapolated[o] { dst[o] = fill; continue }
                                            var sum: F = 0
                                            for t in 0..<taps { sum += weights[o * taps + t] * src[indices[o * taps + t]] }
                                            dst[o] = sum
                                        }
                                    }
                                }
                            }
                        }
                        return
                    }
                    ImageKernels.forEach(count: outer * output, threads: threads, costPerItem: inner * taps) { range in
                        plan.indices.withUnsafeBufferPointer { indices in
                            weights.withUnsafeBufferPointer { weights in
                                var o = range.lowerBound % output, block = range.lowerBound / output
                                for row in range {
                                    defer {
                                        o += 1
                                        if o == output { o = 0; block += 1 }
                                    }
                                    let dst = yp.base + row * inner
                                    if extrapolates && plan.extrapolated[o] {
                                        dst.initialize(repeating: fill, count: inner)
                                        continue
                                    }
                                    let src = xp.value + block * input * inner
                                    let base = o * taps
                                    let first = src + indices[base] * inner
                                    let w0 = weights[base]
                                    for j in 0..<inner { dst[j] = w0 * first[j] }
                                    for t in 1..<Swift.max(1, taps) {
                                        let tap = src + indices[base + t] * inner
                                        let w = weights[base + t]
                                        for j in 0..<inner { dst[j] += w * tap[j] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return data
    }
}
