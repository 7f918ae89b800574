import JSON

/// The review history the simulator serves for the dataset's harvested pull requests (those
/// labelled `githubLabel` with a member assignee), laid out so that the team questions have
/// planted answers (docs/simulator.md, "Collaboration"):
/// - the **central reviewer** is the member who authored the most harvested pull requests: they
///   review every other harvested pull request in the last 30 days, and the personas below review
///   theirs, so every shortest review path runs through them (highest PageRank and betweenness);
/// - **fading** (`collab-fading`) reviewed 6 pull requests in the 30 days before the window and 2 in it;
/// - **quiet** (`collab-quiet`) reviewed 3 before the window and nothing in it;
/// - **owner** (`collab-owner`, role `po`) reviewed once in the window and is linked to no ticket.
/// The personas are not dataset members: the test configuration adds them (`personaProperties`).
/// Also one review by a pull request's own author, one by a bot, and review comments by the hub.
public struct SimCollaboration: Sendable {
    public struct Persona: Sendable {
        public var id: String
        public var name: String
        public var login: String
        public var role: String?
    }

    public struct Review: Sendable {
        public var id: Int64
        public var login: String
        public var isBot: Bool
        public var state: String
        public var submittedAt: Int64
    }

    public struct Comment: Sendable {
        public var id: Int64
        public var login: String
        public var reviewID: Int64
        public var createdAt: Int64
    }

    public static let fading = Persona(id: "collab-fading", name: "Fading Reviewer", login: "fading-dev", role: nil)
    public static let quiet = Persona(id: "collab-quiet", name: "Quiet Reviewer", login: "quiet-dev", role: nil)
    public static let owner = Persona(id: "collab-owner", name: "Idle Owner", login: "owner-po", role: "po")
    public static let personas = [fading, quiet, owner]
    public static let botLogin = "ci-helper[bot]"
    /// The review `worksupport-sim webhooks` delivers (`WebhookPlan`), not served by the REST route.
    public static let webhookReviewID: Int64 = 9_200_001
    /// Reviews are served this many a page (whatever `per_page` asks), so that paging is exercised.
    public static let reviewPageSize = 3

    public let now: Int64
    /// The dataset member id and login of the central reviewer; nil when no harvested pull request exists.
    public let hub: (id: String, login: String)?
    /// The pull request one of whose reviews is by its own author.
    public let selfReviewed: String?
    public let reviews: [String: [Review]]
    public let comments: [String: [Comment]]

    public init(dataset: SimDataset) {
        let now = dataset.now
        self.now = now
        let day = SimTime.msPerDay
        let memberLogins = Set(dataset.members.compactMap { $0.githubLogin?.lowercased() })
        let pulls = dataset.githubItems.filter { item in
            item.isPullRequest && item.labels.contains(dataset.githubLabel)
                && item.assignee.map { memberLogins.contains($0.lowercased()) } == true
        }.sorted { $0.key < $1.key }
        var authored: [String: Int] = [:]
        for pull in pulls where memberLogins.contains(pull.author.lowercased()) { authored[pull.author, default: 0] += 1 }
        let hubLogin = authored.max { $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value }?.key
        guard let hubLogin, let member = dataset.members.first(where: { $0.githubLogin == hubLogin }) else {
            hub = nil
            selfReviewed = nil
            reviews = [:]
            comments = [:]
            return
        }
        hub = (member.id, hubLogin)
        var served: [String: [Review]] = [:]
        var written: [String: [Comment]] = [:]
        var nextID: Int64 = 9_100_000
        func review(_ key: String, _ login: String, daysAgo: Int64, state: String = "APPROVED", bot: Bool = false) -> Int64 {
            nextID += 1
            // Whole seconds, as GitHub sends them.
            served[key, default: []].append(Review(id: nextID, login: login, isBot: bot, state: state,
                                                    submittedAt: (now - daysAgo * day - 3_600_000) / 1000 * 1000))
            return nextID
        }
        let hubPulls = pulls.filter { $0.author == hubLogin }
        let others = pulls.filter { $0.author != hubLogin }
        for (index, pull) in others.enumerated() {
            let id = review(pull.key, hubLogin, daysAgo: 1 + Int64(index % 25), state: index % 3 == 0 ? "COMMENTED" : "APPROVED")
            if index % 5 == 0 {
                nextID += 1
                written[pull.key, default: []].append(Comment(id: nextID, login: hubLogin, reviewID: id,
                                                               createdAt: (now - Int64(1 + index % 25) * day - 3_600_000) / 1000 * 1000))
            }
        }
        if let first = others.first {
            _ = review(first.key, first.author, daysAgo: 2, state: "COMMENTED")
            _ = review(first.key, Self.botLogin, daysAgo: 2, bot: true)
        }
        selfReviewed = others.first?.key
        for index in 0..<6 { _ = review(hubPulls[index % hubPulls.count].key, Self.fading.login, daysAgo: 35 + Int64(index) * 3) }
        for index in 0..<2 { _ = review(hubPulls[index % hubPulls.count].key, Self.fading.login, daysAgo: 3 + Int64(index)) }
        for index in 0..<3 { _ = review(hubPulls[index % hubPulls.count].key, Self.quiet.login, daysAgo: 40 + Int64(index) * 4) }
        _ = review(hubPulls[0].key, Self.owner.login, daysAgo: 2, state: "CHANGES_REQUESTED")
        reviews = served
        comments = written
    }

    /// `team.member.*` lines for the personas, to append to the simulator's properties.
    public static var personaProperties: [String] {
        personas.flatMap { persona in
            ["team.member.\(persona.id).name=\(persona.name)", "team.member.\(persona.id).github_id=\(persona.login)"]
                + (persona.role.map { ["team.member.\(persona.id).role=\($0)"] } ?? [])
        }
    }

    /// The manifest's `collaboration` answers.
    public var manifest: JSONValue {
        var object: JSONObject = [
            "window_days": 30,
            "central_reviewer": hub.map { .string($0.id) } ?? .null,
            "quiet_member": .string(Self.quiet.id),
            "halved_member": .string(Self.fading.id),
            "idle_owner": .string(Self.owner.id),
            "self_reviewed_pull_request": selfReviewed.map { .string($0) } ?? .null,
            "personas": .array(Self.personas.map { persona in
                ["id": .string(persona.id), "name": .string(persona.name), "github_id": .string(persona.login),
                 "role": persona.role.map { .string($0) } ?? .null]
            }),
        ]
        object["reviews"] = .int(Int64(reviews.values.reduce(0) { $0 + $1.count }))
        object["review_comments"] = .int(Int64(comments.values.reduce(0) { $0 + $1.count }))
        return .object(object)
    }

    func reviewJSON(_ review: Review) -> JSONValue {
        ["id": .int(review.id), "node_id": .string("PRR_\(review.id)"),
         "user": ["login": .string(review.login), "type": .string(review.isBot ? "Bot" : "User")],
         "body": "", "state": .string(review.state), "submitted_at": .string(SimTime.github(review.submittedAt))]
    }

    func commentJSON(_ comment: Comment) -> JSONValue {
        ["id": .int(comment.id), "pull_request_review_id": .int(comment.reviewID),
         "user": ["login": .string(comment.login), "type": "User"], "body": "", "path": "README.md",
         "created_at": .string(SimTime.github(comment.createdAt)), "updated_at": .string(SimTime.github(comment.createdAt))]
    }
}
