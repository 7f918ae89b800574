import Foundation
import JSON

extension GitHubClient {
    /// `GET /rate_limit`: costs no quota, refuses a bad token with 401, and says what is left of
    /// the hourly budget the harvest's calls draw on.
    public func check() -> UpstreamCheck {
        do {
            let (json, response) = try call("\(apiURL)/rate_limit")
            let core = json["resources"]?["core"] ?? json["rate"]
            let remaining = core?["remaining"]?.intValue ?? response.header("x-ratelimit-remaining").flatMap { Int($0) }
            let limit = core?["limit"]?.intValue ?? response.header("x-ratelimit-limit").flatMap { Int($0) }
            let reset = core?["reset"]?.intValue ?? response.header("x-ratelimit-reset").flatMap { Int($0) }
            var detail = token?.isEmpty == false ? "" : "no token, anonymous: "
            if let remaining, let limit {
                detail += "\(remaining) of \(limit) requests left"
                if let reset { detail += ", resets \(Date(timeIntervalSince1970: Double(reset)).formatted(.iso8601))" }
            } else {
                detail += "no rate budget in the answer"
            }
            return .ok(detail)
        } catch {
            return .failure(error)
        }
    }
}
