import ConnectSandbox
import Foundation
import Testing

/// A console batch against a live sandbox whose vendor is slow: the operator stops it, or quits during it.
@Suite(.serialized) struct ConsoleBatchTmuxTests {
    /// The number before `label` on the screen ("72 not started" → 72).
    static func count(before label: String, in screen: String) -> Int? {
        guard let range = screen.range(of: " " + label) else { return nil }
        let digits = screen[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }

    @Test func escapeDuringABatchOf80StopsItWithinOneInFlightRoundAndQuittingDoesNotWait() async throws {
        var options = SandboxOptions()
        options.requests = 80
        options.vendorLatencyMs = 600
        try await withSandbox(options) { endpoints in
            let workspace = try Workspace(endpoints)
            defer { workspace.remove() }
            let pane = try TmuxSession([], columns: 140, rows: 40, environment: workspace.environment)
            try await pane.waitFor("requests listed")
            try pane.send("*")
            try pane.send("a")
            let dialog = try await pane.waitFor("Approve 80 requests?")
            #expect(dialog.contains("Approve 80 requests?"))
            // A confirm counts once the dialog has been on screen for 300 ms.
            try await Task.sleep(for: .milliseconds(400))
            try pane.send("y")
            try await pane.waitFor("approving…")
            try await Task.sleep(for: .milliseconds(300))
            let stoppedAt = Date()
            try pane.send("Escape")
            let result = try await pane.waitFor("not started", seconds: 10)
            // One in-flight round: the console's 4 workers finish what they hold (a vendor call takes 600 ms).
            #expect(Date().timeIntervalSince(stoppedAt) < 5)
            let notStarted = try #require(Self.count(before: "not started", in: result), "screen:\n\(result)")
            #expect(notStarted >= 64, "screen:\n\(result)")
            let calls = try await sandboxStats(endpoints).vendorCancelCalls
            #expect(calls == 80 - notStarted, "every request started reached the vendor once, no other did")

            // The rest stays marked: approve it again, then quit at once. Only the requests in flight are waited for.
            try pane.send("Enter")
            try await pane.waitUntil("the list again") { !$0.contains("Stopped:") && $0.contains("REQUEST") }
            try pane.send("a")
            try await pane.waitFor("Approve \(notStarted) requests?")
            try await Task.sleep(for: .milliseconds(400))
            try pane.send("y")
            try await pane.waitFor("approving…")
            let quitAt = Date()
            try pane.send("q")
            try await pane.waitFor("EXITED 0", seconds: 6)
            // The rest would take about notStarted × 0.6 s / 4 workers (over 9 s).
            #expect(Date().timeIntervalSince(quitAt) < 5)
            let after = try await sandboxStats(endpoints).vendorCancelCalls
            #expect(after - calls <= 12, "no new request started after the quit")
            #expect(try await sandboxStats(endpoints).vendorSubscriptionsCancelledTwice.isEmpty)
        }
    }
}
