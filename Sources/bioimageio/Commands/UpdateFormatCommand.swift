import BioImageIO
import Foundation

/// `bioimageio update-format IN OUT`: writes IN updated to the newest format (model 0.5.14,
/// other resources 0.3.4) as YAML to OUT (`-` for standard output).
///
/// Nothing is written when IN or the updated description is invalid; the issues are printed like
/// `validate-format` prints them. The file is written to a temporary name and moved into place, so
/// OUT is never left half-written. Exit status: 0 written, 1 invalid, 2 unreadable or usage error.
enum UpdateFormatCommand {
    static let usage = "usage: bioimageio update-format IN OUT"

    static func run(_ arguments: [String]) -> Int32 {
        var standardError = FileHandleOutputStream(FileHandle.standardError)
        if arguments.contains("-h") || arguments.contains("--help") {
            print(usage)
            return 0
        }
        guard arguments.count == 2 else {
            print(usage, to: &standardError)
            return 2
        }
        let (input, output) = (arguments[0], arguments[1])
        let document: YAMLNode
        do throws(YAMLError) {
            document = try YAMLParser().parse(contentsOf: URL(fileURLWithPath: input))
        } catch {
            print(error.inFile(error.file ?? input).description, to: &standardError)
            return 2
        }
        let result = DescriptionUpdate.toLatest(document)
        for issue in result.summary.issues {
            let location = issue.mark.map { "\(input):\($0.line):\($0.column)" } ?? input
            let field = issue.path.components.isEmpty ? "" : "\(issue.path): "
            print("\(location): \(issue.severity): \(field)\(issue.message)", to: &standardError)
        }
        guard let updated = result.document else {
            print("\(input): not updated: the description is invalid", to: &standardError)
            return 1
        }
        var options = YAMLEmitter.Options()
        options.versionDirective = true
        let text: String
        do throws(YAMLError) {
            text = try YAMLEmitter(options: options).emit(updated)
        } catch {
            print("\(input): cannot write the updated description: \(error.message)", to: &standardError)
            return 1
        }
        if output == "-" {
            print(text, terminator: "")
            return 0
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            print("\(output): cannot write: \(error.localizedDescription)", to: &standardError)
            return 2
        }
        return 0
    }
}
