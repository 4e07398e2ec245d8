/// An LSB-first bit writer into a preallocated byte buffer, the output side of the deflate encoder.
struct DeflateBitWriter {
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var count = 0
    private var bits: UInt64 = 0
    private var bitCount = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        buffer = .allocate(capacity: self.capacity + 16)
    }

    /// Makes sure `bytes` more bytes (plus the pending bits) fit.
    mutating func reserve(_ bytes: Int) {
        let needed = count + bytes + 16
        guard needed > capacity else { return }
        let newCapacity = max(needed, capacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + 16)
        grown.initialize(from: buffer, count: count)
        buffer.deallocate()
        buffer = grown
        capacity = newCapacity
    }

    /// Appends the low `n` bits of `value` (`n` ≤ 32, higher bits of `value` zero).
    @inline(__always)
    mutating func write(_ value: UInt32, _ n: Int) {
        bits |= UInt64(value) &<< UInt64(bitCount)
        bitCount += n
        if bitCount >= 32 {
            UnsafeMutableRawPointer(buffer + count).storeBytes(of: UInt32(truncatingIfNeeded: bits).littleEndian, as: UInt32.self)
            count += 4
            bits >>= 32
            bitCount -= 32
        }
    }

    /// Pads with zero bits to a byte boundary.
    mutating func alignToByte() {
        while bitCount > 0 {
            buffer[count] = UInt8(truncatingIfNeeded: bits)
            count += 1
            bits >>= 8
            bitCount = max(0, bitCount - 8)
        }
        bits = 0
    }

    /// Appends raw bytes; the writer must be byte-aligned.
    mutating func writeBytes(_ source: UnsafeRawPointer, count n: Int) {
        guard n > 0 else { return }
        (buffer + count).initialize(from: source.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    /// The bytes written (after `alignToByte`), releasing the buffer.
    mutating func finish() -> [UInt8] {
        alignToByte()
        let result = Array(UnsafeBufferPointer(start: buffer, count: count))
        buffer.deallocate()
        capacity = 0
        count = 0
        return result
    }
}
