@testable import BioImageONNX
import BioImageTensor
import Testing

@Suite("Image operators: Resize, Upsample, Pad")
struct ImageResizeTests {
    /// Upsample-7 with the scales attribute, nearest ×2 on the last axes: [[1, 2]] → [[1, 1, 2, 2]] twice.
    @Test("Upsample opset 7 (attribute scales) and opset 9 (input scales)")
    func upsample() throws {
        let x = ImageTestNode.floats([1, 1, 1, 2], [1, 2])
        let seven = try ImageTestNode.run("Upsample", opset: 7, attributes: ["scales": .floats([1, 1, 2, 2])], [x])
        #expect(seven[0].shape == [1, 1, 2, 4])
        #expect(ImageTestNode.values(seven[0]) == [1, 1, 2, 2, 1, 1, 2, 2])
        // Linear, asymmetric: x_in = x_out / 2 → 1, 1.5, 2, 2 (the last clamps to the edge).
        let nine = try ImageTestNode.run("Upsample", opset: 9, attributes: ["mode": .string("linear")],
                                         [x, ImageTestNode.floats([4], [1, 1, 1, 2])])
        #expect(ImageTestNode.values(nine[0]) == [1, 1.5, 2, 2])
    }

    /// Resize-10 nearest down-sampling by 0.5 (x/scale = 0, 2 exactly): [1, 2, 3, 4] → [1, 3];
    /// Resize-11 align_corners linear 2 → 4: [0, 3] → [0, 1, 2, 3].
    @Test("Resize-10 legacy nearest and Resize-11 align_corners")
    func resizeOldOpsets() throws {
        let x = ImageTestNode.floats([1, 4], [1, 2, 3, 4])
        let ten = try ImageTestNode.run("Resize", opset: 10, [x, ImageTestNode.floats([2], [1, 0.5])])
        #expect(ImageTestNode.values(ten[0]) == [1, 3])
        let y = ImageTestNode.floats([1, 2], [0, 3])
        let eleven = try ImageTestNode.run("Resize", opset: 11,
                                           attributes: ["mode": .string("linear"), "coordinate_transformation_mode": .string("align_corners")],
                                           [y, ImageTestNode.floats([0], []), ImageTestNode.floats([0], []), ImageTestNode.int64s([1, 4])])
        #expect(ImageTestNode.mismatch(ImageTestNode.values(eleven[0]), [0, 1, 2, 3]) == nil)
    }

    /// Resize-10 and Upsample-9 against onnxruntime 1.32.0 (the ONNX reference implements neither):
    /// nearest takes ceil(x/scale) when down-sampling and floor when up-sampling; linear is
    /// asymmetric with edge clamping. Expected values printed by onnxruntime for x = 1…10.
    @Test("Resize-10 and Upsample-9 match onnxruntime")
    func legacyMatchesOnnxruntime() throws {
        let ten = ImageTestNode.floats([1, 10], (1...10).map(Float.init))
        let four = ImageTestNode.floats([1, 4], [1, 2, 3, 4])
        let three = ImageTestNode.floats([1, 3], [1, 2, 3])
        let cases: [(String, Int, String, AnyTensor, Float, [Float])] = [
            ("Resize", 10, "nearest", ten, 0.6, [1, 3, 5, 6, 8, 10]),
            ("Resize", 10, "nearest", four, 1.5, [1, 1, 2, 3, 3, 4]),
            ("Resize", 10, "linear", four, 1.5, [1, 1.666_666_7, 2.333_333_5, 3, 3.666_666_7, 4]),
            ("Resize", 10, "linear", ten, 0.6, [1, 2.666_666_5, 4.333_333, 6, 7.666_666_5, 9.333_333]),
            ("Upsample", 9, "linear", three, 2.5, [1, 1.4, 1.8, 2.2, 2.6, 3, 3]),
            ("Upsample", 9, "nearest", three, 2.5, [1, 1, 1, 2, 2, 3, 3]),
        ]
        for (op, opset, mode, x, scale, expected) in cases {
            let y = try ImageTestNode.run(op, opset: opset, attributes: ["mode": .string(mode)], [x, ImageTestNode.floats([2], [1, scale])])
            #expect(ImageTestNode.mismatch(ImageTestNode.values(y[0]), expected) == nil, "\(op)-\(opset) \(mode) ×\(scale)")
        }
    }

    /// Linear resizing of an integer tensor rounds half to even and saturates (the reference's
    /// saturate_cast): uint8 [0, 255] ×2 half_pixel → 0, 63.75, 191.25, 255 → 0, 64, 191, 255.
    @Test("Resize keeps integer dtypes, nearest copies any dtype")
    func resizeIntegers() throws {
        let x = AnyTensor(Tensor<UInt8>([0, 255]))
        let linear = try ImageTestNode.run("Resize", opset: 13, attributes: ["mode": .string("linear")], [x, nil, ImageTestNode.floats([1], [2])])
        #expect(try linear[0].tensor(of: UInt8.self).scalars == [0, 64, 191, 255])
        let flags = try ImageTestNode.run("Resize", opset: 13, [AnyTensor(Tensor<Bool>([true, false])), nil, ImageTestNode.floats([1], [2])])
        #expect(try flags[0].tensor(of: Bool.self).scalars == [true, true, false, false])
    }

    @Test("Resize input and attribute errors are thrown")
    func resizeErrors() throws {
        let x = ImageTestNode.floats([1, 4], [1, 2, 3, 4])
        #expect(throws: ONNXError.self) { try ImageTestNode.build("Resize", attributes: ["mode": .string("area")]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("Resize", attributes: ["antialias": .int(1)]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.build("Resize", opset: 13, attributes: ["axes": .ints([1])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Resize", [x, nil, ImageTestNode.floats([2], [1, -2])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Resize", [x, nil, ImageTestNode.floats([3], [1, 1, 1])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Resize", [x, nil, nil]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Resize", [x, nil, ImageTestNode.floats([2], [1, 1e12])]) }
        #expect(throws: ONNXError.self) {
            try ImageTestNode.run("Resize", attributes: ["coordinate_transformation_mode": .string("tf_crop_and_resize")],
                                  [x, nil, nil, ImageTestNode.int64s([1, 2])])
        }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Resize", [x, nil, nil, ImageTestNode.int64s([1, .max])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Resize", [x, nil, nil, ImageTestNode.int64s([1 << 20, 1 << 20])]) }
        #expect(throws: ONNXError.self) {
            try ImageTestNode.run("Resize", attributes: ["keep_aspect_ratio_policy": .string("not_smaller")],
                                  [x, nil, nil, ImageTestNode.int64s([1 << 39, 1])])
        }
        // A non-finite ROI must not trap: every position extrapolates.
        let nanROI = try ImageTestNode.run("Resize", attributes: ["coordinate_transformation_mode": .string("tf_crop_and_resize"), "mode": .string("linear")],
                                           [x, ImageTestNode.floats([4], [0, .nan, 1, .infinity]), nil, ImageTestNode.int64s([1, 2])])
        #expect(nanROI[0].shape == [1, 2])
    }

    /// numpy.pad of [1, 2, 3] by (2, 2): reflect [3, 2, 1, 2, 3, 2, 1], edge [1, 1, 1, 2, 3, 3, 3],
    /// wrap [2, 3, 1, 2, 3, 1, 2], constant 9 [9, 9, 1, 2, 3, 9, 9].
    @Test("Pad modes, opsets 2 / 11 / 18 / 19, negative pads", arguments: [
        ("reflect", [Float(3), 2, 1, 2, 3, 2, 1]), ("edge", [1, 1, 1, 2, 3, 3, 3]), ("wrap", [2, 3, 1, 2, 3, 1, 2]),
        ("constant", [9, 9, 1, 2, 3, 9, 9]),
    ])
    func padModes(_ mode: String, _ expected: [Float]) throws {
        let x = ImageTestNode.floats([3], [1, 2, 3])
        let y = try ImageTestNode.run("Pad", opset: 19, attributes: ["mode": .string(mode)],
                                      [x, ImageTestNode.int64s([2, 2]), ImageTestNode.floats([], [9])])
        #expect(ImageTestNode.values(y[0]) == expected)
        if mode != "wrap" {
            let old = try ImageTestNode.run("Pad", opset: 2, attributes: ["mode": .string(mode), "pads": .ints([2, 2]), "value": .float(9)], [x])
            #expect(ImageTestNode.values(old[0]) == expected)
        }
    }

    @Test("Pad with axes, negative pads and errors")
    func padAxes() throws {
        // [[1, 2], [3, 4]] padded on axis 1 only by (1, 0), and cropped by (−1, 0) on axis 0.
        let x = ImageTestNode.floats([2, 2], [1, 2, 3, 4])
        let y = try ImageTestNode.run("Pad", opset: 18, [x, ImageTestNode.int64s([1, 0]), nil, ImageTestNode.int64s([-1])])
        #expect(y[0].shape == [2, 3] && ImageTestNode.values(y[0]) == [0, 1, 2, 0, 3, 4])
        let cropped = try ImageTestNode.run("Pad", opset: 11, [x, ImageTestNode.int64s([-1, 0, 0, 0])])
        #expect(cropped[0].shape == [1, 2] && ImageTestNode.values(cropped[0]) == [3, 4])
        let ints = try ImageTestNode.run("Pad", opset: 11, attributes: ["mode": .string("edge")],
                                         [AnyTensor(Tensor<Int32>([7, 8])), ImageTestNode.int64s([1, 1])])
        #expect(try ints[0].tensor(of: Int32.self).scalars == [7, 7, 8, 8])
        #expect(throws: ONNXError.self) { try ImageTestNode.build("Pad", opset: 18, attributes: ["mode": .string("wrap")]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Pad", opset: 11, [x, ImageTestNode.int64s([1, 1])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Pad", opset: 11, [x, ImageTestNode.int64s([-3, 0, 0, 0])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Pad", opset: 11, [x, ImageTestNode.int64s([.max, 0, 0, .max])]) }
        #expect(throws: ONNXError.self) { try ImageTestNode.run("Pad", opset: 11, [x, ImageTestNode.int64s([1 << 30, 0, 0, 1 << 30])]) }
        #expect(throws: ONNXError.self) {
            try ImageTestNode.run("Pad", opset: 11, attributes: ["mode": .string("reflect")],
                                  [ImageTestNode.floats([0], []), ImageTestNode.int64s([1, 1])])
        }
    }
}
