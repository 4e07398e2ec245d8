import BioImageTensor

/// Pooling over `planes` planes of three spatial axes (1-D and 2-D pools are lifted with unit axes),
/// with every output's window precomputed per axis.
struct PoolPlan: Sendable {
    /// The window of one output position on one axis.
    struct Window: Sendable {
        /// The input position of the first tap inside the input.
        var first: Int
        /// The number of taps inside the input.
        var count: Int
        /// The number of taps inside the input and its explicit padding.
        var withPadding: Int
    }

    let axes: [PoolAxis]
    let windows: [[Window]]
    let planes: Int
    let threads: Int
    let inputPlane: Int
    let outputPlane: Int

    /// Plans pooling over `planes` planes with exactly three `axes` (depth, height, width).
    init(axes: [PoolAxis], planes: Int, threads: Int) {
        self.axes = axes
        self.planes = planes
        self.threads = threads
        windows = axes.map { axis in (0..<axis.output).map { o in
            let w = axis.window(o)
            return Window(first: w.first, count: w.count, withPadding: w.withPadding)
        } }
        inputPlane = axes.reduce(1) { $0 * $1.input }
        outputPlane = axes.reduce(1) { $0 * $1.output }
    }

    /// Runs `body(planes, d, h, w windows)` on disjoint plane ranges, split across threads; the
    /// window tables come as buffers so the per-window loops need no array access.
    @inline(__always)
    private func forEachPlaneRange(
        _ body: (Range<Int>, UnsafeBufferPointer<Window>, UnsafeBufferPointer<Window>, UnsafeBufferPointer<Window>) -> Void
    ) {
        let cost = Swift.max(outputPlane, inputPlane)
        ImageKernels.forEach(count: planes, threads: threads, costPerItem: cost) { range in
            windows[0].withUnsafeBufferPointer { wd in
                windows[1].withUnsafeBufferPointer { wh in
                    windows[2].withUnsafeBufferPointer { ww in body(range, wd, wh, ww) }
                }
            }
        }
    }

    /// Max pooling, NaN skipped; with `indices`, also the flat index of each maximum in the input
    /// (row-major, or column-major over the spatial axes with `columnMajor`).
    func max<T: TensorNumeric>(_ x: [T], columnMajor: Bool, indices: Bool) -> ([T], [Int64]) {
        let (depth, height, width) = (axes[0].input, axes[1].input, axes[2].input)
        let (dd, dh, dw) = (axes[0].dilation, axes[1].dilation, axes[2].dilation)
        let (inputPlane, outputPlane) = (self.inputPlane, self.outputPlane)
        var arg = [Int64](repeating: 0, count: indices ? planes * outputPlane : 0)
        let values: [T] = x.withUnsafeBufferPointer { xs in
            arg.withUnsafeMutableBufferPointer { argBuffer in
                ImageKernels.makeScalars(count: planes * outputPlane) { ys in
                    guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return }
                    let xp = ImageKernels.Box(xb), yp = ImageKernels.Pointer(yb)
                    let ap = indices ? argBuffer.baseAddress.map { ImageKernels.Pointer($0) } : nil
                    forEachPlaneRange { range, wds, whs, wws in
                        for plane in range {
                            let src = xp.value + plane * inputPlane, dst = yp.base + plane * outputPlane
                            var o = 0
                            for wd in wds {
                                for wh in whs {
                                    for ww in wws {
                                        var best = T.zero, found = false, at = 0
                                        if wd.count > 0 && wh.count > 0 && ww.count > 0 {
                                            at = (wd.first * height + wh.first) * width + ww.first
                                            best = src[at]
                                        }
                                        for jd in 0..<wd.count {
                                            let id = wd.first + jd * dd
                                            for jh in 0..<wh.count {
                                                let row = (id * height + wh.first + jh * dh) * width + ww.first
                                                for jw in 0..<ww.count {
                                                    let v = src[row + jw * dw]
                                                    if v == v && (!found || v > best) {
                                                        best = v
                                                        found = true
                                                        at = row + jw * dw
                                                    }
                                                }
                                            }
                                        }
                                        dst[o] = best
                                        if let ap {
                                            var flat = at
                                            if columnMajor {
                                                let w = at % width, h = (at / width) % height, d = at / (width * height)
                                                flat = d + h * depth + w * depth * height
                                            }
                                            ap.base[plane * outputPlane + o] = Int64(plane * inputPlane + flat)
                                        }
                                        o += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (values, arg)
    }

    /// Max pooling of float32 without indices, branch-free in the tap loop; gives exactly what
    /// ``max(_:columnMajor:indices:)`` gives (a window whose maximum is −∞ or that holds only NaN is
    /// redone by the general rule).
    func maxFloat(_ x: [Float]) -> [Float] {
        let (height, width) = (axes[1].input, axes[2].input)
        let (dd, dh, dw) = (axes[0].dilation, axes[1].dilation, axes[2].dilation)
        let (inputPlane, outputPlane) = (self.inputPlane, self.outputPlane)
        return x.withUnsafeBufferPointer { xs in
            ImageKernels.makeScalars(count: planes * outputPlane) { ys in
                guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return }
                let xp = ImageKernels.Box(xb), yp = ImageKernels.Pointer(yb)
                forEachPlaneRange { range, wds, whs, wws in
                    for plane in range {
                        let src = xp.value + plane * inputPlane, dst = yp.base + plane * outputPlane
                        var o = 0
                        for wd in wds {
                            for wh in whs {
                                for ww in wws {
                                    var best = -Float.infinity
                                    for jd in 0..<wd.count {
                                        let id = wd.first + jd * dd
                                        for jh in 0..<wh.count {
                                            let row = src + (id * height + wh.first + jh * dh) * width + ww.first
                                            for jw in 0..<ww.count {
                                                let v = row[jw * dw]
                                                best = v > best ? v : best
                                            }
                                        }
                                    }
                                    if best == -Float.infinity {
                                        // Empty, all-NaN or genuinely −∞ windows: the general rule.
                                        best = wd.count > 0 && wh.count > 0 && ww.count > 0
                                            ? src[(wd.first * height + wh.first) * width + ww.first] : 0
                                        for jd in 0..<wd.count {
                                            for jh in 0..<wh.count {
                                                let row = src + ((wd.first + jd * dd) * height + wh.first + jh * dh) * width + ww.first
                                                for jw in 0..<ww.count where !row[jw * dw].isNaN { best = -Float.infinity }
                                            }
                                        }
                                    }
                                    dst[o] = best
                                    o += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Average pooling: the mean of the taps inside the input, or with `countIncludePad` the sum
    /// divided by the taps inside input + explicit padding.
    func average<F: BinaryFloatingPoint & Sendable>(_ x: [F], countIncludePad: Bool) -> [F] {
        sumPool(x, power: 0) { sum, taps, padded in
            let divisor = countIncludePad ? padded : taps
            return divisor == 0 ? F.nan : F(sum / Double(divisor))
        }
    }

    /// Lp pooling: (Σ |x|ᵖ)^{1/p} over the taps inside the input (padding contributes zeros).
    func lp<F: BinaryFloatingPoint & Sendable>(_ x: [F], p: Int) -> [F] {
        sumPool(x, power: p) { sum, _, _ in
            F(p == 1 ? sum : p == 2 ? sum.squareRoot() : Double.pow(sum, 1 / Double(p)))
        }
    }

    /// Sums `x` (power 0) or `|x|^power` over every window, in double, and finishes each window with
    /// `finish(sum, taps inside the input, taps inside input + padding)`.
    @inline(__always)
    private func sumPool<F: BinaryFloatingPoint & Sendable>(
        _ x: [F], power: Int, _ finish: (Double, Int, Int) -> F
    ) -> [F] {
        let (height, width) = (axes[1].input, axes[2].input)
        let (dd, dh, dw) = (axes[0].dilation, axes[1].dilation, axes[2].dilation)
        let (inputPlane, outputPlane) = (self.inputPlane, self.outputPlane)
        return x.withUnsafeBufferPointer { xs in
            ImageKernels.makeScalars(count: planes * outputPlane) { ys in
                guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return }
                let xp = ImageKernels.Box(xb), yp = ImageKernels.Pointer(yb)
                forEachPlaneRange { range, wds, whs, wws in
                    for plane in range {
                        let src = xp.value + plane * inputPlane, dst = yp.base + plane * outputPlane
                        var o = 0
                        for wd in wds {
                            for wh in whs {
                                for ww in wws {
                                    var sum = 0.0
                                    for jd in 0..<wd.count {
                                        let id = wd.first + jd * dd
                                        for jh in 0..<wh.count {
                                            let row = (id * height + wh.first + jh * dh) * width + ww.first
                                            if power == 0 {
                                                for jw in 0..<ww.count { sum += Double(src[row + jw * dw]) }
                                            } else {
                                                for jw in 0..<ww.count {
                                                    let v = Swift.abs(Double(src[row + jw * dw]))
                                                    var product = 1.0
                                                    for _ in 0..<power { product *= v }
                                                    sum += product
                                                }
                                            }
                                        }
                                    }
                                    dst[o] = finish(sum, wd.count * wh.count * ww.count,
                                                    wd.withPadding * wh.withPadding * ww.withPadding)
                                    o += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The fast path for 2 × 2 windows with stride 2 and no padding over 2-D planes (U-Net
    /// down-sampling); `nil` when the geometry is anything else. NaN is skipped as in ``max(_:columnMajor:indices:)``.
    func maxPool2x2(_ x: [Float]) -> [Float]? {
        let (h, w) = (axes[1], axes[2])
        guard axes[0] == .unit,
              [h, w].allSatisfy({ $0.kernel == 2 && $0.stride == 2 && $0.dilation == 1 && $0.padBegin == 0 && $0.output * 2 <= $0.input })
        else { return nil }
        let (width, outHeight, outWidth) = (w.input, h.output, w.output)
        return x.withUnsafeBufferPointer { xs in
            ImageKernels.makeScalars(count: planes * outputPlane) { ys in
                guard let xb = xs.baseAddress, let yb = ys.baseAddress else { return }
                let xp = ImageKernels.Box(xb), yp = ImageKernels.Pointer(yb)
                let rows = planes * outHeight
                ImageKernels.forEach(count: rows, threads: threads, costPerItem: 4 * outWidth) { range in
                    for r in range {
                        let plane = r / outHeight, oh = r % outHeight
                        let top = xp.value + plane * inputPlane + 2 * oh * width, bottom = top + width
                        let dst = yp.base + plane * outputPlane + oh * outWidth
                        var ow = 0
                        while ow + 8 <= outWidth {
                            let a = UnsafeRawPointer(top + 2 * ow).loadUnaligned(as: SIMD16<Float>.self)
                            let b = UnsafeRawPointer(bottom + 2 * ow).loadUnaligned(as: SIMD16<Float>.self)
                            let v = a.replacing(with: b, where: (b .> a) .| (a .!= a))
                            let even = v.evenHalf, odd = v.oddHalf
                            let m = even.replacing(with: odd, where: (odd .> even) .| (even .!= even))
                            UnsafeMutableRawPointer(dst + ow).storeBytes(of: m, as: SIMD8<Float>.self)
                            ow += 8
                        }
                        while ow < outWidth {
                            var m = top[2 * ow]
                            let b = top[2 * ow + 1], c = bottom[2 * ow], d = bottom[2 * ow + 1]
                            if b > m || m != m { m = b }
                            if c > m || m != m { m = c }
                            if d > m || m != m { m = d }
                            dst[ow] = m
                            ow += 1
                        }
                    }
                }
            }
        }
    }
}
