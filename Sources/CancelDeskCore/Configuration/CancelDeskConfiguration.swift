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

    public init(
        connectURL: String, apiKey: ConnectAPIKey, engine: EngineSettings, vendor: VendorSettings, journalPath: String,
        concurrency: Int = 8, source: String = "environment"
    ) {
        self.connectURL = connectURL
        self.apiKey = apiKey
        self.engine = engine
        self.vendor = vendor
        self.journalPath = journalPath
        self.concurrency = concurrency
        self.source = source
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
