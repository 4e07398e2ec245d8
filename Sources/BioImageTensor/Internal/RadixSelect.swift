/// Exact order statistics without sorting: most-significant-digit radix selection on
/// order-preserving integer keys.
///
/// Each element maps to an unsigned key whose integer order is the numeric order (floats: flip all
/// bits of negatives, set the sign bit of positives; signed integers: flip the sign bit). One pass
/// builds a histogram of the top 16 key bits (per core), a prefix sum locates the bucket of every
/// requested rank, a second pass gathers only the elements of those buckets, and the same step
/// repeats on the gathered keys with the next 16 bits until the buckets are small enough to sort
/// (or all their bits are used, so every key in them is equal). Work is O(n) per requested rank
/// bucket, independent of the data's distribution; memory is O(size of the selected buckets).
enum RadixSelect {
    /// The key width in bits for a dtype.
    static func keyBits(_ dtype: DType) -> Int { dtype == .bool ? 8 : dtype.byteCount * 8 }

    /// The order-preserving key of `x`. NaNs must be filtered out before.
    @inline(__always)
    static func key<T: TensorScalar>(_ x: T) -> UInt64 {
        switch T.dtype {
        case .bool, .uint8: return UInt64(unsafeBitCast(x, to: UInt8.self))
        case .uint16: return UInt64(unsafeBitCast(x, to: UInt16.self))
        case .uint32: return UInt64(unsafeBitCast(x, to: UInt32.self))
        case .uint64: return unsafeBitCast(x, to: UInt64.self)
        case .int8: return UInt64(unsafeBitCast(x, to: UInt8.self) ^ 0x80)
        case .int16: return UInt64(unsafeBitCast(x, to: UInt16.self) ^ 0x8000)
        case .int32: return UInt64(unsafeBitCast(x, to: UInt32.self) ^ 0x8000_0000)
        case .int64: return unsafeBitCast(x, to: UInt64.self) ^ 0x8000_0000_0000_0000
        case .float16:
            let b = unsafeBitCast(x, to: UInt16.self)
            return UInt64(b & 0x8000 != 0 ? ~b : b | 0x8000)
        case .float32:
            let b = unsafeBitCast(x, to: UInt32.self)
            return UInt64(b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000)
        case .float64:
            let b = unsafeBitCast(x, to: UInt64.self)
            return b & 0x8000_0000_0000_0000 != 0 ? ~b : b | 0x8000_0000_0000_0000
        }
    }

    /// The element whose key is `k` (the inverse of ``key(_:)``).
    @inline(__always)
    static func value<T: TensorScalar>(_ k: UInt64, as _: T.Type) -> T {
        switch T.dtype {
        case .bool: return unsafeBitCast(UInt8(truncatingIfNeeded: k) != 0, to: T.self)
        case .uint8: return unsafeBitCast(UInt8(truncatingIfNeeded: k), to: T.self)
        case .uint16: return unsafeBitCast(UInt16(truncatingIfNeeded: k), to: T.self)
        case .uint32: return unsafeBitCast(UInt32(truncatingIfNeeded: k), to: T.self)
        case .uint64: return unsafeBitCast(k, to: T.self)
        case .int8: return unsafeBitCast(UInt8(truncatingIfNeeded: k) ^ 0x80, to: T.self)
        case .int16: return unsafeBitCast(UInt16(truncatingIfNeeded: k) ^ 0x8000, to: T.self)
        case .int32: return unsafeBitCast(UInt32(truncatingIfNeeded: k) ^ 0x8000_0000, to: T.self)
        case .int64: return unsafeBitCast(k ^ 0x8000_0000_0000_0000, to: T.self)
        case .float16:
            let b = UInt16(truncatingIfNeeded: k)
            return unsafeBitCast(b & 0x8000 != 0 ? b & 0x7FFF : ~b, to: T.self)
        case .float32:
            let b = UInt32(truncatingIfNeeded: k)
            return unsafeBitCast(b & 0x8000_0000 != 0 ? b & 0x7FFF_FFFF : ~b, to: T.self)
        case .float64:
            return unsafeBitCast(k & 0x8000_0000_0000_0000 != 0 ? k & 0x7FFF_FFFF_FFFF_FFFF : ~k, to: T.self)
        }
    }

    /// Below this many candidates, sorting is faster than another histogram pass.
    static let sortThreshold = 1024

    /// The keys at the given ascending ranks among the non-NaN elements of `run` (whose non-NaN
    /// count is `valid`). `ranks` must lie in `0..<valid`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == Int16)
    @_specialize(where T == Int32)
    static func select<T: TensorNumeric>(_ run: UnsafePointer<T>, count n: Int, valid: Int, ranks: [Int]) -> [UInt64] {
        let bits = keyBits(T.dtype)
        if valid <= sortThreshold {
            var keys: [UInt64] = []
            keys.reserveCapacity(valid)
            for i in 0..<n where run[i] == run[i] { keys.append(key(run[i])) }
            keys.sort()
            return ranks.map { keys[$0] }
        }
        let digit = Swift.min(16, bits)
        let shift = bits - digit
        let buckets = 1 << digit
        // Pass 1: histogram of the top digit, one per worker.
        let workers = n >= Parallel.minimumParallelCount ? Parallel.workerCount : 1
        let per = (n + workers - 1) / workers
        var histograms = [[Int32]](repeating: [], count: workers)
        let source = UncheckedSendable(run)
        histograms.withUnsafeMutableBufferPointer { hs in
            let box = UncheckedSendable(hs)
            Parallel.forEach(iterations: workers, parallel: workers > 1) { w in
                var h = [Int32](repeating: 0, count: buckets)
                let start = w * per, end = Swift.min(n, start + per)
                h.withUnsafeMutableBufferPointer { h in
                    for i in start..<Swift.max(start, end) {
                        let x = source.value[i]
                        if x == x { h[Int(truncatingIfNeeded: key(x) >> UInt64(shift))] &+= 1 }
                    }
                }
                box.value[w] = h
            }
        }
        var counts = histograms[0].map { Int($0) }
        for w in 1..<workers {
            for b in 0..<buckets { counts[b] += Int(histograms[w][b]) }
        }
        // Locate each rank's bucket and its rank inside the bucket.
        var targets: [(bucket: Int, rank: Int)] = []
        var cumulative = 0, bucket = 0
        for r in ranks {
            while cumulative + counts[bucket] <= r {
                cumulative += counts[bucket]
                bucket += 1
            }
            targets.append((bucket, r - cumulative))
        }
        let wanted = Array(Set(targets.map(\.bucket))).sorted()
        var slot = [Int32](repeating: -1, count: buckets)
        for (i, b) in wanted.enumerated() { slot[b] = Int32(truncatingIfNeeded: i) }
        // Pass 2: gather the keys of the wanted buckets (per worker, concatenated in order).
        var gathered = [[[UInt64]]](repeating: [], count: workers)
        gathered.withUnsafeMutableBufferPointer { gs in
            let box = UncheckedSendable(gs)
            Parallel.forEach(iterations: workers, parallel: workers > 1) { w in
                var lists = [[UInt64]](repeating: [], count: wanted.count)
                let start = w * per, end = Swift.min(n, start + per)
                slot.withUnsafeBufferPointer { slot in
                    for i in start..<Swift.max(start, end) {
                        let x = source.value[i]
                        guard x == x else { continue }
                        let k = key(x)
                        let s = Int(slot[Int(truncatingIfNeeded: k >> UInt64(shift))])
                        if s >= 0 { lists[s].append(k) }
                    }
                }
                box.value[w] = lists
            }
        }
        var results: [UInt64] = []
        for (b, r) in targets {
            guard let s = wanted.firstIndex(of: b) else { continue }
            var keys = gathered[0][s]
            for w in 1..<workers { keys += gathered[w][s] }
            results.append(selectInKeys(&keys, rank: r, shift: shift))
        }
        return results
    }

    /// The key of rank `rank` among `keys`, whose bits above `shift` are all equal.
    static func selectInKeys(_ keys: inout [UInt64], rank: Int, shift: Int) -> UInt64 {
        var shift = shift
        while keys.count > sortThreshold && shift > 0 {
            let digit = Swift.min(16, shift)
            shift -= digit
            let mask = UInt64((1 << digit) - 1)
            var counts = [Int](repeating: 0, count: 1 << digit)
            for k in keys { counts[Int(truncatingIfNeeded: (k >> UInt64(shift)) & mask)] += 1 }
            var cumulative = 0, bucket = 0
            while cumulative + counts[bucket] <= rank {
                cumulative += counts[bucket]
                bucket += 1
            }
            let b = UInt64(bucket)
            keys = keys.filter { (($0 >> UInt64(shift)) & mask) == b }
            let newRank = rank - cumulative
            if shift == 0 || keys.count <= sortThreshold {
                keys.sort()
                return keys[newRank]
            }
            return selectInKeys(&keys, rank: newRank, shift: shift)
        }
        if shift == 0 { return keys[0] }
        keys.sort()
        return keys[rank]
    }
}
