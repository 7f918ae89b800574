import Foundation

/// Values that test threads record by name, read by the test once they are done.
public final class LockedValues<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    public init() {}

    public func set(_ name: String, _ value: Value) { lock.withLock { values[name] = value } }
    public func get(_ name: String) -> Value? { lock.withLock { values[name] } }
}
