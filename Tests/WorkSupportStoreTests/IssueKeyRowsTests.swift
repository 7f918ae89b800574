import Testing
@testable import WorkSupportStore

/// The order of `GET /api/issues/keys` without paging: byte order, each key once.
@Suite struct IssueKeyRowsTests {
    /// The keys in the order `sortedUnique` gives.
    static func ordered(_ keys: [String]) -> [String] {
        let bytes = keys.map { Array($0.utf8) }
        let storage = bytes.map { key in
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: key.count)
            _ = buffer.initialize(from: key)
            return UnsafeBufferPointer(buffer)
        }
        defer { storage.forEach { $0.deallocate() } }
        return IssueKeyRows.sortedUnique(storage).map { keys[Int($0)] }
    }

    @Test func rowsAreSortedByBytesWithDuplicatesLeftOut() {
        let keys = ["TASK-2", "acme/api#1", "PV-1", "TASK-10", "PV-1", "Task-1", "TASK-2", "ÉPIC-1", "TASK-1"]
        #expect(Self.ordered(keys) == ["PV-1", "TASK-1", "TASK-10", "TASK-2", "Task-1", "acme/api#1", "ÉPIC-1"])
    }

    @Test func aPrefixComesBeforeItsExtensions() {
        #expect(Self.ordered(["AB-10", "AB-1", "AB-1"]) == ["AB-1", "AB-10"])
    }

    @Test func orderedRowsAndEmptyResultsAreKept() {
        #expect(Self.ordered(["A-1", "A-2", "B-1"]) == ["A-1", "A-2", "B-1"])
        #expect(Self.ordered([]) == [])
        #expect(Self.ordered(["A-1", "A-1"]) == ["A-1"])
    }
}
