/// The state machine behind `Inflate.decompress`: a 64-bit little-endian bit buffer over the input,
/// two-level Huffman tables, and a growable output buffer bounded by the caller's limit.
struct InflateDecoder {
    private typealias Table = HuffmanDecodingTable

    private let input: UnsafeRawBufferPointer
    private let inputCount: Int
    private let limit: Int
    /// Next input byte to load into `bitBuffer` (may run past the end: zero bytes are fed there).
    private var position = 0
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    /// The output buffer; set by `run` before decoding starts.
    private var output: UnsafeMutablePointer<UInt8>?
    /// Whether `output` was allocated by `reserve` (else it is the result array's own storage).
    private var ownsOutput = false
    /// Usable output capacity; `slack` more bytes are allocated so 8-byte match copies may overshoot.
    private var capacity: Int
    private var outCount = 0

    private static let slack = 16
    private static let literalRootBits = 11
    private static let distanceRootBits = 8
    private static let literalTableSize = (1 << 11) + 288 * (1 << 4)
    private static let distanceTableSize = (1 << 8) + 32 * (1 << 7)

    init(input: UnsafeRawBufferPointer, expectedSize: Int?, limit: Int) {
        self.input = input
        self.inputCount = input.count
        self.limit = max(0, limit)
        let guess = expectedSize ?? max(4096, input.count * 4)
        capacity = max(0, min(guess, self.limit, Inflate.maxReservedCapacity))
    }

    /// Bits consumed so far.
    private var bitPosition: Int { position * 8 - bitCount }

    private func error(_ code: CompressionError.Code, _ message: String, at offset: Int? = nil) -> CompressionError {
        CompressionError(code: code, message: message, offset: offset ?? bitPosition)
    }

    /// Tops the bit buffer up to at least 56 bits, feeding zero bytes past the end of the input.
    @inline(__always)
    private mutating func refill() {
        if position + 8 <= inputCount {
            let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            bitBuffer |= word &<< UInt64(bitCount)
            position += (63 - bitCount) >> 3
            bitCount |= 56
        } else {
            while bitCount <= 55 {
                let byte: UInt8 = position < inputCount ? input[position] : 0
                bitBuffer |= UInt64(byte) &<< UInt64(bitCount)
                position += 1
                bitCount += 8
            }
        }
    }

    /// Throws `.truncated` when more bits were consumed than the input holds.
    @inline(__always)
    private func checkTruncation() throws(CompressionError) {
        if position > inputCount && bitPosition > inputCount * 8 {
            throw error(.truncated, "compressed data ends in the middle of a block", at: inputCount * 8)
        }
    }

    @inline(__always)
    private mutating func bits(_ n: Int) -> Int {
        let value = Int(truncatingIfNeeded: bitBuffer & ((1 << UInt64(n)) - 1))
        bitBuffer >>= UInt64(n)
        bitCount -= n
        return value
    }

    /// Decodes the whole stream and returns the output.
    ///
    /// Decoding goes straight into the result array's storage; only when the output outgrows the
    /// initial capacity does it move to a growing buffer that is copied into the result at the end.
    mutating func run() throws(CompressionError) -> [UInt8] {
        var failure: CompressionError?
        var decoded = [UInt8](unsafeUninitializedCapacity: capacity + Self.slack) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            output = base
            do throws(CompressionError) {
                try decodeStream()
            } catch {
                failure = error
            }
            initialized = ownsOutput ? 0 : outCount
        }
        if ownsOutput, let owned = output {
            if failure == nil { decoded = Array(UnsafeBufferPointer(start: owned, count: outCount)) }
            owned.deallocate()
        }
        output = nil
        if let failure { throw failure }
        return decoded
    }

    private mutating func decodeStream() throws(CompressionError) {
        let literalTable = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.literalTableSize)
        let distanceTable = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.distanceTableSize)
        defer {
            literalTable.deallocate()
            distanceTable.deallocate()
        }
        var lengths = [UInt8](repeating: 0, count: 320)
        var isFinal = false
        while !isFinal {
            refill()
            let headerOffset = bitPosition
            isFinal = bits(1) == 1
            let type = bits(2)
            try checkTruncation()
            switch type {
            case 0:
                try copyStoredBlock()
            case 1:
                for i in 0..<144 { lengths[i] = 8 }
                for i in 144..<256 { lengths[i] = 9 }
                for i in 256..<280 { lengths[i] = 7 }
                for i in 280..<288 { lengths[i] = 8 }
                for i in 288..<320 { lengths[i] = 5 }
                try buildTables(lengths: lengths, literalCount: 288, distanceCount: 32, literal: literalTable, distance: distanceTable, at: headerOffset)
                try decodeHuffmanBlock(literalTable: literalTable, distanceTable: distanceTable)
            case 2:
                let (literalCount, distanceCount) = try readDynamicHeader(into: &lengths)
                try buildTables(lengths: lengths, literalCount: literalCount, distanceCount: distanceCount, literal: literalTable, distance: distanceTable, at: headerOffset)
                try decodeHuffmanBlock(literalTable: literalTable, distanceTable: distanceTable)
            default:
                throw error(.invalidBlockType, "block type 3 is reserved", at: headerOffset)
            }
        }
    }

    private func buildTables(
        lengths: [UInt8], literalCount: Int, distanceCount: Int,
        literal: UnsafeMutablePointer<UInt32>, distance: UnsafeMutablePointer<UInt32>, at offset: Int
    ) throws(CompressionError) {
        try lengths.withUnsafeBufferPointer { (all) throws(CompressionError) in
            try Table.literalLengthInfo.withUnsafeBufferPointer { (info) throws(CompressionError) in
                try Table.build(
                    lengths: UnsafeBufferPointer(rebasing: all[0..<literalCount]), info: info,
                    rootBits: Self.literalRootBits, table: literal, bitOffset: offset, what: "literal/length")
            }
            try Table.distanceInfo.withUnsafeBufferPointer { (info) throws(CompressionError) in
                try Table.build(
                    lengths: UnsafeBufferPointer(rebasing: all[literalCount..<(literalCount + distanceCount)]), info: info,
                    rootBits: Self.distanceRootBits, table: distance, bitOffset: offset, what: "distance")
            }
        }
    }

    /// Reads HLIT, HDIST, HCLEN and the run-length coded code lengths into `lengths`
    /// (literal/length lengths first, distance lengths right after).
    private mutating func readDynamicHeader(into lengths: inout [UInt8]) throws(CompressionError) -> (Int, Int) {
        refill()
        let headerOffset = bitPosition
        let literalCount = bits(5) + 257
        let distanceCount = bits(5) + 1
        let codeLengthCount = bits(4) + 4
        if literalCount > 286 || distanceCount > 30 {
            throw error(.invalidCodeLengths, "too many length or distance symbols (HLIT \(literalCount), HDIST \(distanceCount))", at: headerOffset)
        }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            refill()
            codeLengthLengths[order[i]] = UInt8(bits(3))
        }
        try checkTruncation()
        var table = [UInt32](repeating: 0, count: 128)
        try table.withUnsafeMutableBufferPointer { (t) throws(CompressionError) in
            try codeLengthLengths.withUnsafeBufferPointer { (l) throws(CompressionError) in
                try Table.codeLengthInfo.withUnsafeBufferPointer { (info) throws(CompressionError) in
                    guard let base = t.baseAddress else { return }
                    try Table.build(lengths: l, info: info, rootBits: 7, table: base, bitOffset: headerOffset, what: "code-length")
                }
            }
        }
        let total = literalCount + distanceCount
        var index = 0
        while index < total {
            refill()
            let symbolOffset = bitPosition
            let entry = table[Int(bitBuffer & 127)]
            let length = Int(entry & 0xFF)
            if (entry >> 8) & 0xF == Table.invalid {
                throw error(.invalidSymbol, "invalid code-length code", at: symbolOffset)
            }
            _ = bits(length)
            let symbol = Int(entry >> 16)
            if symbol < 16 {
                lengths[index] = UInt8(symbol)
                index += 1
                continue
            }
            var repeatValue: UInt8 = 0
            var repeatCount: Int
            switch symbol {
            case 16:
                if index == 0 {
                    throw error(.invalidCodeLengths, "repeat of the previous code length with no previous length", at: symbolOffset)
                }
                repeatValue = lengths[index - 1]
                repeatCount = 3 + bits(2)
            case 17: repeatCount = 3 + bits(3)
            default: repeatCount = 11 + bits(7)
            }
            if index + repeatCount > total {
                throw error(.invalidCodeLengths, "code-length repeat runs past the \(total) lengths", at: symbolOffset)
            }
            for _ in 0..<repeatCount {
                lengths[index] = repeatValue
                index += 1
            }
        }
        try checkTruncation()
        if lengths[256] == 0 {
            throw error(.invalidCodeLengths, "the end-of-block code has no length", at: headerOffset)
        }
        return (literalCount, distanceCount)
    }

    /// Copies a stored block: skips to a byte boundary, checks LEN against NLEN, copies LEN bytes.
    private mutating func copyStoredBlock() throws(CompressionError) {
        _ = bits(bitCount & 7)
        // Return whole unread bytes from the bit buffer to the input.
        position -= bitCount >> 3
        bitBuffer = 0
        bitCount = 0
        let headerOffset = position * 8
        guard position + 4 <= inputCount else {
            throw error(.truncated, "stored block header cut short", at: inputCount * 8)
        }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        if length != complement ^ 0xFFFF {
            throw error(.storedLengthMismatch, "stored block LEN \(length) does not match NLEN \(complement)", at: headerOffset)
        }
        position += 4
        guard position + length <= inputCount else {
            throw error(.truncated, "stored block of \(length) bytes cut short", at: inputCount * 8)
        }
        try reserve(length)
        if length > 0, let base = input.baseAddress, let output {
            (output + outCount).initialize(from: base.advanced(by: position).assumingMemoryBound(to: UInt8.self), count: length)
        }
        outCount += length
        position += length
    }

    /// Makes room for `extra` more output bytes, or throws when that would pass the limit.
    @inline(never)
    private mutating func reserve(_ extra: Int) throws(CompressionError) {
        let needed = outCount + extra
        if needed <= capacity { return }
        if needed > limit {
            throw error(.outputLimitExceeded, "output exceeds the limit of \(limit) bytes")
        }
        let newCapacity = min(max(needed, capacity * 2, 4096), limit)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + Self.slack)
        if let output {
            grown.initialize(from: output, count: outCount)
            if ownsOutput { output.deallocate() }
        }
        ownsOutput = true
        output = grown
        capacity = newCapacity
    }

    /// Decodes one fixed or dynamic Huffman block up to and including its end-of-block code.
    ///
    /// The hot loop keeps the bit buffer and positions in locals and refills once per symbol, which
    /// leaves at least 56 bits: enough for a length code with extra bits and a distance code with extra bits.
    private mutating func decodeHuffmanBlock(
        literalTable: UnsafeMutablePointer<UInt32>, distanceTable: UnsafeMutablePointer<UInt32>
    ) throws(CompressionError) {
        var buffer = bitBuffer
        var count = bitCount
        var pos = position
        var out = outCount
        guard var dest = output else { return }
        var room = capacity
        let end = inputCount
        let bytes = input
        let literalMask: UInt64 = (1 << UInt64(Self.literalRootBits)) - 1
        let distanceMask: UInt64 = (1 << UInt64(Self.distanceRootBits)) - 1
        defer {
            bitBuffer = buffer
            bitCount = count
            position = pos
            outCount = out
        }
        while true {
            if pos + 8 <= end {
                buffer |= UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: pos, as: UInt64.self)) &<< UInt64(count)
                pos += (63 - count) >> 3
                count |= 56
            } else {
                while count <= 55 {
                    let byte: UInt8 = pos < end ? bytes[pos] : 0
                    buffer |= UInt64(byte) &<< UInt64(count)
                    pos += 1
                    count += 8
                }
            }
            let symbolOffset = pos * 8 - count
            var entry = literalTable[Int(buffer & literalMask)]
            if (entry >> 8) & 0xF == Table.link {
                buffer &>>= UInt64(Self.literalRootBits)
                count -= Self.literalRootBits
                entry = literalTable[Int(entry >> 16) + Int(buffer & ((1 &<< UInt64((entry &>> 12) & 0xF)) &- 1))]
            }
            var used = Int(entry & 0xFF)
            buffer &>>= UInt64(used)
            count -= used
            var kind = (entry >> 8) & 0xF
            if kind == Table.literal {
                if pos > end && pos * 8 - count > end * 8 {
                    throw error(.truncated, "compressed data ends in the middle of a block", at: end * 8)
                }
                if out >= room {
                    outCount = out
                    try reserve(1)
                    guard let grown = output else { return }
                    dest = grown
                    room = capacity
                }
                dest[out] = UInt8(truncatingIfNeeded: entry >> 16)
                out += 1
                // At least 41 bits remain: a second literal from the primary table needs no refill.
                let next = literalTable[Int(buffer & literalMask)]
                if next & 0xF00 == 0 && out < room {
                    used = Int(next & 0xFF)
                    buffer &>>= UInt64(used)
                    count -= used
                    dest[out] = UInt8(truncatingIfNeeded: next >> 16)
                    out += 1
                    if pos > end && pos * 8 - count > end * 8 {
                        throw error(.truncated, "compressed data ends in the middle of a block", at: end * 8)
                    }
                }
                continue
            }
            if kind != Table.base {
                if pos > end && pos * 8 - count > end * 8 {
                    throw error(.truncated, "compressed data ends in the middle of a block", at: end * 8)
                }
                if kind == Table.endOfBlock { return }
                throw error(.invalidSymbol, "invalid literal/length code", at: symbolOffset)
            }
            var extra = Int((entry >> 12) & 0xF)
            let length = Int(entry >> 16) + Int(truncatingIfNeeded: buffer & ((1 &<< UInt64(extra)) &- 1))
            buffer &>>= UInt64(extra)
            count -= extra
            let distanceOffset = pos * 8 - count
            entry = distanceTable[Int(buffer & distanceMask)]
            if (entry >> 8) & 0xF == Table.link {
                buffer &>>= UInt64(Self.distanceRootBits)
                count -= Self.distanceRootBits
                entry = distanceTable[Int(entry >> 16) + Int(buffer & ((1 &<< UInt64((entry &>> 12) & 0xF)) &- 1))]
            }
            used = Int(entry & 0xFF)
            buffer &>>= UInt64(used)
            count -= used
            kind = (entry >> 8) & 0xF
            if kind != Table.base {
                throw error(.invalidSymbol, "invalid distance code", at: distanceOffset)
            }
            extra = Int((entry >> 12) & 0xF)
            let distance = Int(entry >> 16) + Int(truncatingIfNeeded: buffer & ((1 &<< UInt64(extra)) &- 1))
            buffer &>>= UInt64(extra)
            count -= extra
            if pos > end && pos * 8 - count > end * 8 {
                throw error(.truncated, "compressed data ends in the middle of a block", at: end * 8)
            }
            if distance > out {
                throw error(.distanceTooFar, "match distance \(distance) reaches before the start of the output (\(out) bytes written)", at: symbolOffset)
            }
            if out + length > room {
                outCount = out
                try reserve(length)
                guard let grown = output else { return }
                dest = grown
                room = capacity
            }
            let target = dest + out
            let source = target - distance
            if distance >= 8 {
                var d = UnsafeMutableRawPointer(target)
                var s = UnsafeRawPointer(source)
                let stop = d + length
                repeat {
                    d.storeBytes(of: s.loadUnaligned(as: UInt64.self), as: UInt64.self)
                    d += 8
                    s += 8
                } while d < stop
            } else if distance == 1 {
                target.update(repeating: source.pointee, count: length)
            } else {
                for i in 0..<length { target[i] = source[i] }
            }
            out += length
        }
    }
}
