internal import AsyncHTTPClient
internal import CancelDeskCore
internal import Foundation
internal import Logging
internal import Metrics
internal import NIOCore
internal import NIOHTTP1

/// A vendor's HTTP answer: the status, the headers the classifier reads, and the body (capped).
struct VendorHTTPResponse: Sendable, Equatable {
    var status: Int
    var retryAfter: String?
    var location: String?
    var body: Data
    /// The `Content-Type` header, as sent.
    var contentType: String? = nil
    /// True when the body was larger than ``VendorHTTPExchange/maxResponseBytes``; `body` is then empty.
    var bodyTooLarge: Bool = false
}

/// Why a vendor call got no HTTP answer.
struct VendorTransportFailure: Error, Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Timeouts, refused or reset connections: nothing proves the vendor saw the call; retry with the same key.
        case transient
        /// The call could not even be formed (bad URL, invalid header): no retry helps.
        case configuration
        /// TLS failed (certificate verification, handshake): never retried, never downgraded.
        case security
    }

    var kind: Kind
    var message: String
}

/// The only code that touches AsyncHTTPClient for vendors: sends one request within the total deadline, caps the
/// body, logs method, path, status and duration at debug level (never headers, never the body), and turns
/// transport errors into ``VendorTransportFailure``s.
///
/// The deadline covers everything: connecting, the headers and the whole body. AsyncHTTPClient's own timeout ends
/// when the headers arrive, so the call (execute and collect) races a sleeping task; the loser is cancelled, which
/// closes the connection. Cancelling the calling task ends the call the same way, at once.
struct VendorHTTPExchange: Sendable {
    /// Vendor bodies larger than this are dropped; the answer is then classified by its status alone.
    static let maxResponseBytes = 1 << 20

    let http: HTTPClient
    let totalTimeout: Duration
    let logger: Logger

    /// Sends one request. Never throws: an answer of any status is a response, everything else a failure.
    func send(
        method: HTTPMethod, url: String, headers: HTTPHeaders, body: Data?
    ) async -> Result<VendorHTTPResponse, VendorTransportFailure> {
        let path = Self.pathOnly(url)
        if let problem = Self.urlProblem(url) {
            logger.debug("vendor call not sent", metadata: ["method": "\(method.rawValue)", "problem": "\(problem)"])
            return .failure(VendorTransportFailure(kind: .configuration, message: problem))
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let started = ContinuousClock.now
        let deadline = totalTimeout
        let timedOut = VendorTransportFailure(
            kind: .transient, message: "no complete answer within \(DurationText.spoken(deadline))")
        let http = http
        let prepared = request
        let result = await withTaskGroup(of: Result<VendorHTTPResponse, VendorTransportFailure>.self) { group in
            group.addTask { await Self.perform(prepared, http: http, deadline: deadline, timedOut: timedOut) }
            group.addTask {
                do {
                    try await Task.sleep(for: deadline)
                    return .failure(timedOut)
                } catch {
                    return .failure(VendorTransportFailure(kind: .transient, message: "call cancelled"))
                }
            }
            let first = await group.next() ?? .failure(timedOut)
            group.cancelAll()
            return first
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.wholeMilliseconds
        if !Task.isCancelled {
            let status = if case .success(let reply) = result { String(reply.status) } else { "error" }
            Self.recordCall(status: status, elapsed: elapsed)
        }
        switch result {
        case .success(let reply):
            logger.debug(
                "vendor call",
                metadata: [
                    "method": "\(method.rawValue)", "path": "\(path)", "status": "\(reply.status)",
                    "ms": "\(milliseconds)",
                    "body_bytes": "\(reply.bodyTooLarge ? "too large" : "\(reply.body.count)")",
                ])
        case .failure(let failure):
            logger.debug(
                "vendor call failed",
                metadata: [
                    "method": "\(method.rawValue)", "path": "\(path)", "error": "\(failure.message)",
                    "ms": "\(milliseconds)",
                ])
        }
        return result
    }

    /// Counts the call by status (`error` when no answer came) and times it, through swift-metrics: no-ops unless
    /// the executable bootstrapped a backend (the names are `CancelDeskOps.OpsMetrics`').
    static func recordCall(status: String, elapsed: Duration) {
        let upstream = ("upstream", "vendor")
        Counter(label: "canceldesk_calls_total", dimensions: [upstream, ("status", status)]).increment()
        Metrics.Timer(label: "canceldesk_call_duration_seconds", dimensions: [upstream]).record(duration: elapsed)
    }

    /// Executes `request` and collects its body (capped). `deadline` also bounds AsyncHTTPClient's own wait for the
    /// headers; the caller bounds the whole.
    private static func perform(
        _ request: HTTPClientRequest, http: HTTPClient, deadline: Duration, timedOut: VendorTransportFailure
    ) async -> Result<VendorHTTPResponse, VendorTransportFailure> {
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(deadline.wholeNanoseconds))
            var reply = VendorHTTPResponse(
                status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
                location: response.headers.first(name: "Location"), body: Data(),
                contentType: response.headers.first(name: "Content-Type"))
            do {
                let bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
                reply.body = Data(bytes.readableBytesView)
            } catch is NIOTooManyBytesError {
                reply.bodyTooLarge = true
            }
            return .success(reply)
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            return .failure(timedOut)
        } catch {
            if Task.isCancelled { return .failure(VendorTransportFailure(kind: .transient, message: "call cancelled")) }
            return .failure(Self.failure(for: error))
        }
    }

    /// Why a URL cannot be called (not http or https, no host, user info), or nil when it can.
    static func urlProblem(_ url: String) -> String? {
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased() else {
            return "the vendor URL is not a valid URL"
        }
        guard scheme == "http" || scheme == "https" else { return "the vendor URL is not http or https" }
        guard let host = parsed.host, !host.isEmpty else { return "the vendor URL has no host" }
        guard parsed.user == nil, parsed.password == nil else { return "the vendor URL must not hold user info" }
        return nil
    }

    /// The URL without query and fragment: what logs show. The query is dropped because templates may put
    /// customer data there.
    static func pathOnly(_ url: String) -> String {
        let withoutQuery = url.prefix { $0 != "?" && $0 != "#" }
        guard let schemeEnd = withoutQuery.range(of: "://") else { return String(withoutQuery) }
        let afterScheme = withoutQuery[schemeEnd.upperBound...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return "/" }
        return String(afterScheme[slash...])
    }

    /// Maps a transport error to a failure. AsyncHTTPClient's full descriptions can quote header values (the
    /// API key among them), so only their short, value-free descriptions are used.
    static func failure(for error: any Error) -> VendorTransportFailure {
        if let error = error as? HTTPClientError {
            let configuration: [HTTPClientError] = [
                .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath, .traceRequestWithBody,
            ]
            let configurationNames = [
                "Unsupported scheme", "Invalid header field names", "Invalid header field values",
            ]
            if configuration.contains(error) || configurationNames.contains(error.shortDescription) {
                return VendorTransportFailure(
                    kind: .configuration, message: "the vendor call cannot be sent: \(error.shortDescription)")
            }
            let message =
                switch error {
                case .connectTimeout: "connect timeout"
                case .readTimeout: "read timeout"
                case .deadlineExceeded: "no complete answer within the total timeout"
                case .remoteConnectionClosed: "connection closed by the vendor"
                case .cancelled: "call cancelled"
                default: error.shortDescription
                }
            return VendorTransportFailure(kind: .transient, message: message)
        }
        if error is CancellationError {
            return VendorTransportFailure(kind: .transient, message: "call cancelled")
        }
        let typeName = String(reflecting: type(of: error))
        let text = String(String(describing: error).prefix(300))
        // NIOSSL is not a direct dependency; its errors are recognised by their module. An unclean TLS close is a
        // reset like any other; every other TLS error (certificate verification above all) is a security stop.
        if typeName.hasPrefix("NIOSSL."), !text.contains("uncleanShutdown") {
            return VendorTransportFailure(kind: .security, message: "TLS failure: \(text)")
        }
        return VendorTransportFailure(kind: .transient, message: "network error: \(text)")
    }
}
