import HTTPClient
import HTTPServer
import JSON
import Synchronization
import Testing
@testable import Simulator

@Suite struct WebhookTests {
    @Test func signatureMatchesGitHubsDocumentedExample() {
        let signature = WebhookDelivery.signature(Array("Hello, World!".utf8), secret: "It's a Secret to Everybody")
        #expect(signature == "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
    }

    @Test func planIsDeterministic() {
        let a = WebhookPlan(dataset: SimFixture.dataset, count: 3, seed: 2).deliveries(githubSecret: "g", jiraSecret: "j")
        let b = WebhookPlan(dataset: SimFixture.dataset, count: 3, seed: 2).deliveries(githubSecret: "g", jiraSecret: "j")
        #expect(a == b)
    }

    @Test func planCoversEveryEventKind() {
        let deliveries = WebhookPlan(dataset: SimFixture.dataset, count: 3, seed: 2).deliveries(githubSecret: "g", jiraSecret: "j")
        let events = Set(deliveries.map(\.event))
        #expect(events.isSuperset(of: ["ping", "issues", "jira:issue_updated", "jira:issue_created", "jira:issue_deleted"]))
        #expect(Set(deliveries.map(\.deliveryID)).count == deliveries.count)
    }

    @Test func planEndsWithAReviewByTheCentralReviewer() throws {
        let deliveries = WebhookPlan(dataset: SimFixture.dataset, count: 3, seed: 2).deliveries(githubSecret: "g", jiraSecret: "j")
        let review = try #require(deliveries.last)
        let collaboration = SimCollaboration(dataset: SimFixture.dataset)
        #expect(review.event == "pull_request_review")
        #expect(review.issueKey == collaboration.selfReviewed)
        let payload = try JSONValue.parse(review.body)
        #expect(payload["review"]?["user"]?["login"]?.stringValue == collaboration.hub?.login)
        #expect(payload["review"]?["id"]?.intValue == Int(SimCollaboration.webhookReviewID))
        #expect(payload["repository"]?["full_name"]?.stringValue.map { "\($0)#\(payload["pull_request"]?["number"]?.intValue ?? 0)" }
                == collaboration.selfReviewed)
    }

    @Test func senderSignsTheExactBodyAndSetsGitHubHeaders() throws {
        let received = Mutex<[HTTPServerRequest]>([])
        let server = try HTTPServer { request in
            received.withLock { $0.append(request) }
            return .json("{}")
        }
        try server.start()
        defer { server.stop() }
        let deliveries = WebhookPlan(dataset: SimFixture.dataset, count: 1, seed: 2).deliveries(githubSecret: "gs", jiraSecret: "js")
        let sender = WebhookSender(baseURL: server.baseURL)
        let outcomes = deliveries.map(sender.send)
        #expect(outcomes.allSatisfy { $0.accepted })
        let requests = received.withLock { $0 }
        #expect(requests.count == deliveries.count)
        let github = try #require(requests.first { $0.path == "/api/ingest/github" && $0.header("X-GitHub-Event") == "issues" || $0.header("X-GitHub-Event") == "pull_request" })
        #expect(github.header("X-Hub-Signature-256") == WebhookDelivery.signature(github.body, secret: "gs"))
        #expect(github.header("X-GitHub-Delivery")?.isEmpty == false)
        let jira = try #require(requests.first { $0.path == "/api/ingest/jira" })
        #expect(jira.header("X-Hub-Signature") == WebhookDelivery.signature(jira.body, secret: "js"))
        #expect(try JSONValue.parse(jira.body)["webhookEvent"]?.stringValue?.hasPrefix("jira:issue_") == true)
    }

    @Test func wrongSignatureDoesNotVerify() {
        let delivery = WebhookPlan(dataset: SimFixture.dataset, count: 1, seed: 2)
            .deliveries(githubSecret: "gs", jiraSecret: "js", wrongSignature: true)[0]
        let header = delivery.headers.first { $0.0 == "X-Hub-Signature-256" }?.1
        #expect(header != WebhookDelivery.signature(delivery.body, secret: "gs"))
    }

    @Test func secondUpdateOfAnIssueIsNewer() throws {
        let deliveries = WebhookPlan(dataset: SimFixture.dataset, count: 1, seed: 2).deliveries(githubSecret: "g", jiraSecret: "j")
        let updates = deliveries.filter { $0.event == "jira:issue_updated" }
        #expect(updates.count == 2 && updates[0].issueKey == updates[1].issueKey)
        let times = try updates.map { try JSONValue.parse($0.body)["timestamp"]?.intValue ?? 0 }
        #expect(times[0] < times[1])
    }
}
