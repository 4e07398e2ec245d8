import Foundation

/// An ISO-8601 parser with the rules and messages of `dateutil.parser.isoparse`, which the
/// reference uses for `Datetime` strings (notes §a.1).
///
/// Dates: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYYMMDD`, week dates `YYYY-Www-D` and ordinal dates
/// `YYYY-DDD`. Time (after any single separator character): `hh`, `hh:mm`, `hh:mm:ss`, `hhmmss`,
/// a `.`/`,` fraction, and a zone `Z`, `±hh`, `±hhmm` or `±hh:mm`. Results are UTC texts
/// `YYYY-MM-DDTHH:MM:SS+00:00`; a value without a zone is taken as UTC.
enum ISODateParser {
    /// Why a string is not an ISO-8601 date-time; `message` is dateutil's (or Python `datetime`'s).
    struct Failure: Error, Sendable {
        /// The message, without pydantic's `Value error, ` prefix.
        var message: String
    }

    /// Parses `text`, returning the UTC text or dateutil's error message.
    static func parse(_ text: String) -> Result<String, Failure> {
        guard text.unicodeScalars.allSatisfy(\.isASCII) else {
            return .failure(Failure(message: "ISO-8601 strings should contain only ASCII characters"))
        }
        do {
            return .success(try parseBytes(Array(text.utf8)))
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "\(error)"))
        }
    }

    private static func fail(_ message: String) -> Failure { Failure(message: message) }

    private static func digits(_ s: ArraySlice<UInt8>, _ pos: Int, _ n: Int) throws -> Int {
        let start = s.startIndex + pos
        let end = min(start + n, s.endIndex)
        let chunk = start < end ? s[start..<end] : []
        guard chunk.count == n, chunk.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw fail("Expected \(n) digits, got \(Leaf.pythonRepr(String(decoding: chunk, as: UTF8.self)))")
        }
        return chunk.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    private static func byte(_ s: ArraySlice<UInt8>, _ pos: Int) -> UInt8? {
        let index = s.startIndex + pos
        return index < s.endIndex && index >= s.startIndex ? s[index] : nil
    }

    private static func parseBytes(_ bytes: [UInt8]) throws -> String {
        let s = bytes[...]
        let (date, pos) = try parseDate(s)
        var time = (hour: 0, minute: 0, second: 0, offset: 0)
        if s.count > pos {
            time = try parseTime(s[(s.startIndex + pos + 1)...])
        }
        var (year, month, day) = date
        try checkRange(year: year, month: month, day: day, hour: time.hour == 24 ? 0 : time.hour, minute: time.minute, second: time.second)
        var hour = time.hour
        if hour == 24 {
            hour = 0
            (year, month, day) = addDays(1, year: year, month: month, day: day)
        }
        return utcText(year: year, month: month, day: day, hour: hour, minute: time.minute, second: time.second, offsetMinutes: time.offset)
    }

    private static func parseDate(_ s: ArraySlice<UInt8>) throws -> ((Int, Int, Int), Int) {
        do {
            return try parseCommonDate(s)
        } catch {
            return try parseUncommonDate(s)
        }
    }

    private static func parseCommonDate(_ s: ArraySlice<UInt8>) throws -> ((Int, Int, Int), Int) {
        let length = s.count
        guard length >= 4 else { throw fail("ISO string too short") }
        var components = (try digits(s, 0, 4), 1, 1)
        var pos = 4
        if pos >= length { return (components, pos) }
        let hasSeparator = byte(s, pos) == UInt8(ascii: "-")
        if hasSeparator { pos += 1 }
        guard length - pos >= 2 else { throw fail("Invalid common month") }
        components.1 = try digits(s, pos, 2)
        pos += 2
        if pos >= length {
            if hasSeparator { return (components, pos) }
            throw fail("Invalid ISO format")
        }
        if hasSeparator {
            guard byte(s, pos) == UInt8(ascii: "-") else { throw fail("Invalid separator in ISO string") }
            pos += 1
        }
        guard length - pos >= 2 else { throw fail("Invalid common day") }
        components.2 = try digits(s, pos, 2)
        return (components, pos + 2)
    }

    private static func parseUncommonDate(_ s: ArraySlice<UInt8>) throws -> ((Int, Int, Int), Int) {
        guard s.count >= 4 else { throw fail("ISO string too short") }
        let year = try digits(s, 0, 4)
        let hasSeparator = byte(s, 4) == UInt8(ascii: "-")
        var pos = 4 + (hasSeparator ? 1 : 0)
        if byte(s, pos) == UInt8(ascii: "W") {
            pos += 1
            let week = try digits(s, pos, 2)
            pos += 2
            var weekday = 1
            if s.count > pos {
                guard (byte(s, pos) == UInt8(ascii: "-")) == hasSeparator else { throw fail("Inconsistent use of dash separator") }
                pos += hasSeparator ? 1 : 0
                weekday = try digits(s, pos, 1)
                pos += 1
            }
            guard week > 0, week < 54 else { throw fail("Invalid week: \(week)") }
            guard weekday > 0, weekday < 8 else { throw fail("Invalid weekday: \(weekday)") }
            // Week 1 contains January 4th.
            let jan4 = dayNumber(year: year, month: 1, day: 4)
            let jan4Weekday = ((jan4 + 3) % 7 + 7) % 7 + 1 // 1 = Monday (day 0 = 1970-01-01 was a Thursday)
            let first = jan4 - (jan4Weekday - 1)
            let date = civilDate(first + (week - 1) * 7 + (weekday - 1))
            return ((date.year, date.month, date.day), pos)
        }
        guard s.count - pos >= 3 else { throw fail("Invalid ordinal day") }
        let ordinal = try digits(s, pos, 3)
        pos += 3
        let leap = isLeap(year) ? 1 : 0
        guard ordinal >= 1, ordinal <= 365 + leap else { throw fail("Invalid ordinal day \(ordinal) for year \(year)") }
        let date = civilDate(dayNumber(year: year, month: 1, day: 1) + ordinal - 1)
        return ((date.year, date.month, date.day), pos)
    }

    private static func parseTime(_ s: ArraySlice<UInt8>) throws -> (hour: Int, minute: Int, second: Int, offset: Int) {
        let length = s.count
        var components = [0, 0, 0, 0]
        var offset = 0
        var pos = 0
        var comp = -1
        guard length >= 2 else { throw fail("ISO time too short") }
        var hasSeparator = false
        while pos < length && comp < 5 {
            comp += 1
            if let c = byte(s, pos), [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "Z"), UInt8(ascii: "z")].contains(c) {
                offset = try parseZone(s[(s.startIndex + pos)...])
                pos = length
                break
            }
            if comp == 1 && byte(s, pos) == UInt8(ascii: ":") {
                hasSeparator = true
                pos += 1
            } else if comp == 2 && hasSeparator {
                guard byte(s, pos) == UInt8(ascii: ":") else { throw fail("Inconsistent use of colon separator") }
                pos += 1
            }
            if comp < 3 {
                components[comp] = try digits(s, pos, 2)
                pos += 2
            }
            if comp == 3 {
                // A fraction of a second: `[.,][0-9]+` (the value is dropped: seconds precision).
                guard let c = byte(s, pos), c == UInt8(ascii: ".") || c == UInt8(ascii: ","),
                      let d = byte(s, pos + 1), d >= 48 && d <= 57 else { continue }
                pos += 1
                while let e = byte(s, pos), e >= 48 && e <= 57 { pos += 1 }
            }
        }
        guard pos >= length else { throw fail("Unused components in ISO string") }
        if components[0] == 24, components[1] != 0 || components[2] != 0 || components[3] != 0 {
            throw fail("Hour may only be 24 at 24:00:00.000")
        }
        return (components[0], components[1], components[2], offset)
    }

    private static func parseZone(_ s: ArraySlice<UInt8>) throws -> Int {
        if s.count == 1, s.first == UInt8(ascii: "Z") || s.first == UInt8(ascii: "z") { return 0 }
        guard [3, 5, 6].contains(s.count) else { throw fail("Time zone offset must be 1, 3, 5 or 6 characters") }
        let sign: Int
        switch byte(s, 0) {
        case UInt8(ascii: "-"): sign = -1
        case UInt8(ascii: "+"): sign = 1
        default: throw fail("Time zone offset requires sign")
        }
        let hours = try digits(s, 1, 2)
        var minutes = 0
        if s.count != 3 {
            let pos = byte(s, 3) == UInt8(ascii: ":") ? 4 : 3
            guard s.count == pos + 2 else { throw fail("Invalid minutes in time zone offset") }
            minutes = try digits(s, pos, 2)
        }
        if hours == 0 && minutes == 0 { return 0 }
        guard minutes <= 59 else { throw fail("Invalid minutes in time zone offset") }
        guard hours <= 23 else { throw fail("Invalid hours in time zone offset") }
        return sign * (hours * 60 + minutes)
    }

    /// Python `datetime(...)`'s range checks and messages.
    private static func checkRange(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) throws {
        guard year >= 1, year <= 9999 else { throw fail("year \(year) is out of range") }
        guard month >= 1, month <= 12 else { throw fail("month must be in 1..12") }
        guard day >= 1, day <= daysIn(month: month, year: year) else { throw fail("day is out of range for month") }
        guard hour >= 0, hour <= 23 else { throw fail("hour must be in 0..23") }
        guard minute >= 0, minute <= 59 else { throw fail("minute must be in 0..59") }
        guard second >= 0, second <= 59 else { throw fail("second must be in 0..59") }
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The calendar date of a day number (inverse of ``dayNumber(year:month:day:)``).
    static func civilDate(_ number: Int) -> (year: Int, month: Int, day: Int) {
        let z = number + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func addDays(_ days: Int, year: Int, month: Int, day: Int) -> (Int, Int, Int) {
        let date = civilDate(dayNumber(year: year, month: month, day: day) + days)
        return (date.year, date.month, date.day)
    }

    /// `YYYY-MM-DDTHH:MM:SS+00:00` for a local time with the given zone offset (minutes east of UTC).
    static func utcText(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetMinutes: Int) -> String {
        let seconds = dayNumber(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        let days = Int((Double(seconds) / 86400).rounded(.down))
        let rest = seconds - days * 86400
        let date = civilDate(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))+00:00"
    }
}
