import Foundation
import TestKit

/// A pool behind real nginx, both stopped when the fixture goes away.
final class PoolFixture: @unchecked Sendable {
    let pool: TestPool
    let nginx: TestNginx

    init(workers: Int = 2, arguments: [String] = [], configLines: [String] = [], readTimeoutSeconds: Int? = nil,
         environment: [String: String] = [:], databaseURL: String? = nil, function: String = #function) throws {
        pool = try TestPool(workers: workers, arguments: arguments, configLines: configLines,
                            environment: environment, databaseURL: databaseURL, function: function)
        guard pool.waitUntilReady() else {
            throw TestEnvironmentError("pool not ready: \(pool.log)")
        }
        nginx = try TestNginx(upstreamSocket: pool.socketPath, readTimeoutSeconds: readTimeoutSeconds)
    }

    deinit {
        nginx.stop()
        pool.stop()
    }

    var client: HTTPTestClient { nginx.client }

    /// The status page through nginx, as JSON.
    func status() throws -> [String: Any] {
        let response = try client.get("/status")
        guard response.status == 200, let json = response.json else {
            throw TestEnvironmentError("status \(response.status): \(response.text)")
        }
        return json
    }

    func workers() throws -> [[String: Any]] { (try status()["workers"] as? [[String: Any]]) ?? [] }

    func workerPIDs() throws -> Set<Int32> {
        Set(try workers().compactMap { ($0["pid"] as? Int).map(Int32.init) })
    }
}
