import JSON

/// Why a dataset could not be read or written; says which file and member.
public struct SimDataError: Error, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Typed access to one JSON object of `dataset.json`, with the member path in every error.
struct StorageReader {
    let value: JSONValue
    let path: String

    private func member(_ name: String) throws(SimDataError) -> JSONValue {
        guard let member = value[name] else { throw SimDataError("dataset.json: \(path)\(name) is missing") }
        return member
    }

    func string(_ name: String) throws(SimDataError) -> String {
        guard let text = try member(name).stringValue else { throw SimDataError("dataset.json: \(path)\(name) is not a string") }
        return text
    }

    func optionalString(_ name: String) throws(SimDataError) -> String? {
        guard let member = value[name], !member.isNull else { return nil }
        guard let text = member.stringValue else { throw SimDataError("dataset.json: \(path)\(name) is not a string") }
        return text
    }

    func int(_ name: String) throws(SimDataError) -> Int {
        guard let number = try member(name).intValue else { throw SimDataError("dataset.json: \(path)\(name) is not an integer") }
        return number
    }

    func bool(_ name: String) throws(SimDataError) -> Bool {
        guard let flag = try member(name).boolValue else { throw SimDataError("dataset.json: \(path)\(name) is not a boolean") }
        return flag
    }

    func time(_ name: String) throws(SimDataError) -> Int64 {
        guard let ms = SimTime.parse(try string(name)) else { throw SimDataError("dataset.json: \(path)\(name) is not a time") }
        return ms
    }

    func optionalTime(_ name: String) throws(SimDataError) -> Int64? {
        guard let text = try optionalString(name) else { return nil }
        guard let ms = SimTime.parse(text) else { throw SimDataError("dataset.json: \(path)\(name) is not a time") }
        return ms
    }

    func strings(_ name: String) throws(SimDataError) -> [String] {
        guard let elements = try member(name).arrayValue else { throw SimDataError("dataset.json: \(path)\(name) is not an array") }
        return try elements.map { (element: JSONValue) throws(SimDataError) -> String in
            guard let text = element.stringValue else { throw SimDataError("dataset.json: \(path)\(name) holds a non-string") }
            return text
        }
    }

    func optionalStrings(_ name: String) throws(SimDataError) -> [String]? {
        guard let member = value[name], !member.isNull else { return nil }
        return try strings(name)
    }

    func array<T>(_ name: String, _ transform: (StorageReader) throws(SimDataError) -> T) throws(SimDataError) -> [T] {
        guard let elements = try member(name).arrayValue else { throw SimDataError("dataset.json: \(path)\(name) is not an array") }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            let reader = StorageReader(value: element, path: "\(path)\(name)[\(index)].")
            result.append(try transform(reader))
        }
        return result
    }
}
