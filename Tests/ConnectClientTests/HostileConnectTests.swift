import CancelDeskCore
import CancelDeskTestSupport
import ConnectClient
import Foundation
import Testing

/// Counts calls across the hostile server's handler invocations.
actor CallCounter {
    private var counts: [String: Int] = [:]

    /// Counts one call under `name` and returns the new count.
    func next(_ name: String) -> Int {
        counts[name, default: 0] += 1
        return counts[name, default: 0]
    }
}

/// Issue 9, Connect side: a hostile Connect on 127.0.0.1 answers what no honest server sends.
@Suite struct HostileConnectTests {
    // MARK: 1. Read identity

    @Test func aReadAnsweredAboutAnotherRequestIsRefusedNotRetried() async throws {
        try await HostileConnect.with(respond: { _ in .json(200, HostileConnect.request("PR-B")) }) { server, client in
            let error = await #expect(throws: ServiceError.self) { try await client.request(id: "PR-A") }
            #expect(error?.kind == .malformedResponse)
            let text = error?.description ?? ""
            #expect(text.contains("answered about PR-B, not PR-A"), "\(text)")
            #expect(await server.received.count == 1)
        }
    }

    @Test func anAssignAnsweredAboutAnotherRequestIsRefused() async throws {
        try await HostileConnect.with(respond: { _ in .json(200, HostileConnect.request("PR-B")) }) { _, client in
            let error = await #expect(throws: ServiceError.self) {
                try await client.assign(id: "PR-A", to: .email("ops@vendor.example"))
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.description.contains("PR-B") == true)
        }
    }

    // MARK: 2. Action identity

    @Test func anApproveAnsweredWithAnotherRequestsBodyIsNeverDone() async throws {
        let respond: @Sendable (HostileRequest) async -> HostileReply = { request in
            if request.method == "POST" { return .json(200, HostileConnect.request("PR-B", status: "approved")) }
            return .json(200, HostileConnect.request("PR-A", status: "pending"))
        }
        try await HostileConnect.with(actionAttempts: 3, respond: respond) { server, client in
            let result = await HostileConnect.timed(cancelAfter: .seconds(20)) {
                try await client.approve(id: "PR-A", templateID: "TL-1")
            }
            if case .success(let outcome) = result.result { Issue.record("approve reported \(outcome)") }
            let error = try #require(result.result.serviceError)
            #expect(error.retryable, "the journal row must stay unfinished: \(error)")
            let posts = await server.received.filter {
                $0.method == "POST" && $0.path == "/public/v1/requests/PR-A/approve"
            }
            #expect(posts.count == 3, "approve is re-sent per policy after each re-read showed PR-A pending")
            #expect(await server.received.allSatisfy { !$0.path.contains("PR-B") })
        }
    }

    @Test func aRereadAboutAnotherRequestIsAnUnknownOutcome() async throws {
        let respond: @Sendable (HostileRequest) async -> HostileReply = { request in
            if request.method == "POST" { return .json(503, #"{"errors":["busy"]}"#) }
            return .json(200, HostileConnect.request("PR-B", status: "approved"))
        }
        try await HostileConnect.with(respond: respond) { server, client in
            let error = await #expect(throws: ServiceError.self) {
                try await client.approve(id: "PR-A", templateID: "TL-1")
            }
            #expect(error?.retryable == true)
            #expect(error?.messages.first == "outcome of approve unknown")
            #expect(error?.description.contains("PR-B") == true, "\(String(describing: error))")
            #expect(await server.received.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test func aFailAnsweredWithAnotherRequestsBodyIsReconciledByAReread() async throws {
        let respond: @Sendable (HostileRequest) async -> HostileReply = { request in
            if request.method == "POST" { return .json(200, HostileConnect.request("PR-B", status: "failed")) }
            return .json(200, HostileConnect.request("PR-A", status: "failed"))
        }
        try await HostileConnect.with(respond: respond) { server, client in
            let outcome = try await client.fail(id: "PR-A", reason: "window closed")
            #expect(outcome == .alreadyDone(outcome.request))
            #expect(outcome.request.id == "PR-A")
            #expect(await server.received.filter { $0.method == "POST" }.count == 1)
        }
    }

    // MARK: 4. Bounded listing

    @Test func anImplausibleTotalStopsTheListingBeforeAnyOffsetIsBuilt() async throws {
        try await HostileConnect.with(respond: { _ in
            .json(200, HostileConnect.page(["PR-1"]), headers: [("Content-Range", "items 0-0/999999999999")])
        }) { server, client in
            let result = await HostileConnect.timed(cancelAfter: .seconds(20)) {
                try await client.pendingCancelRequests(in: HostileConnect.scope)
            }
            let error = try #require(result.result.serviceError, "\(result.result)")
            #expect(error.kind == .malformedResponse)
            #expect(error.description.contains("listing:"), "\(error)")
            #expect(await server.received.count == 1)
        }
    }

    /// No `Content-Range` and `offset` ignored: the same page forever. The server gives up with a 400 after 200
    /// pages, so the old code ends too (with the wrong error).
    @Test func aListingWhosePagesDoNotAdvanceEnds() async throws {
        let counter = CallCounter()
        try await HostileConnect.with(respond: { _ in
            if await counter.next("GET") > 200 { return .json(400, #"{"errors":["test server gave up"]}"#) }
            return .json(200, HostileConnect.page(["PR-1", "PR-2"]))
        }) { server, client in
            let result = await HostileConnect.timed(cancelAfter: .seconds(30)) {
                try await client.pendingCancelRequests(in: HostileConnect.scope)
            }
            let error = try #require(result.result.serviceError, "\(result.result)")
            #expect(error.kind == .malformedResponse)
            #expect(error.description.contains("listing:"), "\(error)")
            #expect(await server.received.count <= 3)
        }
    }

    @Test func aPageOfOnlySeenRequestsStopsTheListingEvenWithATotal() async throws {
        try await HostileConnect.with(respond: { _ in
            .json(200, HostileConnect.page(["PR-1", "PR-2"]), headers: [("Content-Range", "items 0-1/6")])
        }) { _, client in
            let error = await #expect(throws: ServiceError.self) {
                try await client.pendingCancelRequests(in: HostileConnect.scope)
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.description.contains("listing:") == true, "\(String(describing: error))")
        }
    }

    @Test func aTotalThatChangesBetweenPagesStopsTheListing() async throws {
        try await HostileConnect.with(respond: { request in
            let offset = request.query.split(separator: "&").first { $0.hasPrefix("offset=") }?.dropFirst(7) ?? "0"
            let start = Int(offset) ?? 0
            let total = start == 0 ? 6 : 5_000
            return .json(
                200, HostileConnect.page(["PR-\(start)", "PR-\(start + 1)"]),
                headers: [("Content-Range", "items \(start)-\(start + 1)/\(total)")])
        }) { _, client in
            let error = await #expect(throws: ServiceError.self) {
                try await client.pendingCancelRequests(in: HostileConnect.scope)
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.description.contains("listing:") == true, "\(String(describing: error))")
        }
    }

    @Test func aLiveQueueWhoseTotalMovesALittleIsListed() async throws {
        try await HostileConnect.with(
            pageSize: 2,
            respond: { request in
                let offset = request.query.split(separator: "&").first { $0.hasPrefix("offset=") }?.dropFirst(7) ?? "0"
                let start = Int(offset) ?? 0
                let total = start == 0 ? 6 : 8 // two customers cancelled while the queue was listed
                return .json(
                    200, HostileConnect.page(["PR-\(start)", "PR-\(start + 1)"]),
                    headers: [("Content-Range", "items \(start)-\(start + 1)/\(total)")])
            }
        ) { _, client in
            let listing = try await client.pendingCancelRequests(in: HostileConnect.scope)
            #expect(listing.requests.count == 6)
        }
    }

    @Test func aPageWithMoreRowsThanTheTotalStopsTheListing() async throws {
        try await HostileConnect.with(respond: { _ in
            .json(200, HostileConnect.page((1...5).map { "PR-\($0)" }), headers: [("Content-Range", "items 0-4/2")])
        }) { _, client in
            let error = await #expect(throws: ServiceError.self) {
                try await client.pendingCancelRequests(in: HostileConnect.scope)
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.description.contains("listing:") == true, "\(String(describing: error))")
        }
    }

    @Test func aListingWithoutATotalStopsAtTheCap() async throws {
        let counter = CallCounter()
        try await HostileConnect.with(
            pageSize: 2, configure: { $0.maxListingTotal = 5 },
            respond: { _ in
                let call = await counter.next("GET")
                if call > 200 { return .json(400, #"{"errors":["test server gave up"]}"#) }
                return .json(200, HostileConnect.page(["PR-\(2 * call)", "PR-\(2 * call + 1)"]))
            }
        ) { server, client in
            let error = await #expect(throws: ServiceError.self) {
                try await client.pendingCancelRequests(in: HostileConnect.scope)
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.description.contains("listing:") == true, "\(String(describing: error))")
            #expect(await server.received.count <= 4)
        }
    }

    @Test func cancellingTheTaskEndsAnEndlessListingPromptly() async throws {
        try await HostileConnect.with(respond: { request in
            try? await Task.sleep(for: .milliseconds(100))
            return .json(200, HostileConnect.page(["PR-\(request.query.hashValue)-\(UUID().uuidString.prefix(8))"]))
        }) { _, client in
            let result = await HostileConnect.timed(cancelAfter: .seconds(1)) {
                try await client.pendingCancelRequests(in: HostileConnect.scope)
            }
            #expect(result.elapsed < .seconds(10), "\(result.elapsed)")
            if case .success = result.result { Issue.record("an endless listing succeeded") }
        }
    }

    // MARK: 5. Deadlines

    @Test func theDefaultIsSixtySecondsInAll() {
        let configuration = ConnectClientConfiguration(baseURL: "https://x.test", apiKey: ConnectAPIKey("SU-1:abc")!)
        #expect(configuration.totalTimeout == .seconds(60))
    }

    /// The body trickles one byte a second for 18 s (the old code waited for all of it).
    @Test func aTricklingBodyEndsAtTheTotalDeadline() async throws {
        let body = String(repeating: " ", count: 16) + "{}"
        try await HostileConnect.with(
            totalTimeout: .seconds(3), readAttempts: 1,
            respond: { _ in
                .trickle(200, body, every: .seconds(1))
            }
        ) { _, client in
            let result = await HostileConnect.timed(cancelAfter: .seconds(30)) { try await client.request(id: "PR-A") }
            #expect(result.elapsed < .seconds(12), "\(result.elapsed)")
            let error = try #require(result.result.serviceError, "\(result.result)")
            #expect(error.kind == .transient)
            #expect(error.description.contains("no complete answer within 3 s"), "\(error)")
        }
    }

    @Test func cancellingTheCallerEndsAnExchangeMidBody() async throws {
        let body = String(repeating: " ", count: 30) + "{}"
        try await HostileConnect.with(
            totalTimeout: .seconds(60),
            respond: { _ in
                .trickle(200, body, every: .seconds(1))
            }
        ) { _, client in
            let result = await HostileConnect.timed(cancelAfter: .milliseconds(1500)) {
                try await client.request(id: "PR-A")
            }
            // The body would take 32 s; a generous bound keeps the check meaningful on a loaded machine.
            #expect(result.elapsed < .seconds(10), "\(result.elapsed)")
            if case .success = result.result { Issue.record("a cancelled read succeeded") }
        }
    }

    @Test func readRetriesStopWhenTheTaskIsCancelled() async throws {
        try await HostileConnect.with(
            configure: {
                $0.readRetry = RetryPolicy(maxAttempts: 50, baseDelay: .seconds(2), maxDelay: .seconds(4))
            },
            respond: { _ in .json(503, #"{"errors":["down"]}"#) }
        ) { server, client in
            let result = await HostileConnect.timed(cancelAfter: .milliseconds(500)) {
                try await client.request(id: "PR-A")
            }
            // 50 attempts 2–4 s apart would take minutes; a generous bound keeps the check meaningful under load.
            #expect(result.elapsed < .seconds(10), "\(result.elapsed)")
            #expect(await server.received.count <= 2)
        }
    }

    // MARK: 6. Transient vs permanent

    @Test(
        arguments: [
            (408, nil), (423, nil), (425, nil), (429, nil), (500, nil), (503, nil), (423, "7"), (409, "7"), (400, "7"),
            (431, "7"),
        ] as [(Int, String?)])
    func aStatusThatAsksToRetryIsNeverARejection(status: Int, retryAfter: String?) async throws {
        let headers = retryAfter.map { [("Retry-After", $0)] } ?? []
        try await HostileConnect.with(
            readAttempts: 1,
            respond: { _ in
                .json(status, #"{"errors":["locked, retry later"]}"#, headers: headers)
            }
        ) { _, client in
            let error = await #expect(throws: ServiceError.self) { try await client.request(id: "PR-A") }
            #expect(error?.retryable == true, "\(status) \(String(describing: error))")
            #expect(error?.kind != .rejected)
            if retryAfter != nil { #expect(error?.retryAfter == .seconds(7)) }
        }
    }

    @Test func aNonJSONErrorBodyIsOnlyAShortSanitizedSnippet() async throws {
        let html = "<html><body>\u{1B}[31mRequest Header Fields Too Large\u{202E}" + String(repeating: "x", count: 5000)
        try await HostileConnect.with(readAttempts: 1, respond: { _ in .text(431, html) }) { _, client in
            let error = await #expect(throws: ServiceError.self) { try await client.request(id: "PR-A") }
            let text = error?.messages.joined(separator: " ") ?? ""
            #expect(text.count <= 200, "\(text.count) characters")
            #expect(!text.unicodeScalars.contains { TextSanitizer.isDangerous($0) }, "\(text)")
        }
    }

    // MARK: 7. Secrets

    @Test func a401EchoingTheKeyLeaksNoSecret() async throws {
        try await HostileConnect.with(respond: { request in
            let echoed = request.headers["authorization"] ?? ""
            let secretOnly = echoed.split(separator: ":").last.map(String.init) ?? ""
            return .json(401, #"{"error_code":"AUTH_001","errors":["bad key \#(secretOnly)","got \#(echoed)"]}"#)
        }) { _, client in
            let error = await #expect(throws: ServiceError.self) { try await client.request(id: "PR-A") }
            #expect(error?.kind == .unauthorized)
            #expect(error?.description.contains(HostileConnect.secret) == false, "\(String(describing: error))")
        }
    }

    @Test func aPlainTextErrorEchoingTheKeyLeaksNoSecret() async throws {
        try await HostileConnect.with(
            readAttempts: 1,
            respond: { _ in
                .text(400, "rejected key \(HostileConnect.secret) from caller", contentType: "text/plain")
            }
        ) { _, client in
            let error = await #expect(throws: ServiceError.self) { try await client.request(id: "PR-A") }
            #expect(error?.description.contains(HostileConnect.secret) == false, "\(String(describing: error))")
        }
    }

    @Test func failRedactsTheOutboundReason() async throws {
        try await HostileConnect.with(respond: { _ in .json(200, HostileConnect.request("PR-A", status: "failed")) }) {
            server, client in
            _ = try await client.fail(
                id: "PR-A", reason: "vendor said: bad Bearer vendortoken12345 for key \(HostileConnect.secret)")
            let sent = try #require(await server.received.first { $0.method == "POST" }).text
            #expect(!sent.contains("vendortoken12345"), "\(sent)")
            #expect(!sent.contains(HostileConnect.secret), "\(sent)")
            #expect(sent.contains("vendor said"))
        }
    }
}
