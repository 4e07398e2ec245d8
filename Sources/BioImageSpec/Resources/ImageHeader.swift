import Foundation

/// Image dimensions read from a PNG or TIFF header, enough for the sample-tensor rule (notes §b.1 T7),
/// without decoding any pixel.
///
/// The shape follows what imageio returns for the file: PNG `(height, width)` or
/// `(height, width, channels)`; TIFF `(pages, height, width, samples)` with single pages and single
/// samples dropped (planar TIFFs put samples first, as tifffile does).
struct ImageHeader: Sendable, Hashable {
    /// The container format (`PNG`, `TIFF`).
    var format: String
    /// The array shape imageio would return.
    var shape: [Int]

    /// The shape with every size-1 dimension removed (numpy `squeeze`).
    var squeezedShape: [Int] { shape.filter { $0 != 1 } }

    /// Why a header could not be read.
    enum Failure: Error, Equatable {
        /// Neither PNG nor classic TIFF.
        case unsupportedFormat
        /// The header is truncated or inconsistent; the text says where.
        case damaged(String)
    }

    /// Reads the header of `data`.
    static func read(_ data: Data) throws(Failure) -> ImageHeader {
        let bytes = [UInt8](data.prefix(8))
        if bytes == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return try png(data) }
        if bytes.count >= 4, (bytes[0] == 0x49 && bytes[1] == 0x49 && bytes[2] == 42 && bytes[3] == 0)
            || (bytes[0] == 0x4D && bytes[1] == 0x4D && bytes[2] == 0 && bytes[3] == 42) {
            return try tiff(data)
        }
        throw .unsupportedFormat
    }

    /// PNG: the IHDR chunk right after the signature.
    static func png(_ data: Data) throws(Failure) -> ImageHeader {
        let reader = ByteReader(data: data, littleEndian: false)
        guard let type = reader.uint32(at: 12), type == 0x4948_4452,
              let width = reader.uint32(at: 16), let height = reader.uint32(at: 20), let colorType = reader.uint8(at: 25) else {
            throw .damaged("PNG without a complete IHDR chunk")
        }
        let channels: Int
        switch colorType {
        case 0: channels = 1
        case 2, 3: channels = 3   // palette images are expanded to RGB
        case 4: channels = 2
        case 6: channels = 4
        default: throw .damaged("PNG colour type \(colorType) is not defined")
        }
        var shape = [Int(height), Int(width)]
        if channels > 1 { shape.append(channels) }
        return ImageHeader(format: "PNG", shape: shape)
    }

    /// Classic (32-bit offset) TIFF: the first IFD's dimensions and the number of IFDs (pages).
    static func tiff(_ data: Data) throws(Failure) -> ImageHeader {
        let reader = ByteReader(data: data, littleEndian: data.first == 0x49)
        guard var offset = reader.uint32(at: 4).map(Int.init) else { throw .damaged("TIFF header is truncated") }
        var pages = 0
        var first: (width: Int, height: Int, samples: Int, planar: Int)?
        var visited = Set<Int>()
        while offset != 0 {
            guard visited.insert(offset).inserted, visited.count <= 100_000 else { throw .damaged("TIFF IFD chain loops at byte \(offset)") }
            guard let count = reader.uint16(at: offset).map(Int.init) else { throw .damaged("TIFF IFD at byte \(offset) is out of range") }
            if first == nil {
                var width: Int?, height: Int?, samples = 1, planar = 1
                for index in 0..<count {
                    let entry = offset + 2 + 12 * index
                    guard let tag = reader.uint16(at: entry), let type = reader.uint16(at: entry + 2) else {
                        throw .damaged("TIFF IFD entry at byte \(entry) is out of range")
                    }
                    let value = type == 3 ? reader.uint16(at: entry + 8).map(Int.init) : reader.uint32(at: entry + 8).map(Int.init)
                    switch tag {
                    case 256: width = value
                    case 257: height = value
                    case 277: samples = value ?? 1
                    case 284: planar = value ?? 1
                    default: break
                    }
                }
                guard let width, let height else { throw .damaged("TIFF first page has no ImageWidth/ImageLength") }
                first = (width, height, samples, planar)
            }
            pages += 1
            guard let next = reader.uint32(at: offset + 2 + 12 * count) else { throw .damaged("TIFF IFD at byte \(offset) is truncated") }
            offset = Int(next)
        }
        guard let first else { throw .damaged("TIFF has no image") }
        var shape = pages > 1 ? [pages] : []
        if first.samples > 1 && first.planar == 2 {
            shape += [first.samples, first.height, first.width]
        } else {
            shape += [first.height, first.width]
            if first.samples > 1 { shape.append(first.samples) }
        }
        return ImageHeader(format: "TIFF", shape: shape)
    }

    /// Bounds-checked integer reads.
    struct ByteReader {
        var data: Data
        var littleEndian: Bool

        func uint8(at offset: Int) -> UInt8? {
            guard offset >= 0, offset < data.count else { return nil }
            return data[data.startIndex + offset]
        }

        func uint16(at offset: Int) -> UInt16? {
            guard let a = uint8(at: offset), let b = uint8(at: offset + 1) else { return nil }
            return littleEndian ? UInt16(a) | UInt16(b) << 8 : UInt16(a) << 8 | UInt16(b)
        }

        func uint32(at offset: Int) -> UInt32? {
            guard let a = uint16(at: offset), let b = uint16(at: offset + 2) else { return nil }
            return littleEndian ? UInt32(a) | UInt32(b) << 16 : UInt32(a) << 16 | UInt32(b)
        }
    }
}
