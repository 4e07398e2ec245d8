import BioImageTensor
import Foundation
import Testing
@testable import BioImageONNX

/// Damaged models never crash the reader, graph builder or executor: every truncation and random
/// byte mutation of small models written by `onnx` either loads or throws an ``ONNXError``.
@Suite("ONNX reader robustness")
struct ProtoRobustnessTests {
    static func model(_ name: String) throws -> [UInt8] {
        let url = try #require(ONNXTestPaths.fixtures).appendingPathComponent("proto/models/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    /// Loads and, when that works, runs on a small input; returns whether loading threw.
    static func attempt(_ bytes: [UInt8]) -> Bool {
        let model: ONNXModel
        do { model = try ONNXModel(bytes: bytes, externalData: nil, customOperators: GraphTestKernels.operators) } catch { return true }
        var feed: [String: AnyTensor] = [:]
        for input in model.inputs {
            let shape = (input.shape ?? [.fixed(4)]).map { dimension -> Int in
                if case .fixed(let size) = dimension { return min(max(size, 0), 8) }
                return 1
            }
            if let tensor = try? Tensor<Float>(repeating: 1, shape: shape) {
                feed[input.name] = AnyTensor(tensor).converted(to: input.elementType ?? .float32)
            }
        }
        _ = try? model.run(feed, threads: 1)
        return false
    }

    @Test("the intact models load", arguments: ["small.onnx", "defaults.onnx", "functions/model.onnx"])
    func intact(_ name: String) throws {
        #expect(Self.attempt(try Self.model(name)) == false)
    }

    @Test("every truncation is handled", arguments: ["small.onnx", "defaults.onnx", "functions/model.onnx"])
    func truncations(_ name: String) throws {
        let bytes = try Self.model(name)
        var rejected = 0
        for length in 0..<bytes.count where Self.attempt(Array(bytes[0..<length])) { rejected += 1 }
        // Cutting at a field boundary can leave a well-formed (smaller) model; most cuts are errors.
        #expect(rejected > bytes.count * 3 / 4, "\(rejected) of \(bytes.count) truncations rejected")
    }

    @Test("random byte mutations are handled", arguments: ["small.onnx", "defaults.onnx", "functions/model.onnx"])
    func mutations(_ name: String) throws {
        let bytes = try Self.model(name)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var rejected = 0
        let trials = 1500
        for _ in 0..<trials {
            var mutated = bytes
            for _ in 0..<(1 + next() % 3) {
                let position = next() % mutated.count
                mutated[position] = next() % 4 == 0 ? 0xFF : UInt8(truncatingIfNeeded: next())
            }
            if Self.attempt(mutated) { rejected += 1 }
        }
        #expect(rejected > 0)
        print("\(name): \(rejected) of \(trials) mutations rejected, the rest loaded")
    }

    @Test("nested messages with forged lengths and deep garbage are rejected")
    func forgedNesting() {
        // ModelProto.graph (field 7) claiming 1 GB.
        var writer = ProtoWriter()
        writer.tag(7, wire: 2)
        writer.varint(1 << 30)
        writer.raw([0x0A, 0x00])
        #expect(throws: ONNXError.self) { try ONNXModel(data: Data(writer.bytes)) }
        // A graph with a node whose attribute holds a tensor with mismatched data.
        var model = ProtoWriter()
        model.message(8) { $0.int(2, 13) }
        model.message(7) { graph in
            graph.message(1) { node in
                node.string(2, "y")
                node.string(4, "Constant")
                node.message(5) { attribute in
                    attribute.string(1, "value")
                    attribute.int(20, 4)
                    attribute.message(5) { tensor in tensor.int(1, 1 << 40); tensor.int(2, 1); tensor.bytes(9, [1, 2, 3, 4]) }
                }
            }
            graph.message(12) { $0.string(1, "y") }
        }
        #expect(throws: ONNXError.self) { try ONNXModel(data: Data(model.bytes)) }
        // Not protobuf at all.
        #expect(throws: ONNXError.self) { try ONNXModel(data: Data("not an onnx file".utf8)) }
        #expect(throws: ONNXError.self) { try ONNXModel(data: Data()) }
    }
}
