import BioImageIO
import Foundation

/// `bioimageio yaml FILE [--compact]`: prints a YAML document as JSON, exactly as it was read.
///
/// Exit status: 0 on success, 1 when the file cannot be read or is not valid YAML (the error goes
/// to standard error as `file:line:column: message` plus a snippet), 2 for usage errors.
enum YAMLCommand {
    static func run(_ arguments: [String]) -> Int32 {
        var standardError = FileHandleOutputStream(FileHandle.standardError)
        var compact = false
        var files: [String] = []
        for argument in arguments {
            switch argument {
            case "--compact": compact = true
            case "-h", "--help":
                print("usage: bioimageio yaml FILE [--compact]")
                return 0
            default:
                if argument.hasPrefix("-") && argument != "-" {
                    print("bioimageio yaml: unknown option '\(argument)'", to: &standardError)
                    return 2
                }
                files.append(argument)
            }
        }
        guard files.count == 1, let file = files.first else {
            print("usage: bioimageio yaml FILE [--compact]", to: &standardError)
            return 2
        }
        do throws(YAMLError) {
            let root: YAMLNode
            if file == "-" {
                root = try YAMLParser().parse(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                root = try YAMLParser().parse(contentsOf: URL(fileURLWithPath: file))
            }
            let json = try JSONValue(root)
            print(json.serialized(indent: compact ? nil : 2))
            return 0
        } catch {
            print(error.inFile(error.file ?? (file == "-" ? "<stdin>" : file)).description, to: &standardError)
            return 1
        }
    }
}
