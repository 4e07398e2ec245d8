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

    @inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// Compresses `blocks` consecutive 64-byte blocks starting at `start` into the state.
    private mutating func compress(_ start: UnsafeRawPointer, blocks: Int) {
        @inline(__always) func bigSigma0(_ x: UInt32) -> UInt32 { rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22) }
        @inline(__always) func bigSigma1(_ x: UInt32) -> UInt32 { rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25) }
        @inline(__always) func smallSigma0(_ x: UInt32) -> UInt32 { rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3) }
        @inline(__always) func smallSigma1(_ x: UInt32) -> UInt32 { rotr(x, 17) ^ rotr(x, 19) ^ (x &>> 10) }
        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        var p = start
        for _ in 0..<blocks {
            // x0/x1 carry a ^ b between rounds: Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and b ^ c is the previous round's a ^ b.
            var x1 = b ^ c
            var x0: UInt32 = 0
            var w0 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            var w1 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            var w2 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            var w3 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            var w4 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
            var w5 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
            var w6 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
            var w7 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
            var w8 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
            var w9 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 36, as: UInt32.self))
            var w10 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 40, as: UInt32.self))
            var w11 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 44, as: UInt32.self))
            var w12 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
            var w13 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 52, as: UInt32.self))
            var w14 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
            var w15 = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ 0x428a2f98 &+ w0; d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ 0x71374491 &+ w1; c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ 0xb5c0fbcf &+ w2; b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ 0xe9b5dba5 &+ w3; a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ 0x3956c25b &+ w4; h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ 0x59f111f1 &+ w5; g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ 0x923f82a4 &+ w6; f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ 0xab1c5ed5 &+ w7; e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ 0xd807aa98 &+ w8; d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ 0x12835b01 &+ w9; c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ 0x243185be &+ w10; b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ 0x550c7dc3 &+ w11; a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ 0x72be5d74 &+ w12; h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ 0x80deb1fe &+ w13; g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ 0x9bdc06a7 &+ w14; f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ 0xc19bf174 &+ w15; e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
            w0 = w0 &+ smallSigma1(w14) &+ w9 &+ smallSigma0(w1)
            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ 0xe49b69c1 &+ w0; d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
            w1 = w1 &+ smallSigma1(w15) &+ w10 &+ smallSigma0(w2)
            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ 0xefbe4786 &+ w1; c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
            w2 = w2 &+ smallSigma1(w0) &+ w11 &+ smallSigma0(w3)
            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ 0x0fc19dc6 &+ w2; b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
            w3 = w3 &+ smallSigma1(w1) &+ w12 &+ smallSigma0(w4)
            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ 0x240ca1cc &+ w3; a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
            w4 = w4 &+ smallSigma1(w2) &+ w13 &+ smallSigma0(w5)
            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ 0x2de92c6f &+ w4; h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
            w5 = w5 &+ smallSigma1(w3) &+ w14 &+ smallSigma0(w6)
            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ 0x4a7484aa &+ w5; g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
            w6 = w6 &+ smallSigma1(w4) &+ w15 &+ smallSigma0(w7)
            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ 0x5cb0a9dc &+ w6; f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
            w7 = w7 &+ smallSigma1(w5) &+ w0 &+ smallSigma0(w8)
            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ 0x76f988da &+ w7; e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
            w8 = w8 &+ smallSigma1(w6) &+ w1 &+ smallSigma0(w9)
            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ 0x983e5152 &+ w8; d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
            w9 = w9 &+ smallSigma1(w7) &+ w2 &+ smallSigma0(w10)
            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ 0xa831c66d &+ w9; c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
            w10 = w10 &+ smallSigma1(w8) &+ w3 &+ smallSigma0(w11)
            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ 0xb00327c8 &+ w10; b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
            w11 = w11 &+ smallSigma1(w9) &+ w4 &+ smallSigma0(w12)
            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ 0xbf597fc7 &+ w11; a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
            w12 = w12 &+ smallSigma1(w10) &+ w5 &+ smallSigma0(w13)
            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ 0xc6e00bf3 &+ w12; h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
            w13 = w13 &+ smallSigma1(w11) &+ w6 &+ smallSigma0(w14)
            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ 0xd5a79147 &+ w13; g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
            w14 = w14 &+ smallSigma1(w12) &+ w7 &+ smallSigma0(w15)
            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ 0x06ca6351 &+ w14; f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
            w15 = w15 &+ smallSigma1(w13) &+ w8 &+ smallSigma0(w0)
            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ 0x14292967 &+ w15; e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
            w0 = w0 &+ smallSigma1(w14) &+ w9 &+ smallSigma0(w1)
            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ 0x27b70a85 &+ w0; d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
            w1 = w1 &+ smallSigma1(w15) &+ w10 &+ smallSigma0(w2)
            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ 0x2e1b2138 &+ w1; c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
            w2 = w2 &+ smallSigma1(w0) &+ w11 &+ smallSigma0(w3)
            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ 0x4d2c6dfc &+ w2; b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
            w3 = w3 &+ smallSigma1(w1) &+ w12 &+ smallSigma0(w4)
            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ 0x53380d13 &+ w3; a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
            w4 = w4 &+ smallSigma1(w2) &+ w13 &+ smallSigma0(w5)
            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ 0x650a7354 &+ w4; h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
            w5 = w5 &+ smallSigma1(w3) &+ w14 &+ smallSigma0(w6)
            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ 0x766a0abb &+ w5; g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
            w6 = w6 &+ smallSigma1(w4) &+ w15 &+ smallSigma0(w7)
            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ 0x81c2c92e &+ w6; f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
            w7 = w7 &+ smallSigma1(w5) &+ w0 &+ smallSigma0(w8)
            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ 0x92722c85 &+ w7; e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
            w8 = w8 &+ smallSigma1(w6) &+ w1 &+ smallSigma0(w9)
            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ 0xa2bfe8a1 &+ w8; d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
            w9 = w9 &+ smallSigma1(w7) &+ w2 &+ smallSigma0(w10)
            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ 0xa81a664b &+ w9; c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
            w10 = w10 &+ smallSigma1(w8) &+ w3 &+ smallSigma0(w11)
            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ 0xc24b8b70 &+ w10; b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
            w11 = w11 &+ smallSigma1(w9) &+ w4 &+ smallSigma0(w12)
            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ 0xc76c51a3 &+ w11; a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
            w12 = w12 &+ smallSigma1(w10) &+ w5 &+ smallSigma0(w13)
            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ 0xd192e819 &+ w12; h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
            w13 = w13 &+ smallSigma1(w11) &+ w6 &+ smallSigma0(w14)
            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ 0xd6990624 &+ w13; g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
            w14 = w14 &+ smallSigma1(w12) &+ w7 &+ smallSigma0(w15)
            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ 0xf40e3585 &+ w14; f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
            w15 = w15 &+ smallSigma1(w13) &+ w8 &+ smallSigma0(w0)
            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ 0x106aa070 &+ w15; e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
            w0 = w0 &+ smallSigma1(w14) &+ w9 &+ smallSigma0(w1)
            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ 0x19a4c116 &+ w0; d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
            w1 = w1 &+ smallSigma1(w15) &+ w10 &+ smallSigma0(w2)
            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ 0x1e376c08 &+ w1; c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
            w2 = w2 &+ smallSigma1(w0) &+ w11 &+ smallSigma0(w3)
            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ 0x2748774c &+ w2; b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
            w3 = w3 &+ smallSigma1(w1) &+ w12 &+ smallSigma0(w4)
            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ 0x34b0bcb5 &+ w3; a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
            w4 = w4 &+ smallSigma1(w2) &+ w13 &+ smallSigma0(w5)
            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ 0x391c0cb3 &+ w4; h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
            w5 = w5 &+ smallSigma1(w3) &+ w14 &+ smallSigma0(w6)
            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ 0x4ed8aa4a &+ w5; g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
            w6 = w6 &+ smallSigma1(w4) &+ w15 &+ smallSigma0(w7)
            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ 0x5b9cca4f &+ w6; f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
            w7 = w7 &+ smallSigma1(w5) &+ w0 &+ smallSigma0(w8)
            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ 0x682e6ff3 &+ w7; e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
            w8 = w8 &+ smallSigma1(w6) &+ w1 &+ smallSigma0(w9)
            h = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ 0x748f82ee &+ w8; d = d &+ h; x0 = a ^ b; h = h &+ bigSigma0(a) &+ (b ^ (x0 & x1))
            w9 = w9 &+ smallSigma1(w7) &+ w2 &+ smallSigma0(w10)
            g = g &+ bigSigma1(d) &+ (f ^ (d & (e ^ f))) &+ 0x78a5636f &+ w9; c = c &+ g; x1 = h ^ a; g = g &+ bigSigma0(h) &+ (a ^ (x1 & x0))
            w10 = w10 &+ smallSigma1(w8) &+ w3 &+ smallSigma0(w11)
            f = f &+ bigSigma1(c) &+ (e ^ (c & (d ^ e))) &+ 0x84c87814 &+ w10; b = b &+ f; x0 = g ^ h; f = f &+ bigSigma0(g) &+ (h ^ (x0 & x1))
            w11 = w11 &+ smallSigma1(w9) &+ w4 &+ smallSigma0(w12)
            e = e &+ bigSigma1(b) &+ (d ^ (b & (c ^ d))) &+ 0x8cc70208 &+ w11; a = a &+ e; x1 = f ^ g; e = e &+ bigSigma0(f) &+ (g ^ (x1 & x0))
            w12 = w12 &+ smallSigma1(w10) &+ w5 &+ smallSigma0(w13)
            d = d &+ bigSigma1(a) &+ (c ^ (a & (b ^ c))) &+ 0x90befffa &+ w12; h = h &+ d; x0 = e ^ f; d = d &+ bigSigma0(e) &+ (f ^ (x0 & x1))
            w13 = w13 &+ smallSigma1(w11) &+ w6 &+ smallSigma0(w14)
            c = c &+ bigSigma1(h) &+ (b ^ (h & (a ^ b))) &+ 0xa4506ceb &+ w13; g = g &+ c; x1 = d ^ e; c = c &+ bigSigma0(d) &+ (e ^ (x1 & x0))
            w14 = w14 &+ smallSigma1(w12) &+ w7 &+ smallSigma0(w15)
            b = b &+ bigSigma1(g) &+ (a ^ (g & (h ^ a))) &+ 0xbef9a3f7 &+ w14; f = f &+ b; x0 = c ^ d; b = b &+ bigSigma0(c) &+ (d ^ (x0 & x1))
            w15 = w15 &+ smallSigma1(w13) &+ w8 &+ smallSigma0(w0)
            a = a &+ bigSigma1(f) &+ (h ^ (f & (g ^ h))) &+ 0xc67178f2 &+ w15; e = e &+ a; x1 = b ^ c; a = a &+ bigSigma0(b) &+ (c ^ (x1 & x0))
            h0 = h0 &+ a; h1 = h1 &+ b; h2 = h2 &+ c; h3 = h3 &+ d
            h4 = h4 &+ e; h5 = h5 &+ f; h6 = h6 &+ g; h7 = h7 &+ h
            a = h0; b = h1; c = h2; d = h3; e = h4; f = h5; g = h6; h = h7
            p += 64
        }
    }
}
