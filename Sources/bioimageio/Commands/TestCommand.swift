import BioImageIO
import Foundation

/// `bioimageio test SOURCE [--weight-format F] [--json] [--summary FILE] [--artifacts DIR] [--decimal N]`:
/// runs the model test (bioimageio.core's `test_model`) with the standard runtimes.
///
/// SOURCE is a description file, a package folder or a zip; it is loaded with io checks on (with
/// `--no-io-checks`, format-only: files the test does not read may be missing, and the weights and
/// test tensors it reads are still checked against their SHA-256). Prints
/// one line per check (`passed | name`, errors indented below), or with `--json` the report as one
/// object (`"status": "passed" | "failed"`, `"details"`: name, status, loc, errors, warnings; see
/// ``ModelTestReport/jsonValue``). `--summary FILE` also writes that JSON to FILE, and produced
/// tensors that fail the reproduction check are saved next to it (or in `--artifacts DIR`).
/// Exit status: 0 when the test passed, 1 when it failed, 2 on usage errors.
enum TestCommand {
    static let usage = "usage: bioimageio test SOURCE [--weight-format FORMAT] [--json] [--summary FILE] [--artifacts DIR] [--decimal N] [--no-io-checks]"

    static func run(_ arguments: [String]) -> Int32 {
        var standardError = FileHandleOutputStream(FileHandle.standardError)
        var json = false
        var weightFormat: WeightsFormat?
        var summary: URL?
        var options = ModelTester.Options()
        var sources: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-h", "--help":
                print(usage)
                return 0
            case "--json": json = true
            case "--no-io-checks": options.performIOChecks = false
            case "--weight-format", "--summary", "--artifacts", "--decimal":
                guard index + 1 < arguments.count else {
                    print("bioimageio test: \(argument) needs a value\n\(usage)", to: &standardError)
                    return 2
                }
                index += 1
                let value = arguments[index]
                switch argument {
                case "--weight-format":
                    guard let format = WeightsFormat(rawValue: value) else {
                        print("bioimageio test: unknown weight format '\(value)' (one of \(WeightsFormat.allCases.map(\.rawValue).joined(separator: ", ")))",
                              to: &standardError)
                        return 2
                    }
                    weightFormat = format
                case "--summary": summary = URL(fileURLWithPath: value)
                case "--artifacts": options.artifactsDirectory = URL(fileURLWithPath: value, isDirectory: true)
                default:
                    guard let decimal = Int(value), (0...20).contains(decimal) else {
                        print("bioimageio test: --decimal takes an integer 0…20\n\(usage)", to: &standardError)
                        return 2
                    }
                    options.decimal = decimal
                }
            default:
                if argument.hasPrefix("-") {
                    print("bioimageio test: unknown option '\(argument)'\n\(usage)", to: &standardError)
                    return 2
                }
                sources.append(argument)
            }
            index += 1
        }
        guard sources.count == 1 else {
            print(usage, to: &standardError)
            return 2
        }
        if options.artifactsDirectory == nil, let summary {
            options.artifactsDirectory = summary.deletingLastPathComponent()
        }
        let tester = ModelTester(registry: .standard, options: options)
        let report = tester.test(contentsOf: URL(fileURLWithPath: sources[0]), weightFormat: weightFormat)
        if let summary {
            do {
                try FileManager.default.createDirectory(at: summary.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data((report.jsonValue.serialized(indent: 2) + "\n").utf8).write(to: summary)
            } catch {
                print("bioimageio test: cannot write \(summary.path): \(error.localizedDescription)", to: &standardError)
                return 2
            }
        }
        print(json ? report.jsonValue.serialized(indent: 2) : report.text)
        return report.status == .passed ? 0 : 1
    }
}
