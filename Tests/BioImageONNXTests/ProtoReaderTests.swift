import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

/// The protobuf wire-format reader, on bytes written by hand (expected values from the protobuf
/// encoding rules: https://protobuf.dev/programming-guides/encoding/).
@Suite("ONNX protobuf reader")
struct ProtoReaderTests {
    @Test("varints of 1 to 10 bytes, zigzag and fixed-width values")
    func scalars() throws {
        // 150 = 0x96 0x01; -1 as int64 = ten bytes ff…ff 01; zigzag(-2) = 3; fixed32 1.0f = 00 00 80 3f.
        var reader = ProtoReader([0x96, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x03,
                                  0x00, 0x00, 0x80, 0x3F, 0x18, 0x2D, 0x44, 0x54, 0xFB, 0x21, 0x09, 0x40])
        #expect(try reader.readVarint() == 150)
        #expect(try reader.readInt64() == -1)
        #expect(try reader.readSInt64() == -2)
        #expect(try reader.readFloat() == 1.0)
        #expect(try reader.readDouble() == Double.pi)
        #expect(reader.isAtEnd)
    }

    @Test("an 11-byte varint and a 10th byte above 1 are malformed")
    func overlongVarint() {
        var long = ProtoReader([UInt8](repeating: 0x80, count: 10) + [0x01])
        #expect(throws: ONNXError.self) { try long.readVarint() }
        var overflow = ProtoReader([UInt8](repeating: 0xFF, count: 9) + [0x02])
        #expect(throws: ONNXError.self) { try overflow.readVarint() }
    }

    @Test("truncation reports the byte offset where the value started")
    func truncation() {
        var reader = ProtoReader([0x08, 0x96])
        #expect((try? reader.readTag())?.field == 1)
        do {
            _ = try reader.readVarint()
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.offset == 1)
        }
        var fixed = ProtoReader([0x00, 0x00, 0x80])
        #expect(throws: ONNXError.self) { try fixed.readFixed32() }
    }

    @Test("a forged length larger than the message is rejected before allocating")
    func forgedLength() {
        // Field 9 (raw_data), length 2^62, then 3 bytes.
        var writer = ProtoWriter()
        writer.tag(9, wire: 2)
        writer.varint(1 << 62)
        writer.raw([1, 2, 3])
        do {
            _ = try TensorProto(serialized: writer.bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.offset == 1)
        }
    }

    @Test("groups, wire types 6/7 and field 0 are rejected")
    func badTags() {
        for bytes: [UInt8] in [[0x0B], [0x0C], [0x0E], [0x0F], [0x00]] {
            var reader = ProtoReader(bytes)
            #expect(throws: ONNXError.self) { try reader.readTag() }
        }
    }

    @Test("unknown fields of every wire type are skipped")
    func unknownFields() throws {
        var writer = ProtoWriter()
        writer.int(100, 12345)                  // varint
        writer.tag(101, wire: 1); writer.raw([UInt8](repeating: 7, count: 8))   // fixed64
        writer.string(102, "ignored")           // length-delimited
        writer.float(103, 2)                    // fixed32
        writer.int(2, 7)                        // data_type INT64
        writer.int(1, 2)                        // dims [2]
        writer.packedInts(7, [-5, 1 << 40])     // int64_data
        let tensor = try TensorProto(serialized: writer.bytes).tensor()
        #expect(try tensor.tensor(of: Int64.self) == Tensor<Int64>([-5, 1 << 40]))
    }

    @Test("repeated fields read the same packed and unpacked")
    func packedAndUnpacked() throws {
        var packed = ProtoWriter()
        packed.packedInts(1, [2, 3])
        packed.int(2, 1)
        packed.packedFloats(4, [1, 2, 3, 4, 5, 6])
        var unpacked = ProtoWriter()
        unpacked.int(1, 2)
        unpacked.int(1, 3)
        unpacked.int(2, 1)
        for value: Float in [1, 2, 3, 4, 5, 6] { unpacked.float(4, value) }
        let a = try TensorProto(serialized: packed.bytes).tensor()
        let b = try TensorProto(serialized: unpacked.bytes).tensor()
        #expect(a == b)
        #expect(a.shape == [2, 3])
        #expect(try a.tensor(of: Float.self).scalars == [1, 2, 3, 4, 5, 6])
    }

    @Test("a field with the wrong wire type is malformed")
    func wrongWireType() {
        var writer = ProtoWriter()
        writer.float(2, 1)   // data_type must be a varint
        #expect(throws: ONNXError.self) { try TensorProto(serialized: writer.bytes) }
    }

    @Test("packed floats whose length is not a multiple of 4 are malformed")
    func raggedPackedFloats() {
        var writer = ProtoWriter()
        writer.bytes(4, [0, 0, 0x80, 0x3F, 0])
        #expect(throws: ONNXError.self) { try TensorProto(serialized: writer.bytes) }
    }
}
