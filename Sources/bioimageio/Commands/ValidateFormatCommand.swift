import BioImageIO
import Foundation

/// `bioimageio validate-format SOURCE... [--json] [--io-checks]`: validates descriptions, in
/// format-only mode unless `--io-checks` is given.
///
/// A SOURCE is a description file; with `--io-checks` it may also be a package folder or zip, and
/// every referenced file is read through a ``ResourceReader`` (existence, SHA-256, test and sample
/// tensors, documentation). URLs are not fetched (the reader is offline).
///
/// Prints each issue like a compiler (`file:line:column: error: inputs.0.axes.2.size: message`)
/// and a one-line verdict per file; `--json` prints, for one file, the summary object external
/// tools rely on (see ``ValidationSummary/jsonValue``). Exit status: 0 when every file is valid,
/// 1 when any is invalid, 2 when a file could not be read (or on usage errors).
enum ValidateFormatCommand {
    static let usage = "usage: bioimageio validate-format SOURCE... [--json] [--io-checks]"

    static func run(_ arguments: [String]) -> Int32 {
        var standardError = FileHandleOutputStream(FileHandle.standardError)
        var json = false
        var ioChecks = false
        var files: [String] = []
        for argument in arguments {
            switch argument {
            case "--json": json = true
            case "--io-checks": ioChecks = true
            case "-h", "--help":
                print(usage)
                return 0
            default:
                if argument.hasPrefix("-") {
                    print("bioimageio validate-format: unknown option '\(argument)'\n\(usage)", to: &standardError)
                    return 2
                }
                files.append(argument)
            }
        }
        guard !files.isEmpty, !(json && files.count > 1) else {
            print(json ? "bioimageio validate-format: --json takes exactly one file\n\(usage)" : usage, to: &standardError)
            return 2
        }
        var worst: Int32 = 0
        for file in files {
            let loaded: LoadedDescription
            if ioChecks {
                do throws(ResourceError) {
                    let reader = try ResourceReader(contentsOf: URL(fileURLWithPath: file))
                    loaded = try DescriptionLoader(options: ValidationOptions(performIOChecks: true)).load(package: reader)
                } catch {
                    print("\(file): \(error.message)", to: &standardError)
                    worst = 2
                    continue
                }
            } else {
                do throws(YAMLError) {
                    loaded = try DescriptionLoader().load(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    print(error.inFile(error.file ?? file).description, to: &standardError)
                    worst = 2
                    continue
                }
            }
            let summary = loaded.summary
            if json {
                print(summary.jsonValue.serialized(indent: 2))
            } else {
                for issue in summary.issues {
                    let location = issue.mark.map { "\(file):\($0.line):\($0.column)" } ?? file
                    let field = issue.path.components.isEmpty ? "" : "\(issue.path): "
                    print("\(location): \(issue.severity): \(field)\(issue.message)")
                }
                let counts = "\(summary.errors.count) error\(summary.errors.count == 1 ? "" : "s"), \(summary.warnings.count) warning\(summary.warnings.count == 1 ? "" : "s")"
                print("\(file): \(summary.status.rawValue) (\(summary.type) \(summary.formatVersion); \(counts))")
            }
            if summary.status == .failed && worst == 0 { worst = 1 }
        }
        return worst
    }
}
