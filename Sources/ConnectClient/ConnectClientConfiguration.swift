public import CancelDeskCore

/// How the Connect client talks to Connect.
public struct ConnectClientConfiguration: Sendable {
    /// Base URL including `/public/v1`, without a trailing slash.
    public var baseURL: String
    public var apiKey: ConnectAPIKey
    public var userAgent: String
    /// Longest time for one call, from connect to the last byte of the body (enforced per call). The connect and
    /// read deadlines belong to the `HTTPClient` (see `ConnectClient.makeHTTPClient`).
    public var totalTimeout: Duration
    /// Largest accepted response body.
    public var maxResponseBytes: Int
    /// Rows asked per page (the server may return fewer).
    public var pageSize: Int
    /// Pages fetched at once once the total is known.
    public var pageConcurrency: Int
    /// Retries of reads (GETs).
    public var readRetry: RetryPolicy
    /// Retries of approve/fail after a re-read showed the request still actionable.
    public var actionRetry: RetryPolicy
    /// When true every non-GET call is refused before it reaches the network.
    public var readOnly: Bool
    /// The largest queue a listing accepts: a larger reported total, or more rows, stop the listing.
    public var maxListingTotal: Int

    public init(
        baseURL: String, apiKey: ConnectAPIKey, userAgent: String = "canceldesk/\(CancelDeskVersion.current)",
        totalTimeout: Duration = .seconds(60), maxResponseBytes: Int = 8 << 20, pageSize: Int = 100,
        pageConcurrency: Int = 4, readRetry: RetryPolicy = RetryPolicy(),
        actionRetry: RetryPolicy = RetryPolicy(maxAttempts: 5, deadline: .seconds(120)), readOnly: Bool = false,
        maxListingTotal: Int = 1_000_000
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiKey = apiKey
        self.userAgent = userAgent
        self.totalTimeout = totalTimeout
        self.maxResponseBytes = maxResponseBytes
        self.pageSize = pageSize
        self.pageConcurrency = pageConcurrency
        self.readRetry = readRetry
        self.actionRetry = actionRetry
        self.readOnly = readOnly
        self.maxListingTotal = maxListingTotal
    }
}
