import Foundation
import Testing
@testable import BioImageSpec

/// The PNG/TIFF header reader behind the sample-tensor rule (T7), against imageio's shapes.
@Suite("Image headers")
struct ResourceImageHeaderTests {
    /// Shapes from `imageio.v3.imread(path).shape` (imageio 2.x in the fixtures venv).
    static let imageioShapes: [(String, [Int])] = [
        ("tiktorch__unet2d_onnx/sample_input.tif", [520, 696]),
        ("tiktorch__unet2d_onnx/sample_output.tif", [520, 696]),
        ("spec__unet2d_nuclei_broad/test_input.png", [512, 512]),
        ("spec__unet2d_nuclei_broad/cover0.png", [512, 1024, 3]),
        ("tiktorch__dummy_tensorflow/cover.png", [32, 32, 3]),
    ]

    @Test("corpus images: the same shape as imageio")
    func corpus() throws {
        guard let packages = SpecTestPaths.corpus?.appendingPathComponent("packages") else { return }
        for (path, shape) in Self.imageioShapes {
            let data = try Data(contentsOf: packages.appendingPathComponent(path))
            #expect(try ImageHeader.read(data).shape == shape, "\(path)")
        }
    }

    /// A little-endian TIFF with `pages` IFDs of width × height × samples (SHORT values).
    static func tiff(width: Int, height: Int, samples: Int, pages: Int, planar: Int = 1) -> Data {
        var bytes: [UInt8] = [0x49, 0x49, 42, 0, 8, 0, 0, 0]
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
        let tags = [(256, width), (257, height), (277, samples), (284, planar)]
        for page in 0..<pages {
            bytes += le16(tags.count)
            for (tag, value) in tags { bytes += le16(tag) + le16(3) + le32(1) + le16(value) + [0, 0] }
            let next = page == pages - 1 ? 0 : bytes.count + 4
            bytes += le32(next)
        }
        return Data(bytes)
    }

    @Test("TIFF pages, samples and planar configuration; squeeze")
    func tiffShapes() throws {
        #expect(try ImageHeader.read(Self.tiff(width: 5, height: 4, samples: 3, pages: 1)).shape == [4, 5, 3])
        #expect(try ImageHeader.read(Self.tiff(width: 5, height: 4, samples: 1, pages: 2)).shape == [2, 4, 5])
        #expect(try ImageHeader.read(Self.tiff(width: 5, height: 4, samples: 3, pages: 1, planar: 2)).shape == [3, 4, 5])
        #expect(try ImageHeader.read(Self.tiff(width: 5, height: 1, samples: 1, pages: 1)).squeezedShape == [5])
    }

    @Test("damaged and unsupported inputs are errors, not crashes")
    func hostile() {
        #expect(throws: ImageHeader.Failure.unsupportedFormat) { try ImageHeader.read(Data("GIF89a".utf8)) }
        #expect(throws: ImageHeader.Failure.self) { try ImageHeader.read(Self.tiff(width: 5, height: 4, samples: 1, pages: 1).prefix(20)) }
        var loop = [UInt8](Self.tiff(width: 5, height: 4, samples: 1, pages: 1))
        loop[loop.count - 4] = 8   // the next-IFD pointer points back at the first IFD
        #expect(throws: ImageHeader.Failure.self) { try ImageHeader.read(Data(loop)) }
        #expect(throws: ImageHeader.Failure.self) { try ImageHeader.read(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])) }
    }
}
