/// Builds the two-level lookup tables the inflater decodes Huffman codes with.
///
/// An entry is a `UInt32`: bits 0–7 the number of bits to consume at this level, bits 8–11 the
/// kind (`literal`, `base`, `endOfBlock`, `link`, `invalid`), bits 12–15 the extra-bit count (for a
/// `link`, the sub-table's index width) and bits 16–31 the value (literal byte, length or distance
/// base, or the sub-table's start).
enum HuffmanDecodingTable {
    static let literal: UInt32 = 0
    static let base: UInt32 = 1
    static let endOfBlock: UInt32 = 2
    static let link: UInt32 = 3
    static let invalid: UInt32 = 4

    /// An entry of the given kind without its code length.
    @inline(__always)
    static func entry(kind: UInt32, extra: Int = 0, value: Int = 0) -> UInt32 {
        (kind << 8) | (UInt32(extra) << 12) | (UInt32(value) << 16)
    }

    static let invalidEntry = entry(kind: invalid)

    /// The entry (without length) of each literal/length symbol 0…287 (286 and 287 are invalid).
    static let literalLengthInfo: [UInt32] = {
        let bases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let extras = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        var info = [UInt32]()
        for symbol in 0..<256 { info.append(entry(kind: literal, value: symbol)) }
        info.append(entry(kind: endOfBlock))
        for i in 0..<29 { info.append(entry(kind: base, extra: extras[i], value: bases[i])) }
        info.append(invalidEntry)
        info.append(invalidEntry)
        return info
    }()

    /// The entry (without length) of each distance symbol 0…31 (30 and 31 are invalid).
    static let distanceInfo: [UInt32] = {
        var info = [UInt32]()
        var base = 1
        for symbol in 0..<30 {
            let extra = symbol < 4 ? 0 : symbol / 2 - 1
            info.append(entry(kind: Self.base, extra: extra, value: base))
            base += 1 << extra
        }
        info.append(invalidEntry)
        info.append(invalidEntry)
        return info
    }()

    /// The entry of each code-length symbol 0…18 (the symbol itself as a literal value).
    static let codeLengthInfo: [UInt32] = (0..<19).map { entry(kind: literal, value: $0) }

    /// Fills `table` for the code with the given per-symbol `lengths`.
    ///
    /// Over-subscribed codes throw; incomplete codes throw unless the longest code has length 1
    /// (a single one-bit code, which RFC 1951 allows and zlib accepts). An all-zero set fills the table
    /// with invalid entries. `table` must hold `(1 << rootBits) + symbols * (1 << (15 - rootBits))` entries.
    static func build(
        lengths: UnsafeBufferPointer<UInt8>, info: UnsafeBufferPointer<UInt32>, rootBits: Int,
        table: UnsafeMutablePointer<UInt32>, bitOffset: Int, what: String
    ) throws(CompressionError) {
        var count = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        try withUnsafeMutableBytes(of: &count) { (raw) throws(CompressionError) in
            let count = raw.bindMemory(to: Int.self)
            for length in lengths { count[Int(length)] += 1 }
            count[0] = 0
            var maxLength = 0
            for length in 1...15 where count[length] > 0 { maxLength = length }
            let rootSize = 1 << rootBits
            for i in 0..<rootSize { table[i] = invalidEntry }
            if maxLength == 0 { return }
            var left = 1
            for length in 1...15 {
                left <<= 1
                left -= count[length]
                if left < 0 {
                    throw CompressionError(code: .oversubscribedCode, message: "over-subscribed \(what) code", offset: bitOffset)
                }
            }
            if left > 0 && maxLength != 1 {
                throw CompressionError(code: .incompleteCode, message: "incomplete \(what) code", offset: bitOffset)
            }
            // Symbols in canonical order: by length, then by symbol value.
            var start = [Int](repeating: 0, count: 16)
            for length in 1..<15 { start[length + 1] = start[length] + count[length] }
            var sorted = [Int](repeating: 0, count: lengths.count)
            var fill = start
            for (symbol, length) in lengths.enumerated() where length > 0 {
                sorted[fill[Int(length)]] = symbol
                fill[Int(length)] += 1
            }
            let total = start[15] + count[15]
            var remaining = [Int](repeating: 0, count: 16)
            for length in 0...15 { remaining[length] = count[length] }
            var code = 0
            var previousLength = 0
            var currentPrefix = -1
            var subStart = 0
            var subBits = 0
            var next = rootSize
            let rootMask = rootSize - 1
            for index in 0..<total {
                let symbol = sorted[index]
                let length = Int(lengths[symbol])
                if index > 0 { code += 1 }
                code <<= (length - previousLength)
                previousLength = length
                var reversed = 0
                for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
                let symbolInfo = info[symbol]
                if length <= rootBits {
                    let entry = symbolInfo | UInt32(length)
                    var i = reversed
                    while i < rootSize {
                        table[i] = entry
                        i += 1 << length
                    }
                } else {
                    let prefix = reversed & rootMask
                    if prefix != currentPrefix {
                        var bits = length - rootBits
                        var space = 1 << bits
                        while rootBits + bits < maxLength {
                            space -= remaining[rootBits + bits]
                            if space <= 0 { break }
                            bits += 1
                            space <<= 1
                        }
                        subStart = next
                        subBits = bits
                        next += 1 << bits
                        for i in subStart..<next { table[i] = invalidEntry }
                        table[prefix] = entry(kind: link, extra: bits, value: subStart) | UInt32(rootBits)
                        currentPrefix = prefix
                    }
                    let entry = symbolInfo | UInt32(length - rootBits)
                    var i = reversed >> rootBits
                    while i < 1 << subBits {
                        table[subStart + i] = entry
                        i += 1 << (length - rootBits)
                    }
                }
                remaining[length] -= 1
            }
        }
    }
}
