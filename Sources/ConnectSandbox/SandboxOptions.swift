/// How a sandbox is seeded and how badly it behaves. The defaults give a quiet, fault-free server.
public struct SandboxOptions: Sendable {
    /// Address to bind; keep the default loopback address unless you know why.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks any free port (the chosen one is reported through `SandboxEndpoints`).
    public var port: Int = 0
    /// Seeded pending cancel requests for `SandboxCatalog.productIDs` (noise records come on top).
    public var requests: Int = 60
    /// Seed of the generated data and of the random faults.
    public var seed: UInt64 = 1
    /// Server-side cap on `limit`; a larger `limit` is silently capped, as Connect does.
    public var pageCap: Int = 100
    /// Milliseconds added before every Connect API response.
    public var latencyMs: Int = 0
    /// Milliseconds added before every vendor API response.
    public var vendorLatencyMs: Int = 0
    /// Fraction of Connect API calls answered with an injected 500/502/503.
    public var errorRate: Double = 0
    /// Fraction of vendor cancel calls answered with an injected 503.
    public var vendorErrorRate: Double = 0
    /// Connect API requests per second; calls above it get 429 with `Retry-After: 1`. Nil: unlimited.
    public var rateLimit: Double? = nil
    /// The exact `Authorization` value Connect API calls must carry.
    public var apiKey: String = "ApiKey SU-000-000-000:sandbox"
    /// When set, vendor calls must carry `Authorization: Bearer <vendorAPIKey>`.
    public var vendorAPIKey: String? = nil
    /// When set, changes are appended to this file and replayed on the next start over the same seed
    /// (`canceldesk --demo` keeps its queue across runs this way).
    public var statePath: String? = nil
    /// Whether `GET /requests` accepts `preview` as an `asset.connection.type` filter value. Connect's spec lists
    /// only `test` and `production` there, yet CloudBlue's own tools filter on `preview`; false follows the spec to
    /// the letter, so a listing that filters on `preview` is refused with 400.
    public var acceptsPreviewFilter: Bool = true

    public init() {}
}

/// Where a running sandbox answers.
public struct SandboxEndpoints: Sendable {
    /// Connect API base URL, e.g. `http://127.0.0.1:PORT/public/v1`.
    public let connectURL: String
    /// Vendor API base URL, e.g. `http://127.0.0.1:PORT/vendor/v1`.
    public let vendorURL: String
    /// The bound port.
    public let port: Int

    /// Endpoints of a server bound on `host:port`.
    public init(host: String, port: Int) {
        let shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        let authority = shown.contains(":") ? "[\(shown)]:\(port)" : "\(shown):\(port)"
        self.connectURL = "http://\(authority)/public/v1"
        self.vendorURL = "http://\(authority)/vendor/v1"
        self.port = port
    }
}
