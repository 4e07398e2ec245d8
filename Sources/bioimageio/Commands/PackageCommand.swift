import BioImageIO
import Foundation

/// `bioimageio package SOURCE OUT [--folder] [--weights FORMAT]... [--level N] [--local-files-only] [--no-io-checks]`:
/// writes a bioimage.io package like the reference's `save_bioimageio_package`.
///
/// SOURCE is a description file, a package folder or a zip. OUT is a zip file, or with `--folder`
/// a folder. Exit status: 0 on success, 1 when the source is invalid or cannot be packaged, 2 on
/// usage errors or unreadable input.
enum PackageCommand {
    static let usage = "usage: bioimageio package SOURCE OUT.zip [--folder] [--weights FORMAT]... [--level 0-9] [--local-files-only] [--no-io-checks]"

    static func run(_ arguments: [String]) -> Int32 {
        var standardError = FileHandleOutputStream(FileHandle.standardError)
        var positional: [String] = []
        var writer = PackageWriter()
        var asFolder = false
        var weights: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-h", "--help":
                print(usage)
                return 0
            case "--folder": asFolder = true
            case "--local-files-only": writer.localFilesOnly = true
            case "--no-io-checks": writer.performIOChecks = false
            case "--weights", "--level":
                guard index + 1 < arguments.count else {
                    print("bioimageio package: \(argument) needs a value\n\(usage)", to: &standardError)
                    return 2
                }
                index += 1
                if argument == "--weights" {
                    weights.append(arguments[index])
                } else {
                    guard let level = Int(arguments[index]), (0...9).contains(level) else {
                        print("bioimageio package: --level takes 0…9\n\(usage)", to: &standardError)
                        return 2
                    }
                    writer.method = level == 0 ? .stored : .deflated(level: level)
                }
            default:
                if argument.hasPrefix("-") {
                    print("bioimageio package: unknown option '\(argument)'\n\(usage)", to: &standardError)
                    return 2
                }
                positional.append(argument)
            }
            index += 1
        }
        guard positional.count == 2 else {
            print(usage, to: &standardError)
            return 2
        }
        if !weights.isEmpty { writer.weightsPriorityOrder = weights }
        let source = positional[0], output = URL(fileURLWithPath: positional[1])
        do throws(ResourceError) {
            let reader = try ResourceReader(contentsOf: sourceURL(source))
            if asFolder {
                try writer.writeFolder(reader, to: output)
            } else {
                try writer.write(reader, to: output)
            }
        } catch {
            print("bioimageio package: \(error.message)", to: &standardError)
            return error.code == .invalidDescription || error.code == .packaging || error.code == .hashMismatch ? 1 : 2
        }
        print("wrote \(output.path)")
        return 0
    }

    /// A local path or an http(s) URL.
    static func sourceURL(_ text: String) -> URL {
        if text.hasPrefix("http://") || text.hasPrefix("https://"), let url = URL(string: text) { return url }
        return URL(fileURLWithPath: text)
    }
}
