import Foundation

/// The reference loader's view of timestamps, re-implemented to compare our plain strings with it.
///
/// Our parser keeps unquoted timestamps as strings (the layers above parse dates); ruyaml turns them
/// into `date` / naive-UTC `datetime` objects. Both patterns and the conversion are transcribed from
/// ruyaml 0.91.0: `resolver.py` (which plain scalars are timestamps) and `util.py`
/// (`timestamp_regexp`, `create_timestamp`).
enum CorpusTimestamp {
    /// Whether ruyaml would resolve this plain scalar to a timestamp (its implicit resolver pattern
    /// for `tag:yaml.org,2002:timestamp`, the same for YAML 1.1 and 1.2).
    static func isTimestamp(_ text: String) -> Bool {
        // Every timestamp starts with `dddd-`; checking that first keeps the regex off most strings.
        let head = text.utf8.prefix(5)
        guard head.count == 5, head.prefix(4).allSatisfy({ $0 &- 48 < 10 }), head.last == UInt8(ascii: "-") else {
            return false
        }
        let pattern = #/(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?)/#
        return text.wholeMatch(of: pattern) != nil
    }

    /// What Python prints for the value ruyaml constructs from `text`: `date.isoformat()` or the
    /// naive-UTC `datetime.isoformat()` (offset subtracted, zone dropped, fraction rounded to
    /// microseconds at the 7th digit); `nil` when ruyaml would fail to construct it.
    static func normalizedISOFormat(_ text: String) -> String? {
        // ruyaml's `timestamp_regexp`, which the constructor uses to split a timestamp into fields.
        let pattern = #/(?<year>[0-9]{4})-(?<month>[0-9][0-9]?)-(?<day>[0-9][0-9]?)(?:(?:[Tt]|[ \t]+)(?<hour>[0-9][0-9]?):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\.(?<fraction>[0-9]*))?(?:[ \t]*(?:Z|(?<sign>[-+])(?<tzhour>[0-9][0-9]?)(?::(?<tzminute>[0-9]{2}))?))?)?/#
        guard let fields = text.wholeMatch(of: pattern)?.output, let year = Int(fields.year),
              let month = Int(fields.month), let day = Int(fields.day), year >= 1, (1...12).contains(month),
              (1...daysInMonth(year, month)).contains(day)
        else { return nil }
        guard let hourText = fields.hour else {
            return isoDate(year, month, day)
        }
        guard let hour = Int(hourText), let minute = fields.minute.flatMap({ Int($0) }),
              let second = fields.second.flatMap({ Int($0) }), hour < 24, minute < 60, second < 60
        else { return nil }
        var microsecond = 0
        if let fraction = fields.fraction, !fraction.isEmpty {
            let digits = Array(fraction)
            let six = String(digits.prefix(6)).padding(toLength: 6, withPad: "0", startingAt: 0)
            microsecond = Int(six) ?? 0
            if digits.count > 6, let seventh = digits[6].wholeNumberValue, seventh > 4 { microsecond += 1 }
            if microsecond > 999_999 { return nil }  // Python: "microsecond must be in 0..999999"
        }
        var offsetMinutes = 0
        if let sign = fields.sign, let tzHour = fields.tzhour.flatMap({ Int($0) }) {
            offsetMinutes = tzHour * 60 + (fields.tzminute.flatMap({ Int($0) }) ?? 0)
            if sign == "-" { offsetMinutes = -offsetMinutes }
        }
        // Naive UTC: local time minus the offset, carried through days, months and years.
        var days = daysFromCivil(year, month, day)
        var minuteOfDay = hour * 60 + minute - offsetMinutes
        while minuteOfDay < 0 { minuteOfDay += 1440; days -= 1 }
        while minuteOfDay >= 1440 { minuteOfDay -= 1440; days += 1 }
        let (y, m, d) = civilFromDays(days)
        var result = isoDate(y, m, d) + "T" + twoDigits(minuteOfDay / 60) + ":" + twoDigits(minuteOfDay % 60)
            + ":" + twoDigits(second)
        if microsecond != 0 {
            let text = String(microsecond)
            result += "." + String(repeating: "0", count: 6 - text.count) + text
        }
        return result
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func isoDate(_ year: Int, _ month: Int, _ day: Int) -> String {
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + twoDigits(month) + "-"
            + twoDigits(day)
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of ``daysFromCivil(_:_:_:)``.
    private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
