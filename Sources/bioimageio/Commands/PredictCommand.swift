import BioImageIO
import Foundation

/// `bioimageio predict SOURCE --input ID=FILE.npy ... --output-dir DIR [--tile AXIS=SIZE,...]
/// [--weight-format F] [--threads N]`: runs a model on `.npy` inputs and writes
/// `DIR/<output id>.npy`.
///
/// SOURCE is a description file, a package folder or a zip. Each input array is matched to the
/// described axes (``PreparedModel/labeledInput(_:id:)``). With `--tile` the sample is predicted
/// block by block, each block `SIZE` long (halo included) along each named axis; normalisation
/// statistics are still computed on the whole sample. A progress bar is drawn on standard error
/// when it is a terminal. Outputs are written only after the whole prediction succeeded, each file
/// atomically. Exit status: 0 on success, 1 when the prediction fails, 2 on usage or input errors.
enum PredictCommand {
    static let usage = """
        usage: bioimageio predict SOURCE --input ID=FILE.npy [--input ...] --output-dir DIR
                                  [--tile AXIS=SIZE,...] [--weight-format FORMAT] [--threads N]
        """

    struct Arguments {
        var source = ""
        var inputs: [(id: String, path: String)] = []
        var outputDirectory = ""
        var tile: [String: Int] = [:]
        var weightFormat: WeightsFormat?
        var threads: Int?
    }

    static func parse(_ arguments: [String]) -> Result<Arguments, UsageError> {
        var parsed = Arguments()
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            func value() -> String? { iterator.next() }
            switch argument {
            case "--input", "-i":
                guard let pair = value(), let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    return .failure(UsageError("--input takes ID=FILE.npy"))
                }
                parsed.inputs.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
            case "--output-dir", "-o":
                guard let directory = value() else { return .failure(UsageError("--output-dir takes a folder")) }
                parsed.outputDirectory = directory
            case "--tile":
                guard let list = value() else { return .failure(UsageError("--tile takes AXIS=SIZE,...")) }
                for item in list.split(separator: ",") {
                    let parts = item.split(separator: "=")
                    guard parts.count == 2, let size = Int(parts[1]), size > 0 else {
                        return .failure(UsageError("--tile: '\(item)' is not AXIS=SIZE with a positive size"))
                    }
                    parsed.tile[String(parts[0])] = size
                }
            case "--weight-format":
                guard let name = value(), let format = WeightsFormat(rawValue: name) else {
                    return .failure(UsageError("--weight-format takes one of \(WeightsFormat.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
                parsed.weightFormat = format
            case "--threads":
                guard let text = value(), let threads = Int(text), threads > 0 else { return .failure(UsageError("--threads takes a positive number")) }
                parsed.threads = threads
            default:
                if argument.hasPrefix("-") || !parsed.source.isEmpty {
                    return .failure(UsageError("unexpected argument '\(argument)'"))
                }
                parsed.source = argument
            }
        }
        if parsed.source.isEmpty || parsed.inputs.isEmpty || parsed.outputDirectory.isEmpty {
            return .failure(UsageError("SOURCE, at least one --input and --output-dir are required"))
        }
        return .success(parsed)
    }

    static func run(_ arguments: [String]) -> Int32 {
        var standardError = FileHandleOutputStream(FileHandle.standardError)
        if arguments.contains("-h") || arguments.contains("--help") {
            print(usage)
            return 0
        }
        let options: Arguments
        switch parse(arguments) {
        case .success(let parsed): options = parsed
        case .failure(let error):
            print("bioimageio predict: \(error.message)\n\(usage)", to: &standardError)
            return 2
        }
        let model: PreparedModel
        var sample = Sample()
        do {
            model = try PreparedModel(contentsOf: URL(fileURLWithPath: options.source), performIOChecks: false)
            for (id, path) in options.inputs {
                sample[id] = try model.labeledInput(try NPY.read(contentsOf: URL(fileURLWithPath: path)), id: id)
            }
        } catch {
            print("bioimageio predict: \(options.source): \(error)", to: &standardError)
            if let load = error as? PreparedModel.LoadError, let summary = load.summary {
                for issue in summary.errors { print("  \(issue)", to: &standardError) }
            }
            return 2
        }
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
        let outputs: Sample
        do {
            let loaded = try RuntimeRegistry.standard.load(model, weightFormat: options.weightFormat,
                                                           options: RuntimeOptions(threads: options.threads))
            let pipeline = try PredictionPipeline(model: model, runtime: loaded.runtime)
            let tiling = options.tile.isEmpty ? nil : TilingOptions(blockSizes: options.tile)
            outputs = try pipeline.predict(sample, tiling: tiling) { bar.update($0) }
            bar.finish()
        } catch {
            bar.finish()
            print("bioimageio predict: \(error)", to: &standardError)
            return 1
        }
        let directory = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for id in outputs.ids {
                guard let tensor = outputs[id] else { continue }
                let url = directory.appendingPathComponent("\(id).npy")
                try NPY.encode(tensor.tensor).write(to: url, options: .atomic)
                print("\(url.path): \(tensor)")
            }
        } catch {
            print("bioimageio predict: cannot write to \(directory.path): \(error)", to: &standardError)
            return 2
        }
        return 0
    }

    struct UsageError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}

/// A one-line progress bar on standard error, redrawn in place (`[#####-----] 12/24 blocks`).
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: BlockProgress) {
        guard enabled, progress.total > 1 else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = Int(progress.fractionCompleted * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(progress.completed)/\(progress.total) blocks".utf8))
        drawn = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }
}
