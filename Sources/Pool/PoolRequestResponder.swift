import FastCGI

/// What a worker calls for each accepted request: answer it completely and return the HTTP
/// status sent, which the scoreboard and the slow-request log record.
///
/// A responder may also answer several requests together (`respond(toBatch:)`): when the
/// first request a worker accepts can join a batch, the worker takes the requests already
/// queued for the pool (never waiting for more) and hands over those that can join too.
public protocol PoolRequestResponder: AnyObject {
    /// What the responder learned of a request that can join a batch.
    associatedtype BatchItem = Never

    func respond(to request: FastCGIRequest) -> Int
    /// Non-nil when `request` can be answered in a batch with others.
    func batchItem(for request: FastCGIRequest) -> BatchItem?
    /// Answers every request completely; the statuses sent, in order.
    func respond(toBatch batch: [(request: FastCGIRequest, item: BatchItem)]) -> [Int]
}

extension PoolRequestResponder where BatchItem == Never {
    public func batchItem(for request: FastCGIRequest) -> Never? { nil }
    public func respond(toBatch batch: [(request: FastCGIRequest, item: Never)]) -> [Int] { [] }
}
