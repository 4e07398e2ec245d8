/// Materialised broadcasting and masked selection on raw element bit patterns, so that every
/// element type shares four specialised loops (1, 2, 4 and 8 bytes).
enum BroadcastCopy {
    /// Copies `src` (shape `srcShape`, which broadcasts to `outShape`) into `dst` of shape `outShape`.
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == UInt32)
    @_specialize(where T == UInt64)
    static func expand<T>(_ src: UnsafePointer<T>, shape srcShape: [Int], into dst: UnsafeMutablePointer<T>, shape outShape: [Int]) {
        let count = outShape.reduce(1, *)
        guard count > 0 else { return }
        guard let length = outShape.last else {
            dst.pointee = src.pointee
            return
        }
        let strides = Shape.broadcastStrides(srcShape, to: outShape)
        let rank = outShape.count
        let inner = strides[rank - 1]
        for row in 0..<(count / length) {
            var rest = row, offset = 0
            var axis = rank - 2
            while axis >= 0 {
                offset += (rest % outShape[axis]) * strides[axis]
                rest /= outShape[axis]
                axis -= 1
            }
            let out = dst + row * length, line = src + offset
            if inner == 1 {
                out.update(from: line, count: length)
            } else {
                out.update(repeating: line.pointee, count: length)
            }
        }
    }

    /// `out[i] = mask[i] ? out[i] : other[i]` for every element.
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == UInt32)
    @_specialize(where T == UInt64)
    static func select<T>(_ out: UnsafeMutablePointer<T>, _ other: UnsafePointer<T>, _ mask: UnsafePointer<Bool>, count: Int) {
        for i in 0..<count where !mask[i] { out[i] = other[i] }
    }
}
