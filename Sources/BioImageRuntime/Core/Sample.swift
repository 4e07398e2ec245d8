import BioImageTensor

/// One sample: the tensors of a prediction, by tensor id, each with named axes.
///
/// A sample may hold its tensors in any axis order; the pipeline transposes them to the model's
/// order by axis id.
///
/// ```swift
/// var sample = Sample()
/// sample["raw"] = try LabeledTensor(image, axes: ["y", "x"])   // batch and channel are inserted
/// let outputs = try pipeline.predict(sample)
/// let mask = outputs["mask"]
/// ```
public struct Sample: Sendable, Hashable {
    /// The tensors, by tensor id.
    public var members: [String: LabeledTensor]

    /// Creates a sample.
    public init(_ members: [String: LabeledTensor] = [:]) {
        self.members = members
    }

    /// The tensor with id `id`, or `nil`.
    public subscript(id: String) -> LabeledTensor? {
        get { members[id] }
        set { members[id] = newValue }
    }

    /// The tensor ids, sorted.
    public var ids: [String] { members.keys.sorted() }

    /// The tensor with id `id`.
    /// - Throws: ``RuntimeError/Code/missingTensor`` naming the id and the ids present.
    public func require(_ id: String) throws(RuntimeError) -> LabeledTensor {
        guard let tensor = members[id] else {
            throw RuntimeError(.missingTensor, "the sample has no tensor '\(id)' (it has \(ids))", tensor: id)
        }
        return tensor
    }
}
