/// The compressor behind `Deflate.compress`: zlib-style LZ77 (hash chains over a 32 KiB window, lazy
/// matching from level 4) feeding blocks of up to 16 383 symbols, each written as whichever of a dynamic
/// Huffman, fixed Huffman or stored block is smallest.
struct DeflateEncoder {
    /// zlib's tuning per level: accept a match this long with less chain searching, stop lazy search
    /// at this length, stop searching at this length, follow at most this many chain links.
    private struct Parameters {
        var good: Int, lazy: Int, nice: Int, chain: Int
    }

    private static let parameters: [Parameters] = [
        Parameters(good: 0, lazy: 0, nice: 0, chain: 0),
        Parameters(good: 4, lazy: 4, nice: 8, chain: 4),
        Parameters(good: 4, lazy: 5, nice: 16, chain: 8),
        Parameters(good: 4, lazy: 6, nice: 32, chain: 32),
        Parameters(good: 4, lazy: 4, nice: 16, chain: 16),
        Parameters(good: 8, lazy: 16, nice: 32, chain: 32),
        Parameters(good: 8, lazy: 16, nice: 128, chain: 128),
        Parameters(good: 8, lazy: 32, nice: 128, chain: 256),
        Parameters(good: 32, lazy: 128, nice: 258, chain: 1024),
        Parameters(good: 32, lazy: 258, nice: 258, chain: 4096),
    ]

    static let windowSize = 1 << 15
    static let windowMask = windowSize - 1
    /// Matches reach at most this far back (zlib keeps the same margin below 32 KiB).
    static let maxDistance = windowSize - 262
    static let hashBits = 15
    static let maxSymbols = 16383
    /// Length-3 matches further back than this cost more than three literals (zlib's TOO_FAR).
    static let tooFar = 4096

    let data: UnsafePointer<UInt8>
    let count: Int
    let level: Int
    private let parameters: Parameters
    private let head: UnsafeMutablePointer<Int32>
    private let prev: UnsafeMutablePointer<Int32>
    var blocks: DeflateBlockEncoder

    static func compress(_ input: UnsafeRawBufferPointer, level: Int) -> [UInt8] {
        let level = min(max(level, 0), 9)
        guard let base = input.baseAddress, input.count > 0 else {
            // The empty stream: one final fixed block holding only end-of-block (what zlib writes).
            return [0x03, 0x00]
        }
        var encoder = DeflateEncoder(data: base.assumingMemoryBound(to: UInt8.self), count: input.count, level: level)
        defer { encoder.release() }
        return encoder.run()
    }

    private init(data: UnsafePointer<UInt8>, count: Int, level: Int) {
        self.data = data
        self.count = count
        self.level = level
        parameters = Self.parameters[level]
        head = .allocate(capacity: 1 << Self.hashBits)
        head.initialize(repeating: -1, count: 1 << Self.hashBits)
        prev = .allocate(capacity: Self.windowSize)
        prev.initialize(repeating: -1, count: Self.windowSize)
        blocks = DeflateBlockEncoder(data: data, count: count, storedOnly: level == 0)
    }

    private func release() {
        head.deallocate()
        prev.deallocate()
    }

    private mutating func run() -> [UInt8] {
        if level == 0 {
            blocks.emitStored(from: 0, to: count, isFinal: true)
        } else if level <= 3 {
            compressFast()
        } else {
            compressLazy()
        }
        return blocks.finish()
    }

    @inline(__always)
    private func hash(at position: Int) -> Int {
        let value: UInt32
        if position + 4 <= count {
            value = UInt32(littleEndian: UnsafeRawPointer(data + position).loadUnaligned(as: UInt32.self)) & 0xFF_FFFF
        } else {
            value = UInt32(data[position]) | UInt32(data[position + 1]) << 8 | UInt32(data[position + 2]) << 16
        }
        return Int((value &* 0x9E37_79B1) >> UInt32(32 - Self.hashBits))
    }

    /// Records `position` in its hash chain and returns the previous position with the same hash (or -1).
    @inline(__always)
    private func insert(_ position: Int) -> Int {
        let h = hash(at: position)
        let previous = head[h]
        prev[position & Self.windowMask] = previous
        head[h] = Int32(truncatingIfNeeded: position)
        return Int(previous)
    }

    /// The longest match for `position` longer than `shorter`, following the chain from `start`.
    /// Returns (0, 0) when none beats `shorter`.
    @inline(__always)
    private func longestMatch(at position: Int, longerThan shorter: Int, chainStart start: Int) -> (length: Int, distance: Int) {
        let maxLength = min(258, count - position)
        var best = shorter
        guard best < maxLength else { return (0, 0) }
        var chain = parameters.chain
        if shorter >= parameters.good { chain >>= 2 }
        let nice = min(parameters.nice, maxLength)
        let lowest = max(position - Self.maxDistance, 0)
        let scan = data + position
        var candidate = start
        var bestDistance = 0
        while candidate >= lowest && chain > 0 {
            let match = data + candidate
            if match[best] == scan[best] && match[0] == scan[0] && match[1] == scan[1] {
                var length = 0
                var differs = false
                while length + 8 <= maxLength {
                    let x = UnsafeRawPointer(scan + length).loadUnaligned(as: UInt64.self)
                        ^ UnsafeRawPointer(match + length).loadUnaligned(as: UInt64.self)
                    if x != 0 {
                        length += UInt64(littleEndian: x).trailingZeroBitCount >> 3
                        differs = true
                        break
                    }
                    length += 8
                }
                if !differs {
                    while length < maxLength && scan[length] == match[length] { length += 1 }
                }
                if length > best {
                    best = length
                    bestDistance = position - candidate
                    if length >= nice { break }
                }
            }
            let next = Int(prev[candidate & Self.windowMask])
            if next >= candidate { break }
            candidate = next
            chain -= 1
        }
        return bestDistance == 0 ? (0, 0) : (best, bestDistance)
    }

    /// Levels 1–3: greedy matching; positions inside short matches are still inserted.
    private mutating func compressFast() {
        var position = 0
        let maxInsert = parameters.lazy
        while position < count {
            var length = 0
            var distance = 0
            if position + 3 <= count {
                let chainHead = insert(position)
                if chainHead >= 0 && position - chainHead <= Self.maxDistance {
                    (length, distance) = longestMatch(at: position, longerThan: 2, chainStart: chainHead)
                }
            }
            if length >= 3 {
                blocks.addMatch(length: length, distance: distance)
                if length <= maxInsert {
                    var p = position + 1
                    let end = min(position + length, count - 2)
                    while p < end {
                        _ = insert(p)
                        p += 1
                    }
                }
                position += length
            } else {
                blocks.addLiteral(data[position])
                position += 1
            }
        }
        blocks.flush(isFinal: true)
    }

    /// Levels 4–9: lazy matching — a match is emitted only if the next position has no longer one.
    private mutating func compressLazy() {
        var position = 0
        var matchLength = 2
        var matchDistance = 0
        var pending = false
        let maxLazy = parameters.lazy
        while position < count {
            var chainHead = -1
            if position + 3 <= count { chainHead = insert(position) }
            let previousLength = matchLength
            let previousDistance = matchDistance
            matchLength = 2
            if chainHead >= 0 && previousLength < maxLazy && position - chainHead <= Self.maxDistance {
                let found = longestMatch(at: position, longerThan: max(previousLength, 2), chainStart: chainHead)
                if found.length >= 3 && !(found.length == 3 && found.distance > Self.tooFar) {
                    matchLength = found.length
                    matchDistance = found.distance
                }
            }
            if previousLength >= 3 && matchLength <= previousLength {
                blocks.addMatch(length: previousLength, distance: previousDistance)
                let end = position - 1 + previousLength
                var p = position + 1
                let insertEnd = min(end, count - 2)
                while p < insertEnd {
                    _ = insert(p)
                    p += 1
                }
                position = end
                pending = false
                matchLength = 2
            } else if pending {
                blocks.addLiteral(data[position - 1])
                position += 1
            } else {
                pending = true
                position += 1
            }
        }
        if pending { blocks.addLiteral(data[position - 1]) }
        blocks.flush(isFinal: true)
    }
}
