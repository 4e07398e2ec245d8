import Foundation

/// A streaming SHA-256 hash (FIPS 180-4) with a CryptoKit-like interface.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(data: chunk1)
/// hasher.update(data: chunk2)
/// let digest = hasher.finalize()   // digest.hexString
/// ```
/// Throughput is linear in the input, with no allocation per block: whole 64-byte blocks are
/// compressed straight from the caller's buffer, and only a tail of at most 63 bytes is buffered.
public struct SHA256: Sendable {
    private var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
    private var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19
    /// The buffered tail of the message (fewer than 64 bytes), stored inline.
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var bufferCount = 0
    private var totalLength: UInt64 = 0

    /// Creates a hasher in the initial state.
    public init() {}

    /// Hashes `data` in one call.
    public static func hash(data: some DataProtocol) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(data: data)
        return hasher.finalize()
    }

    /// Hashes the bytes of `buffer` in one call.
    public static func hash(bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bytes: bytes)
        return hasher.finalize()
    }

    /// Adds the bytes of `data` to the message.
    public mutating func update(data: some DataProtocol) {
        for region in data.regions {
            region.withUnsafeBytes { update(bytes: $0) }
        }
    }

    /// Adds the bytes of `bytes` to the message.
    public mutating func update(bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        totalLength &+= UInt64(remaining)
        if bufferCount > 0 {
            let take = min(64 - bufferCount, remaining)
            let offset = bufferCount
            withUnsafeMutableBytes(of: &buffer) {
                UnsafeMutableRawBufferPointer(rebasing: $0[offset..<(offset + take)]).copyMemory(from: UnsafeRawBufferPointer(start: base, count: take))
            }
            bufferCount += take
            base += take
            remaining -= take
            guard bufferCount == 64 else { return }
            var block = buffer
            withUnsafeBytes(of: &block) { if let start = $0.baseAddress { compress(start, blocks: 1) } }
            bufferCount = 0
        }
        let blocks = remaining / 64
        if blocks > 0 {
            compress(UnsafeRawPointer(base), blocks: blocks)
            base += blocks * 64
            remaining -= blocks * 64
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &buffer) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: remaining)) }
            bufferCount = remaining
        }
    }

    /// Returns the digest of the message so far (the hasher itself is unchanged and can go on).
    public func finalize() -> SHA256Digest {
        var copy = self
        let bitLength = totalLength &* 8
        var padding = [UInt8](repeating: 0, count: 72)
        padding[0] = 0x80
        let padCount = bufferCount < 56 ? 56 - bufferCount : 120 - bufferCount
        for i in 0..<8 { padding[padCount + i] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(i))) }
        let savedLength = copy.totalLength
        padding.withUnsafeBytes { copy.update(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<(padCount + 8)])) }
        copy.totalLength = savedLength
        var out = [UInt8]()
        out.reserveCapacity(32)
        for word in [copy.h0, copy.h1, copy.h2, copy.h3, copy.h4, copy.h5, copy.h6, copy.h7] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return SHA256Digest(bytes: out)
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// The round constants K[0..<64].
    private static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    // The SIMD σ functions avoid the rotate pattern (x >> n | x << (32 - n)) on purpose: SSE2 has no
    // vector rotate, and LLVM, seeing one, keeps the whole computation scalar.

    /// σ0 of four words at once.
    @inline(__always) private static func smallSigma0(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
        (((x &>> 7) ^ (x &<< 14)) ^ (x &>> 3)) ^ ((x &>> 18) ^ (x &<< 25))
    }

    /// σ1 of four words at once.
    @inline(__always) private static func smallSigma1(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
        (((x &>> 17) ^ (x &<< 13)) ^ (x &>> 10)) ^ ((x &>> 19) ^ (x &<< 15))
    }

    /// Loads W[0..<16] of four blocks, one block per SIMD lane, to `w + 16 * t`, and W[t] + K[t] to `wk + 16 * t`.
    @inline(never) private static func loadWords(_ p0: UnsafeRawPointer, _ p1: UnsafeRawPointer, _ p2: UnsafeRawPointer, _ p3: UnsafeRawPointer,
                                            _ w: UnsafeMutableRawPointer, _ wk: UnsafeMutableRawPointer, _ constants: UnsafeBufferPointer<UInt32>) {
        for t in 0..<min(16, constants.count) {
            let word = SIMD4(UInt32(bigEndian: p0.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)),
                             UInt32(bigEndian: p1.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)),
                             UInt32(bigEndian: p2.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)),
                             UInt32(bigEndian: p3.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)))
            w.storeBytes(of: word, toByteOffset: 16 * t, as: SIMD4<UInt32>.self)
            wk.storeBytes(of: word &+ SIMD4(repeating: constants[t]), toByteOffset: 16 * t, as: SIMD4<UInt32>.self)
        }
    }

    /// Schedule step t (16 ≤ t < 64) of four blocks at once, one block per lane.
    @inline(__always) private static func step(_ t: Int, _ w: UnsafeMutableRawPointer, _ wk: UnsafeMutableRawPointer, _ k: UInt32) {
        let word = smallSigma1(w.load(fromByteOffset: 16 * (t - 2), as: SIMD4<UInt32>.self))
            &+ w.load(fromByteOffset: 16 * (t - 7), as: SIMD4<UInt32>.self)
            &+ smallSigma0(w.load(fromByteOffset: 16 * (t - 15), as: SIMD4<UInt32>.self))
            &+ w.load(fromByteOffset: 16 * (t - 16), as: SIMD4<UInt32>.self)
        w.storeBytes(of: word, toByteOffset: 16 * t, as: SIMD4<UInt32>.self)
        wk.storeBytes(of: word &+ SIMD4(repeating: k), toByteOffset: 16 * t, as: SIMD4<UInt32>.self)
    }

    /// Compresses `blocks` consecutive 64-byte blocks starting at `start` into the state.
    ///
    /// Works four blocks at a time: their message schedules (with the round constants added) are
    /// computed together, one block per SIMD lane, while the scalar rounds of the previous four run;
    /// each round then adds one stored word.
    private mutating func compress(_ start: UnsafeRawPointer, blocks: Int) {
        @inline(__always) func bigSigma0(_ x: UInt32) -> UInt32 { Self.rotr(x, 2) ^ Self.rotr(x, 13) ^ Self.rotr(x, 22) }
        @inline(__always) func bigSigma1(_ x: UInt32) -> UInt32 { Self.rotr(x, 6) ^ Self.rotr(x, 11) ^ Self.rotr(x, 25) }
        // Three 1 KiB areas: W of the batch being scheduled, and W + K of the current and the next batch.
        // Every word is written before it is read.
        withUnsafeTemporaryAllocation(byteCount: 3072, alignment: 16) { buffer in
            Self.roundConstants.withUnsafeBufferPointer { constants in
                guard let base = buffer.baseAddress, blocks > 0, constants.count == 64 else { return }
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                let w = base
                var current = base + 1024, next = base + 2048
                var p = start
                var remaining = blocks
                // Lanes past the last block repeat it rather than read past the input.
                @inline(__always) func loadBatch(_ q: UnsafeRawPointer, _ count: Int, into wk: UnsafeMutableRawPointer) {
                    Self.loadWords(q, q + 64 * min(1, count - 1), q + 64 * min(2, count - 1), q + 64 * (count - 1), w, wk, constants)
                }
                loadBatch(p, min(remaining, 4), into: current)
                for t in 16..<64 { Self.step(t, w, current, constants[t]) }
                while remaining > 0 {
                    let count = min(remaining, 4)
                    let following = p + 64 * count
                    let left = remaining - count
                    if left > 0 { loadBatch(following, min(left, 4), into: next) }
                    if left > 0 {
                        for lane in 0..<count {
                            let wk = current + 4 * lane
                            // This block's rounds are interleaved with steps t0..<t0 + 12 of the next batch's schedule,
                            // so the SIMD work overlaps the scalar rounds.
                            let t0 = 16 + 12 * lane
                            // x0/x1 carry a ^ b between rounds: Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and b ^ c is the previous round's a ^ b.
                            var x1 = b ^ c
                            var x0: UInt32 = 0
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 0, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 16, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            Self.step(t0 + 0, w, next, constants[t0 + 0])
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 32, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 48, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 64, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 80, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 96, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            Self.step(t0 + 1, w, next, constants[t0 + 1])
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 112, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 128, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 144, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 160, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 176, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            Self.step(t0 + 2, w, next, constants[t0 + 2])
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 192, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 208, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 224, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 240, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 256, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            Self.step(t0 + 3, w, next, constants[t0 + 3])
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 272, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 288, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 304, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 320, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 336, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            Self.step(t0 + 4, w, next, constants[t0 + 4])
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 352, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 368, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 384, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 400, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 416, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            Self.step(t0 + 5, w, next, constants[t0 + 5])
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 432, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 448, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 464, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 480, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 496, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            Self.step(t0 + 6, w, next, constants[t0 + 6])
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 512, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 528, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 544, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 560, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 576, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            Self.step(t0 + 7, w, next, constants[t0 + 7])
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 592, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 608, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 624, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 640, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 656, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            Self.step(t0 + 8, w, next, constants[t0 + 8])
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 672, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 688, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 704, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 720, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 736, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            Self.step(t0 + 9, w, next, constants[t0 + 9])
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 752, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 768, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 784, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 800, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 816, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            Self.step(t0 + 10, w, next, constants[t0 + 10])
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 832, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 848, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 864, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 880, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 896, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            Self.step(t0 + 11, w, next, constants[t0 + 11])
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 912, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 928, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 944, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 960, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 976, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 992, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 1008, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h0 = h0 &+ a; h1 = h1 &+ b; h2 = h2 &+ c; h3 = h3 &+ d
                            h4 = h4 &+ e; h5 = h5 &+ f; h6 = h6 &+ g; h7 = h7 &+ h
                            a = h0; b = h1; c = h2; d = h3; e = h4; f = h5; g = h6; h = h7
                        }
                    } else {
                        // The last batch: no schedule to prepare.
                        for lane in 0..<count {
                            let wk = current + 4 * lane
                            // x0/x1 carry a ^ b between rounds: Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and b ^ c is the previous round's a ^ b.
                            var x1 = b ^ c
                            var x0: UInt32 = 0
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 0, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 16, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 32, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 48, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 64, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 80, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 96, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 112, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 128, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 144, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 160, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 176, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 192, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 208, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 224, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 240, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 256, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 272, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 288, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 304, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 320, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 336, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 352, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 368, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 384, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 400, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 416, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 432, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 448, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 464, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 480, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 496, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 512, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 528, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 544, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 560, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 576, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 592, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 608, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 624, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 640, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 656, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 672, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 688, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 704, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 720, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 736, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 752, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 768, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 784, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 800, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 816, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 832, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 848, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 864, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 880, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ wk.load(fromByteOffset: 896, as: UInt32.self); d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
                            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ wk.load(fromByteOffset: 912, as: UInt32.self); c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
                            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ wk.load(fromByteOffset: 928, as: UInt32.self); b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
                            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ wk.load(fromByteOffset: 944, as: UInt32.self); a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
                            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ wk.load(fromByteOffset: 960, as: UInt32.self); h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
                            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ wk.load(fromByteOffset: 976, as: UInt32.self); g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
                            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ wk.load(fromByteOffset: 992, as: UInt32.self); f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
                            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ wk.load(fromByteOffset: 1008, as: UInt32.self); e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
                            h0 = h0 &+ a; h1 = h1 &+ b; h2 = h2 &+ c; h3 = h3 &+ d
                            h4 = h4 &+ e; h5 = h5 &+ f; h6 = h6 &+ g; h7 = h7 &+ h
                            a = h0; b = h1; c = h2; d = h3; e = h4; f = h5; g = h6; h = h7
                        }
                    }
                    swap(&current, &next)
                    p = following
                    remaining = left
                }
            }
        }
    }
}
