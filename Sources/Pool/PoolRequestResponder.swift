import FastCGI

/// What a worker calls for each accepted request: answer it completely and return the HTTP
/// status sent, which the scoreboard and the slow-request log record.
public protocol PoolRequestResponder: AnyObject {
    func respond(to request: FastCGIRequest) -> Int
}
