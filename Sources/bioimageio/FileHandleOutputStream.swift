import Foundation

/// A `TextOutputStream` over a file handle, so `print(_:to:)` can write to standard error.
struct FileHandleOutputStream: TextOutputStream {
    let handle: FileHandle

    init(_ handle: FileHandle) {
        self.handle = handle
    }

    mutating func write(_ string: String) {
        handle.write(Data(string.utf8))
    }
}
