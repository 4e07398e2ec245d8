import BioImageTensor
import Foundation
import Testing

@Suite(".npy reading and writing")
struct NPYTests {
    /// The documented contents of every file in Fixtures/tensor/npy (see its README): element k of
    /// the row-major array is `k - count/2` (floats: times 0.5; unsigned: `k`; bool: `k` odd).
    static func expectedValue(_ dtype: DType, index k: Int, count n: Int) -> Double {
        switch dtype {
        case .bool: return k % 2 == 1 ? 1 : 0
        case .float16, .float32, .float64: return Double(k - n / 2) * 0.5
        case .uint8, .uint16, .uint32, .uint64: return Double(k)
        default: return Double(k - n / 2)
        }
    }

    @Test("files written by numpy load with the right dtype, shape and values", arguments: Fixtures.manifest?.npy ?? [])
    func loadsNumpyFiles(_ entry: NPYEntry) throws {
        let tensor = try NPY.read(contentsOf: Fixtures.url(entry.file))
        #expect(tensor.dtype.rawValue == entry.dtype)
        #expect(tensor.shape == entry.shape)
        let values = tensor.converted(to: Double.self).scalars
        let n = entry.shape.reduce(1, *)
        #expect(values.count == n)
        for (k, v) in values.enumerated() where v != Self.expectedValue(tensor.dtype, index: k, count: n) {
            Issue.record("\(entry.file): element \(k) is \(v), expected \(Self.expectedValue(tensor.dtype, index: k, count: n))")
            break
        }
    }

    @Test("what we write is byte-identical to numpy.save", arguments: (Fixtures.manifest?.npy ?? []).filter { $0.canonical == true })
    func writesNumpyBytes(_ entry: NPYEntry) throws {
        let url = try Fixtures.url(entry.file)
        let original = try Data(contentsOf: url)
        let tensor = try NPY.decode(original)
        #expect(NPY.encode(tensor) == original)
    }

    @Test("every array in cases.bin re-encodes to numpy's bytes")
    func reencodesCaseArrays() throws {
        let manifest = try #require(Fixtures.manifest)
        let blob = try #require(Fixtures.blob)
        var checked = 0
        for (name, ref) in manifest.arrays.sorted(by: { $0.key < $1.key }) {
            let bytes = blob.subdata(in: ref.offset..<ref.offset + ref.length)
            let tensor = try NPY.decode(bytes)
            if NPY.encode(tensor) != bytes { Issue.record("\(name) re-encodes differently") }
            checked += 1
        }
        #expect(checked > 1000)
    }

    @Test("corrupt files give their specific error", arguments: Fixtures.manifest?.corrupt ?? [])
    func rejectsCorruptFiles(_ entry: CorruptEntry) throws {
        let url = try Fixtures.url(entry.file)
        #expect {
            _ = try NPY.read(contentsOf: url)
        } throws: { error in
            guard let error = error as? NPYError else { return false }
            return error.code.rawValue == entry.code
        }
    }

    @Test("write then read round-trips every dtype through a file")
    func fileRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = try Tensor<Double>(shape: [2, 3], scalars: [-2, -1, 0, 1, 2.5, 3])
        for dtype in DType.allCases {
            let tensor = AnyTensor(base).converted(to: dtype)
            let url = directory.appendingPathComponent("\(dtype).npy")
            try NPY.write(tensor, to: url)
            #expect(try NPY.read(contentsOf: url) == tensor, "\(dtype)")
        }
    }

    @Test("a missing file is an io error")
    func missingFile() {
        #expect(throws: NPYError.self) { try NPY.read(contentsOf: URL(fileURLWithPath: "/nonexistent/x.npy")) }
    }

    @Test("non-0/1 bytes in a bool array read as true")
    func boolBytesNormalised() throws {
        var data = NPY.encode(Tensor<Bool>([false, true, false]))
        data[data.count - 1] = 7
        let tensor = try NPY.decode(data).tensor(of: Bool.self)
        #expect(tensor.scalars == [false, true, true])
    }
}

@Suite(".npy header edge cases")
struct NPYHeaderEdgeTests {
    /// numpy switches to format 2.0 when the header exceeds 65535 bytes (`_wrap_header_guess_version`).
    @Test("a header longer than 65535 bytes is written as version 2.0 and reads back")
    func version2ForLongHeaders() throws {
        let tensor = try Tensor<Float>(shape: [Int](repeating: 1, count: 22_000), scalars: [3.5])
        let data = NPY.encode(tensor)
        #expect(data[6] == 2 && data[7] == 0)
        // The data must start on a 64-byte boundary, as numpy aligns it.
        let headerLength = Int(data[8]) | Int(data[9]) << 8 | Int(data[10]) << 16 | Int(data[11]) << 24
        #expect((12 + headerLength) % 64 == 0)
        #expect(try NPY.decode(data) == AnyTensor(tensor))
    }

    @Test("0-d and empty tensors round-trip")
    func smallShapes() throws {
        for tensor in [AnyTensor(Tensor<Int64>(7)), AnyTensor(try Tensor<Float>(repeating: 0, shape: [0, 4])), AnyTensor(Tensor<Bool>([]))] {
            #expect(try NPY.decode(NPY.encode(tensor)) == tensor)
        }
    }
}
