/// Which vendor adapter to use and how. Parsed from the configuration; secrets never printed.
public enum VendorSettings: Sendable, Equatable {
    /// The default contract: `POST {url}/subscriptions/{id}/cancel` with `Idempotency-Key`.
    case http(HTTPVendorSettings)
    /// A configurable request with placeholders.
    case template(HTTPTemplateSettings)
    /// An executable that receives the order as JSON on stdin.
    case command(CommandVendorSettings)
}

/// Settings of the default HTTP vendor contract.
public struct HTTPVendorSettings: Sendable, Equatable {
    /// Base URL, e.g. `https://vendor.example/api/v1`, without a trailing slash.
    public var baseURL: String
    /// Sent as `Authorization: Bearer …` when set.
    public var apiKey: Secret?
    /// Bound on opening the connection (default 10 s).
    public var connectTimeout: Duration
    /// Bound on the whole call: connect, headers and the body (default 60 s).
    public var totalTimeout: Duration

    public init(
        baseURL: String, apiKey: Secret? = nil, connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(60)
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiKey = apiKey
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }
}

/// A vendor call described by templates. Placeholders: `{request_id}`, `{subscription_id}`, `{asset_id}`,
/// `{product_id}`, `{customer_id}`, `{idempotency_key}`, `{reason}`, `{param:ID}` (an asset parameter's value).
/// In the URL they are percent-encoded; in the body they are JSON-string-escaped.
public struct HTTPTemplateSettings: Sendable, Equatable {
    public var method: String
    public var url: String
    /// Header values may hold placeholders too; `{vendor_api_key}` stands for the secret.
    public var headers: [String: String]
    public var body: String?
    public var apiKey: Secret?
    /// Bound on opening the connection (default 10 s).
    public var connectTimeout: Duration
    /// Bound on the whole call: connect, headers and the body (default 60 s).
    public var totalTimeout: Duration

    public init(
        method: String = "POST", url: String, headers: [String: String] = [:], body: String? = nil,
        apiKey: Secret? = nil, connectTimeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(60)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.apiKey = apiKey
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }
}

/// An executable vendor adapter: exit 0 cancelled, 75 transient, anything else permanent.
public struct CommandVendorSettings: Sendable, Equatable {
    /// Absolute path of the executable.
    public var executable: String
    public var arguments: [String]
    public var timeout: Duration

    public init(executable: String, arguments: [String] = [], timeout: Duration = .seconds(60)) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
    }
}

/// A secret value (API key, token). Prints as `********`; only ``reveal`` gives the text.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret text, for the one place that sends it.
    public var reveal: String { value }

    public var description: String { "********" }
    public var debugDescription: String { "********" }
}
