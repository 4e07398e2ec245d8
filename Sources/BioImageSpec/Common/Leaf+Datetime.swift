import BioImageYAML
import Foundation

extension Leaf {
    /// An ISO-8601 date or date-time (YAML timestamps included), returned normalised to UTC as
    /// `YYYY-MM-DDTHH:MM:SS+00:00`.
    ///
    /// Strings are parsed as `dateutil.parser.isoparse` does, with its messages; a string without
    /// a zone is taken as UTC. An unquoted YAML date-time is a naive UTC date-time; an unquoted
    /// date without a time is a Python `date`, which the reference rejects.
    static func datetime(_ node: YAMLNode, at path: FieldPath, _ context: ValidationContext) -> String? {
        guard let scalar = node.scalar, scalar.tag == .string else {
            context.valueError("'\(node.pythonText)' not a string or datetime.", at: path, node: node)
            return nil
        }
        if scalar.isTimestamp {
            guard let result = yamlTimestamp(scalar.string) else {
                context.valueError("'\(scalar.string)' not a string or datetime.", at: path, node: node)
                return nil
            }
            return result
        }
        switch ISODateParser.parse(scalar.string) {
        case .success(let value): return value
        case .failure(let error):
            context.valueError(error.message, at: path, node: node)
            return nil
        }
    }

    /// A YAML timestamp as ruyaml reads it: a date-only value is a Python `date` (`nil` here, as
    /// the reference rejects it); a date-time becomes naive UTC.
    static func yamlTimestamp(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        // Date part: YYYY-M-D.
        var parts: [Int] = []
        var i = 0
        var current = ""
        while i < bytes.count, parts.count < 3 {
            let c = bytes[i]
            if c >= 48 && c <= 57 { current.append(Character(UnicodeScalar(c))) }
            else if c == UInt8(ascii: "-") && parts.count < 2 { parts.append(Int(current) ?? 0); current = "" }
            else { break }
            i += 1
        }
        parts.append(Int(current) ?? 0)
        guard parts.count == 3, i < bytes.count else { return nil }
        // Separator: T, t or blanks.
        while i < bytes.count, [UInt8(ascii: "T"), UInt8(ascii: "t"), 0x20, 0x09].contains(bytes[i]) { i += 1 }
        let rest = String(decoding: bytes[i...], as: UTF8.self)
        // h:mm:ss(.fraction)?([ \t]*(Z|[-+]h(:mm)?))?
        var timeText = rest
        var offsetMinutes = 0
        if let zoneStart = rest.firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            timeText = String(rest[..<zoneStart]).trimmingCharacters(in: .whitespaces)
            let zone = String(rest[zoneStart...])
            if zone != "Z" {
                let sign = zone.hasPrefix("-") ? -1 : 1
                let fields = zone.dropFirst().split(separator: ":").map { Int($0) ?? 0 }
                offsetMinutes = sign * ((fields.first ?? 0) * 60 + (fields.count > 1 ? fields[1] : 0))
            }
        }
        let time = timeText.split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]),
              let second = Int(time[2].split(separator: ".").first ?? "") else { return nil }
        return ISODateParser.utcText(year: parts[0], month: parts[1], day: parts[2], hour: hour, minute: minute,
                                     second: second, offsetMinutes: offsetMinutes)
    }
}
