import ArgumentParser
import Foundation
import Logging
import Simulator

/// `worksupport-sim serve`: serves a generated dataset until killed; prints its base URL first.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the Jira and GitHub APIs over a generated dataset.")
    static let defaultPort = 8089

    @Option(help: "Directory written by `generate`.") var data: String
    @Option(help: "Address to bind (loopback by default).") var host: String = "127.0.0.1"
    @Option(help: "Port; 0 picks a free one.") var port: Int = ServeCommand.defaultPort
    @Option(help: "Fault plan, e.g. 'seed=3,error=0.2,429=0.05' (docs/simulator.md).") var faults: String = ""
    @Option(help: "Append every API request as a JSON line to this file.") var requestLog: String?
    @Option(help: "Jira API token accepted with the dataset's e-mail.") var jiraToken: String = SimCredentials.defaultJiraToken
    @Option(help: "GitHub token accepted as Bearer/token.") var githubToken: String = SimCredentials.defaultGitHubToken
    @Option(help: "Fixed clock (RFC 3339) instead of the wall clock.") var now: String?
    @OptionGroup var delivery: DeliveryScenarioOptions
    @Option(help: "Slack workspace: messages in all, replies included (docs/simulator.md).") var slackMessages: Int = 300
    @Option(help: "Slack workspace: channels the bot reads.") var slackChannels: Int = 4
    @Option(help: "Slack workspace: members.") var slackMembers: Int = 6
    @Option(help: "Slack workspace: days the messages span, up to now.") var slackDays: Int = 30
    @Option(help: "Slack tier limits: every N-th conversations.history call answers 429 (0: none).")
    var slackRateLimitEvery: Int = 0

    func run() throws {
        let plan: FaultPlan
        do {
            plan = try FaultPlan.parse(faults)
        } catch {
            throw ValidationError(error.description)
        }
        var fixed: Int64?
        if let now {
            guard let ms = SimTime.parse(now) else { throw ValidationError("--now must be RFC 3339") }
            fixed = ms
        }
        let dataset = try SimDatasetFiles.read(from: data)
        let server = try SimulatorServer(dataset: dataset, options: SimulatorServer.Options(
            host: host, port: port, jiraToken: jiraToken, githubToken: githubToken, faultPlan: plan,
            requestLogPath: requestLog, clock: SimClock(fixed: fixed), deliveryScenario: delivery.scenario(now: dataset.now),
            slack: SimSlackWorkspace.Options(members: slackMembers, channels: slackChannels, messages: slackMessages,
                                             days: slackDays, rateLimitEvery: slackRateLimitEvery > 0
                                                 ? ["conversations.history": slackRateLimitEvery] : [:])))
        try server.start()
        // Unbuffered: a script reading the first line must not wait for a buffer to fill.
        FileHandle.standardOutput.write(Data((server.baseURL + "\n").utf8))
        Logger(label: "worksupport.sim").info("serving", metadata: [
            "jira_issues": "\(dataset.jiraIssues.count)", "github_items": "\(dataset.githubItems.count)",
            "jira_email": "\(dataset.jiraEmail)", "faults": "\(plan.spec)", "slack_messages": "\(slackMessages)",
        ])
        while true { sleep(3600) }
    }
}
