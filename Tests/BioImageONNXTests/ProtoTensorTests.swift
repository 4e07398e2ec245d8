import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

/// `TensorProto` decoding against tensors written by the `onnx` package
/// (`Scripts/gen_onnx_proto_fixtures.py`, values in the `.npy` files written by numpy).
@Suite("ONNX TensorProto decoding")
struct ProtoTensorTests {
    static let dtypes = ["float32", "float64", "float16", "bfloat16", "int8", "int16", "int32", "int64",
                         "uint8", "uint16", "uint32", "uint64", "bool"]

    static func fixture(_ name: String) throws -> URL {
        guard let folder = ONNXTestPaths.fixtures else { throw ONNXError(.invalidInput, "repository root not found") }
        return folder.appendingPathComponent("proto/tensors").appendingPathComponent(name)
    }

    static func decode(_ name: String) throws -> AnyTensor {
        try TensorProto(serialized: [UInt8](try Data(contentsOf: try fixture(name)))).tensor()
    }

    @Test("raw_data and typed fields decode to numpy's values", arguments: dtypes)
    func dtype(_ name: String) throws {
        let expected = try NPY.read(contentsOf: try Self.fixture("\(name).npy"))
        for variant in ["raw", "typed"] {
            let tensor = try Self.decode("\(name)_\(variant).pb")
            #expect(tensor.dtype == expected.dtype, "\(name) \(variant)")
            #expect(tensor.shape == [2, 3])
            #expect(TensorComparison.mismatch(tensor, expected, rtol: 0, atol: 0) == nil, "\(name) \(variant)")
        }
    }

    @Test("rank-0 and empty tensors")
    func edgeShapes() throws {
        let scalar = try Self.decode("scalar_float32.pb")
        #expect(scalar.shape == [])
        #expect(try scalar.tensor(of: Float.self).scalars == [2.5])
        let empty = try Self.decode("empty_float32.pb")
        #expect(empty.shape == [0, 3])
        #expect(empty.count == 0)
    }

    @Test("string tensors are rejected as an unsupported dtype")
    func strings() throws {
        do {
            _ = try Self.decode("string.pb")
            Issue.record("expected an error")
        } catch let error as ONNXError {
            #expect(error.code == .unsupportedDType)
            #expect(error.description.contains("STRING"))
        }
    }

    @Test("raw_data whose size differs from the dims is malformed, not a crash")
    func sizeMismatch() {
        var writer = ProtoWriter()
        writer.int(1, 1_000_000_000)
        writer.int(1, 1_000_000_000)
        writer.int(2, 1)
        writer.bytes(9, [0, 0, 0, 0])
        #expect(throws: ONNXError.self) { try TensorProto(serialized: writer.bytes).tensor() }
        var negative = ProtoWriter()
        negative.int(1, -3)
        negative.int(2, 1)
        #expect(throws: ONNXError.self) { try TensorProto(serialized: negative.bytes).tensor() }
        var overflow = ProtoWriter()
        for _ in 0..<4 { overflow.int(1, 1 << 40) }
        overflow.int(2, 1)
        #expect(throws: ONNXError.self) { try TensorProto(serialized: overflow.bytes).tensor() }
    }

    @Test("external data: offset and length are checked; locations may not escape the folder")
    func externalData() throws {
        func external(_ entries: [(String, String)]) -> [UInt8] {
            var writer = ProtoWriter()
            writer.int(1, 2)
            writer.int(2, 1)
            for (key, value) in entries { writer.message(13) { $0.string(1, key); $0.string(2, value) } }
            writer.int(14, 1)
            return writer.bytes
        }
        var file = Data([0xFF, 0xFF])
        for value: Float in [1.5, -2] { withUnsafeBytes(of: value.bitPattern.littleEndian) { file.append(contentsOf: $0) } }
        let source = ExternalDataSource.files(["w.bin": file])
        let good = try TensorProto(serialized: external([("location", "w.bin"), ("offset", "2"), ("length", "8")])).tensor(externalData: source)
        #expect(try good.tensor(of: Float.self).scalars == [1.5, -2])
        for bad in [[("location", "w.bin"), ("offset", "4")], [("location", "w.bin"), ("length", "12")],
                    [("location", "../w.bin")], [("location", "/etc/passwd")], [("location", "missing.bin")], [("offset", "0")]] {
            #expect(throws: ONNXError.self) { try TensorProto(serialized: external(bad)).tensor(externalData: source) }
        }
        #expect(throws: ONNXError.self) { try TensorProto(serialized: external([("location", "w.bin")])).tensor(externalData: nil) }
    }
}
