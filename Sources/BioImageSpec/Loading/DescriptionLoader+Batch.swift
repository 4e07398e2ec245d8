import BioImageYAML
import Dispatch
import Foundation

extension DescriptionLoader {
    /// Parses and validates many description documents, spread across the machine's cores.
    ///
    /// Results come back in the order of `documents`, each exactly what ``load(_:)`` (for parsed
    /// nodes) returns for it; a `YAMLError` marks a document that is not valid YAML. Useful for
    /// tools that check whole collections (a zoo, a corpus of model descriptions).
    ///
    /// - Complexity: the sum of the single validations, divided over `ProcessInfo.activeProcessorCount` cores.
    public func load(documents: [Data]) -> [Result<LoadedDescription, YAMLError>] {
        let results = BatchResults(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            let result: Result<LoadedDescription, YAMLError>
            do throws(YAMLError) {
                result = .success(load(try YAMLParser().parse(documents[index])))
            } catch {
                result = .failure(error)
            }
            results.set(result, at: index)
        }
        return results.values
    }
}

/// Slots that concurrent workers fill, each index written by exactly one worker.
private final class BatchResults: @unchecked Sendable {
    private var slots: [Result<LoadedDescription, YAMLError>?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ result: Result<LoadedDescription, YAMLError>, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [Result<LoadedDescription, YAMLError>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failure(YAMLError(.io, "not processed")) }
    }
}
