import HTTPServer
import JSON

/// The simulator over HTTP: Jira Cloud under `/rest/api/3/`, GitHub under `/search/issues`,
/// control under `/_sim/`. Binds in `init` (port 0 picks a free port), serves after `start()`.
public final class SimulatorServer: Sendable {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        public var jiraToken: String
        public var githubToken: String
        public var faultPlan: FaultPlan
        public var requestLogPath: String?
        public var clock: SimClock
        /// The repositories served under `/repos/`; nil: the hand-built one around the dataset's `now`.
        public var deliveryScenario: SimDeliveryScenario?
        /// The Slack workspace served under `/api/`.
        public var slack: SimSlackWorkspace.Options = .init()

        public init(host: String = "127.0.0.1", port: Int = 0, jiraToken: String = SimCredentials.defaultJiraToken,
                    githubToken: String = SimCredentials.defaultGitHubToken, faultPlan: FaultPlan = .none,
                    requestLogPath: String? = nil, clock: SimClock = SimClock(), deliveryScenario: SimDeliveryScenario? = nil,
                    slack: SimSlackWorkspace.Options = .init()) {
            self.deliveryScenario = deliveryScenario
            self.host = host
            self.port = port
            self.jiraToken = jiraToken
            self.githubToken = githubToken
            self.faultPlan = faultPlan
            self.requestLogPath = requestLogPath
            self.clock = clock
            self.slack = slack
        }
    }

    public let state: SimState
    public let requestLog: RequestLog
    let faults: FaultInjector
    let credentials: SimCredentials
    /// Slack under `/api/` (SimSlackWorkspace); its control under `/_sim/slack/`.
    public let slack: SimSlackWorkspace
    private let server: HTTPServer

    public init(dataset: SimDataset, options: Options = Options()) throws {
        let state = SimState(dataset: dataset, clock: options.clock)
        let log = try RequestLog(path: options.requestLogPath)
        let faults = FaultInjector(plan: options.faultPlan)
        let credentials = SimCredentials(jiraEmail: dataset.jiraEmail, jiraToken: options.jiraToken,
                                         githubToken: options.githubToken)
        let slack = SimSlackWorkspace(options.slack)
        let router = SimRouter(state: state, log: log, faults: faults, credentials: credentials,
                               delivery: options.deliveryScenario ?? SimDeliveryScenario(now: dataset.now), slack: slack)
        self.slack = slack
        self.state = state
        self.requestLog = log
        self.faults = faults
        self.credentials = credentials
        server = try HTTPServer(host: options.host, port: options.port, maxBodyBytes: 8 << 20) { request in
            router.handle(request)
        }
    }

    public var baseURL: String { server.baseURL }
    public var port: Int { server.port }

    public func start() throws {
        try server.start()
    }

    public func stop() {
        server.stop()
    }

    public var faultPlan: FaultPlan {
        get { faults.plan }
    }

    public func setFaultPlan(_ plan: FaultPlan) {
        faults.set(plan)
    }

    /// `Authorization` value for Jira requests to this simulator.
    public var jiraAuthorization: String {
        SimCredentials.basicAuthorization(email: credentials.jiraEmail, token: credentials.jiraToken)
    }

    public var githubAuthorization: String { "Bearer \(credentials.githubToken)" }
}
