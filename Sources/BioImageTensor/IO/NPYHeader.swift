/// The parsed header dictionary of a `.npy` file.
struct NPYHeader: Equatable {
    /// The element type.
    var dtype: DType
    /// Whether multi-byte elements are stored big-endian.
    var isBigEndian: Bool
    /// Whether the data is in column-major order.
    var isFortranOrder: Bool
    /// The array shape.
    var shape: [Int]

    /// Parses numpy's header literal, e.g. `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
    ///
    /// `base` is the byte offset of the header in the file, for error positions.
    static func parse(_ bytes: [UInt8], base: Int) throws(NPYError) -> NPYHeader {
        var parser = LiteralParser(bytes: bytes, base: base)
        let entries = try parser.parseDict()
        var descr: String?
        var fortran: Bool?
        var shape: [Int]?
        for (key, value, offset) in entries {
            switch (key, value) {
            case ("descr", .string(let s)): descr = s
            case ("descr", .list):
                throw NPYError(.unsupportedDType, "structured dtypes (a list 'descr') are not supported", offset: offset)
            case ("fortran_order", .bool(let b)): fortran = b
            case ("shape", .tuple(let dims)): shape = dims
            case ("descr", _), ("fortran_order", _), ("shape", _):
                throw NPYError(.malformedHeader, "header key '\(key)' has a value of the wrong kind", offset: offset)
            default:
                throw NPYError(.malformedHeader, "unexpected header key '\(key)'", offset: offset)
            }
        }
        guard let descr, let fortran, let shape else {
            throw NPYError(.malformedHeader, "the header must have the keys 'descr', 'fortran_order' and 'shape'", offset: base)
        }
        let (dtype, bigEndian) = try parseDescr(descr, offset: base)
        for (axis, extent) in shape.enumerated() where extent < 0 {
            throw NPYError(.invalidShape, "extent \(extent) of axis \(axis) is negative", offset: base)
        }
        return NPYHeader(dtype: dtype, isBigEndian: bigEndian, isFortranOrder: fortran, shape: shape)
    }

    /// Splits a numpy type string such as `<f4` or `|b1` into a dtype and a byte order.
    static func parseDescr(_ descr: String, offset: Int) throws(NPYError) -> (DType, Bool) {
        var chars = Array(descr)
        var bigEndian = false
        if let first = chars.first, "<>|=".contains(first) {
            bigEndian = first == ">"
            chars.removeFirst()
        }
        if chars == ["?"] { return (.bool, false) }
        guard let kind = chars.first, let size = Int(String(chars.dropFirst())),
              let dtype = DType(numpyKind: kind, byteCount: size)
        else {
            let what: String
            switch chars.first {
            case "O": what = "object arrays"
            case "U", "S", "a": what = "string arrays"
            case "c": what = "complex numbers"
            case "V": what = "void / structured dtypes"
            case "M", "m": what = "datetime and timedelta arrays"
            default: what = "this type"
            }
            throw NPYError(.unsupportedDType, "dtype '\(descr)' is not supported (\(what))", offset: offset)
        }
        return (dtype, bigEndian && dtype.byteCount > 1)
    }

    /// numpy's header text for this array (without the alignment padding and newline).
    var text: String {
        let order = dtype.byteCount == 1 ? "|" : (isBigEndian ? ">" : "<")
        let descr = "\(order)\(dtype.numpyKind)\(dtype.byteCount)"
        let dims: String
        switch shape.count {
        case 0: dims = "()"
        case 1: dims = "(\(shape[0]),)"
        default: dims = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = "{'descr': '\(descr)', 'fortran_order': \(isFortranOrder ? "True" : "False"), 'shape': \(dims), }"
        // numpy reserves room so the growth axis can be rewritten in place (GROWTH_AXIS_MAX_DIGITS = 21).
        if let growth = isFortranOrder ? shape.last : shape.first {
            header += String(repeating: " ", count: max(0, 21 - String(growth).count))
        }
        return header
    }
}

/// A parser for the small subset of Python literals numpy writes in `.npy` headers.
private struct LiteralParser {
    enum Value {
        case string(String)
        case bool(Bool)
        case tuple([Int])
        case list
    }

    let bytes: [UInt8]
    let base: Int
    var position = 0

    init(bytes: [UInt8], base: Int) {
        self.bytes = bytes
        self.base = base
    }

    private func error(_ message: String) -> NPYError {
        NPYError(.malformedHeader, message, offset: base + position)
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(NPYError) {
        skipSpace()
        guard position < bytes.count, bytes[position] == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    private mutating func peek() -> UInt8? {
        skipSpace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func parseDict() throws(NPYError) -> [(String, Value, Int)] {
        try expect(UInt8(ascii: "{"))
        var entries: [(String, Value, Int)] = []
        while true {
            guard let next = peek() else { throw error("the header dict is not closed") }
            if next == UInt8(ascii: "}") { position += 1; break }
            let keyOffset = base + position
            let key = try parseString()
            try expect(UInt8(ascii: ":"))
            let value = try parseValue()
            guard !entries.contains(where: { $0.0 == key }) else { throw error("header key '\(key)' appears twice") }
            entries.append((key, value, keyOffset))
            guard let separator = peek() else { throw error("the header dict is not closed") }
            if separator == UInt8(ascii: ",") { position += 1; continue }
            if separator == UInt8(ascii: "}") { position += 1; break }
            throw error("expected ',' or '}' in the header dict")
        }
        skipSpace()
        guard position == bytes.count else { throw error("unexpected text after the header dict") }
        return entries
    }

    private mutating func parseString() throws(NPYError) -> String {
        guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw error("expected a quoted string")
        }
        position += 1
        let start = position
        while position < bytes.count, bytes[position] != quote {
            if bytes[position] == UInt8(ascii: "\\") { throw error("escapes in header strings are not supported") }
            position += 1
        }
        guard position < bytes.count else { throw error("unterminated string") }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        return text
    }

    private mutating func parseValue() throws(NPYError) -> Value {
        guard let next = peek() else { throw error("expected a value") }
        switch next {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "T"), UInt8(ascii: "F"):
            if matchWord("True") { return .bool(true) }
            if matchWord("False") { return .bool(false) }
            throw error("expected True or False")
        case UInt8(ascii: "("):
            position += 1
            var dims: [Int] = []
            while true {
                guard let c = peek() else { throw error("unterminated shape tuple") }
                if c == UInt8(ascii: ")") { position += 1; break }
                dims.append(try parseInteger())
                guard let sep = peek() else { throw error("unterminated shape tuple") }
                if sep == UInt8(ascii: ",") { position += 1; continue }
                if sep == UInt8(ascii: ")") { position += 1; break }
                throw error("expected ',' or ')' in the shape tuple")
            }
            return .tuple(dims)
        case UInt8(ascii: "["):
            // A structured dtype: skip the balanced list so the caller can report it precisely.
            var depth = 0
            while position < bytes.count {
                let c = bytes[position]
                if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    _ = try parseString()
                    continue
                }
                if c == UInt8(ascii: "[") || c == UInt8(ascii: "(") { depth += 1 }
                if c == UInt8(ascii: "]") || c == UInt8(ascii: ")") { depth -= 1 }
                position += 1
                if depth == 0 { return .list }
            }
            throw error("unterminated list")
        default:
            throw error("unexpected value in the header")
        }
    }

    private mutating func matchWord(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard position + w.count <= bytes.count, Array(bytes[position..<position + w.count]) == w else { return false }
        position += w.count
        return true
    }

    private mutating func parseInteger() throws(NPYError) -> Int {
        skipSpace()
        var negative = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var value = 0
        var digits = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(bytes[position] - 0x30))
            guard !o1, !o2 else {
                throw NPYError(.invalidShape, "a shape extent overflows Int", offset: base + position)
            }
            value = a
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw error("expected an integer in the shape tuple") }
        if position < bytes.count, bytes[position] == UInt8(ascii: "L") { position += 1 }  // Python 2 long
        return negative ? -value : value
    }
}
