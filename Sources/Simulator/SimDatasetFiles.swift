import Foundation
import JSON

/// The three files `generate` writes into a directory, and reading the dataset back.
public enum SimDatasetFiles {
    public static let datasetName = "dataset.json"
    public static let manifestName = "answer-manifest.json"
    public static let propertiesName = "worksupport.properties"

    /// Writes dataset, manifest and properties; `baseURL` is where the simulator will be served.
    /// `delivery`: the generated delivery scenario `serve` will answer with (nil: the hand-built one).
    public static func write(_ dataset: SimDataset, baseURL: String, to directory: String,
                             delivery: SimDeliveryScenario? = nil) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let manifest = try AnswerManifest(dataset: dataset, baseURL: baseURL, delivery: delivery)
        try write(SimJSONWriter.serialize(dataset.jsonValue, sortedKeys: true), to: directory + "/" + datasetName)
        try write(manifest.bytes, to: directory + "/" + manifestName)
        try write(Array(PropertiesWriter.properties(for: dataset, baseURL: baseURL).utf8),
                  to: directory + "/" + propertiesName)
    }

    public static func read(from directory: String) throws -> SimDataset {
        let path = directory + "/" + datasetName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimDataError("cannot read \(path) (run `worksupport-sim generate --out \(directory)` first)")
        }
        return try SimDataset(json: try JSONValue.parse([UInt8](data)))
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw SimDataError("cannot write \(path)")
        }
    }
}
