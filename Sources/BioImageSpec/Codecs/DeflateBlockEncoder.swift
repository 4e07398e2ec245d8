/// Collects LZ77 symbols for one block at a time and writes each block as the smallest of dynamic
/// Huffman, fixed Huffman or stored.
struct DeflateBlockEncoder {
    private let data: UnsafePointer<UInt8>
    private let count: Int
    private var writer: DeflateBitWriter
    /// Symbols of the current block: a literal byte, or `distance << 9 | length` for a match.
    private let symbols: UnsafeMutablePointer<UInt32>
    private var symbolCount = 0
    /// Literal/length (0…285) then distance (286…315) frequencies of the current block.
    private let frequencies: UnsafeMutablePointer<UInt32>
    /// Input range of the current block.
    private var blockStart = 0
    private var blockEnd = 0
    /// Code per length 3…258: symbol index 0…28 (code 257 + index).
    private let lengthSymbol: UnsafeMutablePointer<UInt8>
    /// Distance code for distance-1 < 256, then for (distance-1) >> 7 at offset 256.
    private let distanceSymbol: UnsafeMutablePointer<UInt8>

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = (0..<30).map { symbol in
        (0..<symbol).reduce(1) { base, s in base + (1 << (s < 4 ? 0 : s / 2 - 1)) }
    }
    static let distanceExtra: [Int] = (0..<30).map { $0 < 4 ? 0 : $0 / 2 - 1 }
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    init(data: UnsafePointer<UInt8>, count: Int, storedOnly: Bool) {
        self.data = data
        self.count = count
        writer = DeflateBitWriter(capacity: count + count / 1000 + 1024)
        symbols = .allocate(capacity: storedOnly ? 1 : DeflateEncoder.maxSymbols)
        frequencies = .allocate(capacity: 316)
        frequencies.initialize(repeating: 0, count: 316)
        lengthSymbol = .allocate(capacity: 259)
        lengthSymbol.initialize(repeating: 0, count: 259)
        for symbol in 0..<29 {
            let base = Self.lengthBase[symbol]
            for length in base..<min(259, base + (1 << Self.lengthExtra[symbol])) { lengthSymbol[length] = UInt8(symbol) }
        }
        lengthSymbol[258] = 28
        distanceSymbol = .allocate(capacity: 512)
        distanceSymbol.initialize(repeating: 0, count: 512)
        for symbol in 0..<30 {
            let base = Self.distanceBase[symbol] - 1
            let end = base + (1 << Self.distanceExtra[symbol])
            for d in base..<end {
                if d < 256 { distanceSymbol[d] = UInt8(symbol) } else { distanceSymbol[256 + (d >> 7)] = UInt8(symbol) }
            }
        }
    }

    @inline(__always)
    private func distanceCode(_ distance: Int) -> Int {
        let d = distance - 1
        return Int(d < 256 ? distanceSymbol[d] : distanceSymbol[256 + (d >> 7)])
    }

    @inline(__always)
    mutating func addLiteral(_ byte: UInt8) {
        symbols[symbolCount] = UInt32(byte)
        symbolCount += 1
        frequencies[Int(byte)] += 1
        blockEnd += 1
        if symbolCount == DeflateEncoder.maxSymbols { flush(isFinal: false) }
    }

    @inline(__always)
    mutating func addMatch(length: Int, distance: Int) {
        symbols[symbolCount] = UInt32(distance << 9 | length)
        symbolCount += 1
        frequencies[257 + Int(lengthSymbol[length])] += 1
        frequencies[286 + distanceCode(distance)] += 1
        blockEnd += length
        if symbolCount == DeflateEncoder.maxSymbols { flush(isFinal: false) }
    }

    /// Writes `[start, end)` as stored blocks of at most 65 535 bytes.
    mutating func emitStored(from start: Int, to end: Int, isFinal: Bool) {
        var offset = start
        writer.reserve(end - start + 5 * ((end - start) / 65535 + 1) + 8)
        repeat {
            let n = min(65535, end - offset)
            let last = isFinal && offset + n == end
            writer.write(last ? 1 : 0, 3)
            writer.alignToByte()
            writer.write(UInt32(n) | UInt32(~n & 0xFFFF) << 16, 32)
            writer.writeBytes(data + offset, count: n)
            offset += n
        } while offset < end
    }

    /// Ends the current block (the last one when `isFinal`) and starts a new one.
    mutating func flush(isFinal: Bool) {
        frequencies[256] = 1
        var litLengths = [UInt8](repeating: 0, count: 286)
        var distLengths = [UInt8](repeating: 0, count: 30)
        litLengths.withUnsafeMutableBufferPointer { out in
            HuffmanCodeBuilder.lengths(frequencies: UnsafeBufferPointer(start: frequencies, count: 286), maxLength: 15, into: out)
        }
        distLengths.withUnsafeMutableBufferPointer { out in
            HuffmanCodeBuilder.lengths(frequencies: UnsafeBufferPointer(start: frequencies + 286, count: 30), maxLength: 15, into: out)
        }
        var literalCount = 286
        while literalCount > 257 && litLengths[literalCount - 1] == 0 { literalCount -= 1 }
        var distanceCount = 30
        while distanceCount > 1 && distLengths[distanceCount - 1] == 0 { distanceCount -= 1 }
        // Run-length code the code lengths (symbols 16, 17, 18) and build the code-length code.
        let all = Array(litLengths[0..<literalCount]) + Array(distLengths[0..<distanceCount])
        var runs = [(symbol: Int, extra: Int)]()
        var clFrequencies = [UInt32](repeating: 0, count: 19)
        var i = 0
        while i < all.count {
            let value = all[i]
            var run = 1
            while i + run < all.count && all[i + run] == value { run += 1 }
            var left = run
            if value == 0 {
                while left >= 11 { let n = min(left, 138); runs.append((18, n - 11)); left -= n }
                if left >= 3 { runs.append((17, left - 3)); left = 0 }
            } else {
                runs.append((Int(value), 0))
                left -= 1
                while left >= 3 { let n = min(left, 6); runs.append((16, n - 3)); left -= n }
            }
            for _ in 0..<left { runs.append((Int(value), 0)) }
            i += run
        }
        for r in runs { clFrequencies[r.symbol] += 1 }
        var clLengths = [UInt8](repeating: 0, count: 19)
        clFrequencies.withUnsafeBufferPointer { f in
            clLengths.withUnsafeMutableBufferPointer { out in HuffmanCodeBuilder.lengths(frequencies: f, maxLength: 7, into: out) }
        }
        var clCount = 19
        while clCount > 4 && clLengths[Self.codeLengthOrder[clCount - 1]] == 0 { clCount -= 1 }

        // Sizes in bits of the three ways to write the block.
        var extraBits = 0
        for s in 0..<29 { extraBits += Int(frequencies[257 + s]) * Self.lengthExtra[s] }
        for s in 0..<30 { extraBits += Int(frequencies[286 + s]) * Self.distanceExtra[s] }
        var dynamicBits = 3 + 14 + 3 * clCount + extraBits
        for r in runs { dynamicBits += Int(clLengths[r.symbol]) + [2, 3, 7][max(0, r.symbol - 16) % 3] * (r.symbol >= 16 ? 1 : 0) }
        var fixedBits = 3 + extraBits
        for s in 0..<286 {
            let f = Int(frequencies[s])
            dynamicBits += f * Int(litLengths[s])
            fixedBits += f * (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)
        }
        for s in 0..<30 {
            dynamicBits += Int(frequencies[286 + s]) * Int(distLengths[s])
            fixedBits += Int(frequencies[286 + s]) * 5
        }
        let length = blockEnd - blockStart
        let storedBits = (length + 5 * (length / 65535 + 1)) * 8 + 7

        if storedBits <= min(dynamicBits, fixedBits) {
            emitStored(from: blockStart, to: blockEnd, isFinal: isFinal)
        } else {
            writer.reserve(min(dynamicBits, fixedBits) / 8 + 16)
            var litCodes = [UInt16](repeating: 0, count: 286)
            var distCodes = [UInt16](repeating: 0, count: 30)
            if fixedBits <= dynamicBits {
                writer.write(isFinal ? 3 : 2, 3)
                for s in 0..<286 { litLengths[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8 }
                for s in 0..<30 { distLengths[s] = 5 }
            } else {
                writer.write(isFinal ? 5 : 4, 3)
                writer.write(UInt32(literalCount - 257), 5)
                writer.write(UInt32(distanceCount - 1), 5)
                writer.write(UInt32(clCount - 4), 4)
                for k in 0..<clCount { writer.write(UInt32(clLengths[Self.codeLengthOrder[k]]), 3) }
                var clCodes = [UInt16](repeating: 0, count: 19)
                clLengths.withUnsafeBufferPointer { l in
                    clCodes.withUnsafeMutableBufferPointer { HuffmanCodeBuilder.reversedCodes(lengths: l, into: $0) }
                }
                for r in runs {
                    writer.write(UInt32(clCodes[r.symbol]), Int(clLengths[r.symbol]))
                    switch r.symbol {
                    case 16: writer.write(UInt32(r.extra), 2)
                    case 17: writer.write(UInt32(r.extra), 3)
                    case 18: writer.write(UInt32(r.extra), 7)
                    default: break
                    }
                }
            }
            litLengths.withUnsafeBufferPointer { l in
                litCodes.withUnsafeMutableBufferPointer { HuffmanCodeBuilder.reversedCodes(lengths: l, into: $0) }
            }
            distLengths.withUnsafeBufferPointer { l in
                distCodes.withUnsafeMutableBufferPointer { HuffmanCodeBuilder.reversedCodes(lengths: l, into: $0) }
            }
            writeSymbols(litCodes: litCodes, litLengths: litLengths, distCodes: distCodes, distLengths: distLengths)
        }
        symbolCount = 0
        frequencies.update(repeating: 0, count: 316)
        blockStart = blockEnd
    }

    private mutating func writeSymbols(litCodes: [UInt16], litLengths: [UInt8], distCodes: [UInt16], distLengths: [UInt8]) {
        litCodes.withUnsafeBufferPointer { lc in
            litLengths.withUnsafeBufferPointer { ll in
                distCodes.withUnsafeBufferPointer { dc in
                    distLengths.withUnsafeBufferPointer { dl in
                        Self.lengthBase.withUnsafeBufferPointer { lb in
                            Self.lengthExtra.withUnsafeBufferPointer { le in
                                Self.distanceBase.withUnsafeBufferPointer { db in
                                    Self.distanceExtra.withUnsafeBufferPointer { de in
                                        for k in 0..<symbolCount {
                                            let s = symbols[k]
                                            if s < 256 {
                                                writer.write(UInt32(lc[Int(s)]), Int(ll[Int(s)]))
                                                continue
                                            }
                                            let length = Int(s & 511)
                                            let distance = Int(s >> 9)
                                            let ls = Int(lengthSymbol[length])
                                            let lExtra = le[ls]
                                            writer.write(UInt32(lc[257 + ls]) | UInt32(length - lb[ls]) << UInt32(ll[257 + ls]), Int(ll[257 + ls]) + lExtra)
                                            let ds = distanceCode(distance)
                                            writer.write(UInt32(dc[ds]) | UInt32(distance - db[ds]) << UInt32(dl[ds]), Int(dl[ds]) + de[ds])
                                        }
                                        writer.write(UInt32(lc[256]), Int(ll[256]))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The finished stream; releases the encoder's buffers.
    mutating func finish() -> [UInt8] {
        symbols.deallocate()
        frequencies.deallocate()
        lengthSymbol.deallocate()
        distanceSymbol.deallocate()
        return writer.finish()
    }
}
