import HTTPClient

/// Posts deliveries to WorkSupport's ingest endpoints, one after the other.
public struct WebhookSender {
    public struct Outcome: Sendable {
        public var delivery: WebhookDelivery
        public var status: Int?
        public var error: String?

        public var accepted: Bool { status.map { (200..<300).contains($0) } ?? false }
    }

    public let baseURL: String
    private let client = HTTPClient()

    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    public func send(_ delivery: WebhookDelivery) -> Outcome {
        let request = HTTPRequest(method: "POST", url: baseURL + delivery.path, headers: delivery.headers,
                                  body: delivery.body, totalTimeout: 30)
        do {
            let response = try client.send(request)
            return Outcome(delivery: delivery, status: response.status, error: nil)
        } catch {
            return Outcome(delivery: delivery, status: nil, error: error.description)
        }
    }
}
