import BioImageTensor
import Dispatch

/// A graph ready to run: kernels in topological order over numbered value slots, with the
/// constants pre-filled and, per step, the slots whose last use it is (freed right after it, so
/// peak memory holds only live intermediates).
///
/// The plan is immutable; each ``execute(_:context:)`` call has its own slot array, so one plan
/// may run on several threads at once.
final class ExecutionPlan: Sendable {
    /// One node to run.
    struct Step: Sendable {
        /// The node's name (or `#index`) and operator, for errors.
        let node: String
        let opType: String
        let kernel: any OperatorKernel
        /// The slot of each input; `nil` for an omitted optional input.
        let inputs: [Int?]
        /// The slot of each output; `nil` for an omitted output (or one nobody reads).
        let outputs: [Int?]
        /// Slots to free after this step.
        let release: [Int]
    }

    /// The number of value slots.
    let slotCount: Int
    /// The value name of each slot (for errors).
    let slotNames: [String]
    /// Constant values (initializers, `Constant` nodes and folded nodes) that steps or outputs read.
    let constants: [(slot: Int, value: AnyTensor)]
    /// The slot of each graph input, by name (inputs with an initializer default included).
    let inputSlots: [String: Int]
    /// Graph outputs in order, with their slots.
    let outputSlots: [(name: String, slot: Int)]
    /// The nodes to run, in order.
    let steps: [Step]

    init(slotCount: Int, slotNames: [String], constants: [(slot: Int, value: AnyTensor)], inputSlots: [String: Int],
         outputSlots: [(name: String, slot: Int)], steps: [Step]) {
        self.slotCount = slotCount
        self.slotNames = slotNames
        self.constants = constants
        self.inputSlots = inputSlots
        self.outputSlots = outputSlots
        self.steps = steps
    }

    /// Runs every step on `inputs` (by input name; already validated) and returns the graph outputs by name.
    ///
    /// - Parameter timings: when given, receives each step's wall-clock seconds, in step order.
    func execute(_ inputs: [String: AnyTensor], context: KernelContext,
                 timings: UnsafeMutableBufferPointer<Double>? = nil) throws(ONNXError) -> [String: AnyTensor] {
        var slots = [AnyTensor?](repeating: nil, count: slotCount)
        for (slot, value) in constants { slots[slot] = value }
        for (name, value) in inputs {
            guard let slot = inputSlots[name] else { continue }
            slots[slot] = value
        }
        var arguments: [AnyTensor?] = []
        for (index, step) in steps.enumerated() {
            let start = timings == nil ? 0 : DispatchTime.now().uptimeNanoseconds
            arguments.removeAll(keepingCapacity: true)
            for (position, input) in step.inputs.enumerated() {
                guard let input else { arguments.append(nil); continue }
                guard let value = slots[input] else {
                    throw ONNXError(.invalidGraph, "input \(position) ('\(slotNames[input])') has no value", node: step.node, opType: step.opType)
                }
                arguments.append(value)
            }
            let results: [AnyTensor]
            do {
                results = try step.kernel.run(arguments, context: context)
            } catch {
                var located = error
                if located.node == nil { located.node = step.node }
                if located.opType == nil { located.opType = step.opType }
                throw located
            }
            arguments.removeAll(keepingCapacity: true)
            for (position, output) in step.outputs.enumerated() {
                guard let output else { continue }
                guard position < results.count else {
                    throw ONNXError(.invalidGraph, "the kernel returned \(results.count) outputs, output \(position) ('\(slotNames[output])') is needed",
                                    node: step.node, opType: step.opType)
                }
                slots[output] = results[position]
            }
            for slot in step.release { slots[slot] = nil }
            if let timings, index < timings.count {
                timings[index] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
        }
        var outputs: [String: AnyTensor] = [:]
        for (name, slot) in outputSlots {
            guard let value = slots[slot] else {
                throw ONNXError(.invalidGraph, "graph output '\(name)' was not computed")
            }
            outputs[name] = value
        }
        return outputs
    }
}
