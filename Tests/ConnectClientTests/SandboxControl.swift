import AsyncHTTPClient
import CancelDeskCore
import ConnectClient
import ConnectSandbox
import ConnectWire
import Foundation
import Logging
import NIOCore

/// Test access to a live sandbox: a real client for it, and its `/_sandbox` control routes.
struct SandboxControl {
    let endpoints: SandboxEndpoints
    let http: HTTPClient

    var root: String { endpoints.connectURL.replacingOccurrences(of: "/public/v1", with: "") }

    func client(
        key: String = SandboxOptions().apiKey, pageSize: Int = 100, readOnly: Bool = false,
        totalTimeout: Duration = .seconds(10)
    ) -> ConnectClient {
        let quick = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))
        let configuration = ConnectClientConfiguration(
            baseURL: endpoints.connectURL, apiKey: ConnectAPIKey(key)!, totalTimeout: totalTimeout,
            pageSize: pageSize, readRetry: quick, actionRetry: quick, readOnly: readOnly)
        return ConnectClient(configuration: configuration, http: http, logger: Logger(label: "test"), random: { 0.5 })
    }

    func stats() async throws -> WireSandboxStats {
        let response = try await http.execute(HTTPClientRequest(url: root + "/_sandbox/stats"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONDecoder().decode(WireSandboxStats.self, from: Data(body.readableBytesView))
    }

    func script(_ rules: [WireFaultRule]) async throws {
        var request = HTTPClientRequest(url: root + "/_sandbox/faults")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(WireFaultScript(rules: rules))))
        let response = try await http.execute(request, timeout: .seconds(10))
        precondition(response.status.code < 300, "fault script refused: \(response.status)")
    }

    /// Runs `body` against a fresh sandbox and a fresh HTTP client, shutting both down after.
    static func with<T: Sendable>(
        _ options: SandboxOptions = SandboxOptions(), _ body: @Sendable (SandboxControl) async throws -> T
    ) async throws -> T {
        let http = ConnectClient.makeHTTPClient(connectTimeout: .seconds(2), readTimeout: .seconds(10))
        do {
            let result = try await withSandbox(options) { endpoints in
                try await body(SandboxControl(endpoints: endpoints, http: http))
            }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}
