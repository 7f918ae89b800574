import Foundation

/// Polls a condition until it holds or the deadline passes; tests wait with this, never sleep.
public enum Deadline {
    /// True as soon as `condition` holds; false after `seconds`.
    @discardableResult
    public static func poll(seconds: Double, every interval: Double = 0.02,
                            _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while true {
            if try condition() { return true }
            if Date() >= end { return false }
            Thread.sleep(forTimeInterval: interval)
        }
    }

    /// The first non-nil value of `probe`, or nil after `seconds`.
    public static func value<T>(seconds: Double, every interval: Double = 0.02, _ probe: () throws -> T?) rethrows -> T? {
        let end = Date().addingTimeInterval(seconds)
        while true {
            if let value = try probe() { return value }
            if Date() >= end { return nil }
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
