/// The status page as JSON, built by hand so the Pool module needs no JSON library.
extension PoolStatusSnapshot {
    public var jsonText: String {
        var fields: [String] = [
            "\"master_pid\":\(masterPID)",
            "\"start_time\":\(Int(startTime))",
            "\"accepted_requests\":\(acceptedRequests)",
            "\"listen_queue\":\(listenQueue.map(String.init) ?? "null")",
            "\"listen_queue_max\":\(listenQueueMax.map(String.init) ?? "null")",
            "\"active_workers\":\(activeWorkers)",
            "\"idle_workers\":\(idleWorkers)",
            "\"total_workers\":\(totalWorkers)",
            "\"target_workers\":\(targetWorkers)",
            "\"max_workers_reached\":\(maxWorkersReached)",
            "\"restarts\":\(restarts)",
            "\"abnormal_exits\":\(abnormalExits)",
            "\"timeout_kills\":\(timeoutKills)",
            "\"recycles\":\(recycles)",
            "\"crash_loop_active\":\(crashLoopActive)",
        ]
        fields.append("\"workers\":[" + workers.map(\.jsonText).joined(separator: ",") + "]")
        return "{" + fields.joined(separator: ",") + "}"
    }
}

extension PoolStatusSnapshot.Worker {
    var jsonText: String {
        let fields = [
            "\"slot\":\(slot)",
            "\"pid\":\(pid)",
            "\"state\":\"\(state)\"",
            "\"start_time\":\(Int(startTime))",
            "\"requests\":\(requests)",
            "\"request_method\":\(JSONString.quote(requestMethod))",
            "\"request_uri\":\(JSONString.quote(requestURI))",
            "\"request_duration_ms\":\(currentRequestMilliseconds.map { JSONString.number($0) } ?? "null")",
            "\"last_request_ms\":\(JSONString.number(lastRequestMilliseconds))",
            "\"last_status\":\(lastStatus)",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }
}

enum JSONString {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Milliseconds with three decimals, never exponent notation.
    static func number(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
