/// Builds length-limited canonical Huffman codes for the deflate encoder.
enum HuffmanCodeBuilder {
    /// Code lengths (each ≤ `maxLength`) for `frequencies`, written into `lengths`.
    ///
    /// Symbols with zero frequency get length 0. When fewer than two symbols occur, one or two extra
    /// symbols get length 1 so the code is complete (zlib does the same; every inflater accepts it).
    /// Over-long codes from the Huffman tree are shortened by moving leaves down until the Kraft sum fits.
    static func lengths(
        frequencies: UnsafeBufferPointer<UInt32>, maxLength: Int, into lengths: UnsafeMutableBufferPointer<UInt8>
    ) {
        let n = frequencies.count
        for i in 0..<n { lengths[i] = 0 }
        var symbols = [Int]()
        symbols.reserveCapacity(n)
        for i in 0..<n where frequencies[i] > 0 { symbols.append(i) }
        var filler = 0
        while symbols.count < 2 && filler < n {
            if !symbols.contains(filler) { symbols.append(filler) }
            filler += 1
        }
        if symbols.count < 2 {
            for s in symbols { lengths[s] = 1 }
            return
        }
        // Leaves in ascending frequency (ties by symbol), then the two-queue Huffman construction.
        symbols.sort { (frequencies[$0], $0) < (frequencies[$1], $1) }
        let leafCount = symbols.count
        var weight = [UInt64](repeating: 0, count: 2 * leafCount)
        var parent = [Int](repeating: 0, count: 2 * leafCount)
        for (i, s) in symbols.enumerated() { weight[i] = UInt64(max(frequencies[s], 1)) }
        var nextLeaf = 0
        var nextNode = leafCount
        var built = leafCount
        func takeSmallest() -> Int {
            if nextLeaf < leafCount && (nextNode >= built || weight[nextLeaf] <= weight[nextNode]) {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextNode += 1
            return nextNode - 1
        }
        while built < 2 * leafCount - 1 {
            let a = takeSmallest()
            let b = takeSmallest()
            weight[built] = weight[a] + weight[b]
            parent[a] = built
            parent[b] = built
            built += 1
        }
        // Depths: the root (last node) has depth 0; parents always come after their children.
        var depth = [Int](repeating: 0, count: 2 * leafCount - 1)
        var node = 2 * leafCount - 3
        while node >= 0 {
            depth[node] = depth[parent[node]] + 1
            node -= 1
        }
        var count = [Int](repeating: 0, count: max(maxLength, 1) + 1)
        for leaf in 0..<leafCount { count[min(depth[leaf], maxLength)] += 1 }
        // Kraft repair: while the code space is over-full, turn the deepest shorter leaf into a node.
        var total = 0
        for length in 1...maxLength { total += count[length] << (maxLength - length) }
        while total > 1 << maxLength {
            count[maxLength] -= 1
            var length = maxLength - 1
            while length > 0 && count[length] == 0 { length -= 1 }
            if length == 0 { break }
            count[length] -= 1
            count[length + 1] += 2
            total -= 1
        }
        // Longest codes to the least frequent symbols.
        var leaf = 0
        for length in stride(from: maxLength, through: 1, by: -1) {
            for _ in 0..<count[length] where leaf < leafCount {
                lengths[symbols[leaf]] = UInt8(length)
                leaf += 1
            }
        }
    }

    /// Canonical codes for `lengths`, bit-reversed so an LSB-first bit writer emits them MSB first.
    static func reversedCodes(lengths: UnsafeBufferPointer<UInt8>, into codes: UnsafeMutableBufferPointer<UInt16>) {
        var count = [Int](repeating: 0, count: 16)
        for length in lengths { count[Int(length)] += 1 }
        count[0] = 0
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + count[length - 1]) << 1
            next[length] = code
        }
        for symbol in 0..<lengths.count {
            let length = Int(lengths[symbol])
            guard length > 0 else { codes[symbol] = 0; continue }
            let value = next[length]
            next[length] += 1
            var reversed = 0
            for bit in 0..<length where value & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            codes[symbol] = UInt16(reversed)
        }
    }
}
