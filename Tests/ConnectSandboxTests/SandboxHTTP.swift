import AsyncHTTPClient
import ConnectSandbox
import ConnectWire
import Foundation
import Hummingbird

/// A small real HTTP client for the end-to-end tests (AsyncHTTPClient against the live server).
struct SandboxHTTP: Sendable {
    struct Reply: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        func header(_ name: String) -> String? { headers[name.lowercased()] }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(type, from: body)
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static let apiKey = SandboxOptions().apiKey

    let endpoints: SandboxEndpoints

    var root: String { "http://127.0.0.1:\(endpoints.port)" }

    /// A Connect API call; `path` is relative to `/public/v1` and may carry a raw query string.
    func connect(
        _ method: String, _ path: String, json: String? = nil, apiKey: String? = SandboxHTTP.apiKey
    ) async throws -> Reply {
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("Authorization", apiKey)) }
        return try await send(method, endpoints.connectURL + path, json: json, headers: headers)
    }

    func vendorCancel(
        _ subscription: String, request: String, key: String?, reason: String = "customer cancelled"
    ) async throws -> Reply {
        var headers: [(String, String)] = []
        if let key { headers.append(("Idempotency-Key", key)) }
        let body = WireVendorCancelBody(requestID: request, subscriptionID: subscription, reason: reason)
        let json = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
        return try await send(
            "POST", endpoints.vendorURL + "/subscriptions/\(subscription)/cancel", json: json, headers: headers
        )
    }

    func stats() async throws -> WireSandboxStats {
        try await send("GET", root + "/_sandbox/stats").decode(WireSandboxStats.self)
    }

    func script(_ rules: [WireFaultRule]) async throws {
        let json = String(decoding: try JSONEncoder().encode(WireFaultScript(rules: rules)), as: UTF8.self)
        _ = try await send("POST", root + "/_sandbox/faults", json: json)
    }

    func send(
        _ method: String, _ url: String, json: String? = nil, headers: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: fields, body: Data(buffer.readableBytesView))
    }

    /// Every pending cancel id (all products), paged 100 at a time.
    func pendingCancelIDs(pageSize: Int = 100) async throws -> [String] {
        var ids: [String] = []
        var offset = 0
        while true {
            let reply = try await connect(
                "GET",
                "/requests?and(eq(type,cancel),eq(status,pending))&select(-asset)&limit=\(pageSize)&offset=\(offset)"
            )
            let page = try reply.decode([WireRequest].self)
            ids += page.map(\.id)
            guard let range = ContentRange(header: reply.header("content-range") ?? ""), !page.isEmpty,
                range.last + 1 < range.total
            else { return ids }
            offset = range.last + 1
        }
    }
}

/// Runs `body` with a live sandbox and a client for it.
func withLiveSandbox<T: Sendable>(
    _ options: SandboxOptions = .init(), _ body: @Sendable (SandboxHTTP) async throws -> T
) async throws -> T {
    try await withSandbox(options) { endpoints in try await body(SandboxHTTP(endpoints: endpoints)) }
}

/// First request of a listing, decoded.
func firstPending(_ http: SandboxHTTP, product: String? = nil) async throws -> WireRequest {
    let productFilter = product.map { ",eq(asset.product.id,\($0))" } ?? ""
    let reply = try await http.connect(
        "GET", "/requests?and(eq(type,cancel),eq(status,pending)\(productFilter))&limit=1"
    )
    guard let request = try reply.decode([WireRequest].self).first else { throw TestFailure("no pending request") }
    return request
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
