/// A single-issue read (`GET /api/issues/{key}`, no query) presented with a key the worker
/// remembers: one that `APIApplication.handle(batch:)` can answer together with others.
public struct BatchableRead: Sendable {
    /// The request as it came; the body is read after the batch is gathered (it must be empty).
    public var request: APIRequest
    let issueKey: String
    let keyHash: String
    let caller: APIKeyAuthenticator.Caller
}
