import JSON
import Testing
@testable import WorkSupportCore

/// What of a `push` delivery can stand for a compare.
@Suite struct BranchPushTests {
    static func payload(ref: String = "refs/heads/main", deleted: Bool = false, after: String = "b",
                        commits: [String]? = ["a1", "b"], forced: Bool = false) -> JSONValue {
        var object: JSONObject = ["ref": .string(ref), "before": "a", "after": .string(after), "deleted": .bool(deleted),
                                  "forced": .bool(forced)]
        if let commits { object["commits"] = .array(commits.map { ["id": .string($0)] }) }
        return .object(object)
    }

    @Test func aBranchPushIsItsCommitRange() {
        #expect(BranchPush.read(Self.payload(), repo: "acme/shop") == .push(BranchPush(
            repo: "acme/shop", branch: "main", before: "a", after: "b", commits: ["a1", "b"], forced: false, complete: true)))
    }

    @Test func tagsAndDeletedBranchesAreNoBranchUpdate() {
        guard case .notABranchUpdate(let tag) = BranchPush.read(Self.payload(ref: "refs/tags/v1"), repo: "r") else {
            Issue.record("a tag push was read as a branch push"); return
        }
        #expect(tag.contains("refs/tags/v1"))
        guard case .notABranchUpdate(let deleted) = BranchPush.read(Self.payload(deleted: true), repo: "r") else {
            Issue.record("a branch deletion was read as a push"); return
        }
        #expect(deleted.contains("deleted"))
    }

    @Test func aListAtGitHubsLimitOrNoListIsIncomplete() {
        let full = (0..<BranchPush.commitLimit).map { "c\($0)" }
        guard case .push(let truncated) = BranchPush.read(Self.payload(commits: full), repo: "r"),
              case .push(let unlisted) = BranchPush.read(Self.payload(commits: nil), repo: "r"),
              case .push(let short) = BranchPush.read(Self.payload(commits: Array(full.dropLast())), repo: "r") else {
            Issue.record("branch pushes were not read"); return
        }
        #expect(!truncated.complete)
        #expect(!unlisted.complete)
        #expect(short.complete)
    }
}
