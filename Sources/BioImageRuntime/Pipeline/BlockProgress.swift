/// How far a prediction is: blocks done out of the total, reported after each block.
///
/// Whole-sample prediction reports a single block.
public struct BlockProgress: Sendable, Hashable, CustomStringConvertible {
    /// The number of blocks predicted so far (1…``total``).
    public var completed: Int
    /// The number of blocks of the sample.
    public var total: Int

    /// Creates a progress report.
    public init(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
    }

    /// `completed / total`, in [0, 1] (1 when there are no blocks).
    public var fractionCompleted: Double { total > 0 ? Double(completed) / Double(total) : 1 }

    /// `"3/12 blocks"`.
    public var description: String { "\(completed)/\(total) blocks" }
}
