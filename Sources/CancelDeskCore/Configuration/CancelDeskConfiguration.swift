/// Everything canceldesk needs to run, validated: Connect, the vendor adapter, the engine's rules, the journal.
public struct CancelDeskConfiguration: Sendable, Equatable {
    public var connectURL: String
    public var apiKey: ConnectAPIKey
    public var engine: EngineSettings
    public var vendor: VendorSettings
    public var journalPath: String
    /// `--auto` concurrency unless the command line says otherwise.
    public var concurrency: Int
    /// Where the configuration came from (a file path, or "environment").
    public var source: String
    /// Deadlines of every Connect exchange (`connect.connect_timeout_seconds`, `connect.timeout_seconds`).
    public var connectTimeouts: Timeouts
    /// After SIGINT/SIGTERM, how long in-flight requests may finish before the pass is cancelled
    /// (`auto.stop_grace_seconds`, `$CANCELDESK_STOP_GRACE_SECONDS`; default 30 s).
    public var stopGrace: Duration
    /// The profile in use (`--profile`, `$CANCELDESK_PROFILE`), nil for the top level of the file.
    public var profile: String?
    /// The console assigns a request to ``EngineSettings/assignee`` when the operator opens or decides it and
    /// nobody is assigned yet (`console.claim_on_open`, default false).
    public var claimOnOpen = false

    public init(
        connectURL: String, apiKey: ConnectAPIKey, engine: EngineSettings, vendor: VendorSettings, journalPath: String,
        concurrency: Int = 8, source: String = "environment", connectTimeouts: Timeouts = Timeouts(),
        stopGrace: Duration = .seconds(30), profile: String? = nil
    ) {
        self.connectURL = connectURL
        self.apiKey = apiKey
        self.engine = engine
        self.vendor = vendor
        self.journalPath = journalPath
        self.concurrency = concurrency
        self.source = source
        self.connectTimeouts = connectTimeouts
        self.stopGrace = stopGrace
        self.profile = profile
    }

    /// The deadlines of one HTTP exchange: establishing the connection, and the whole exchange (body included).
    public struct Timeouts: Sendable, Equatable {
        public var connect: Duration
        public var total: Duration

        public init(connect: Duration = .seconds(10), total: Duration = .seconds(60)) {
            self.connect = connect
            self.total = total
        }
    }

    /// The default Connect endpoint.
    public static let defaultConnectURL = "https://api.connect.cloudblue.com/public/v1"

    /// The host part of a URL (`api.connect.cloudblue.com`), lower-cased; empty when there is none.
    public static func host(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "" }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return authority.lowercased()
    }
}
