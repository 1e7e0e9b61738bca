import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The console as an operator uses it over SSH: the real binary in tmux against the in-process demo sandbox.
@Suite(.serialized) struct ConsoleTmuxTests {
    /// Issue 11: a pasted paragraph with a line break and a `y` in it, into the reject reason and into the filter,
    /// decides nothing; outside a prompt it is ignored.
    @Test func aPastedParagraphDecidesNothing() async throws {
        let pane = try TmuxSession(["--demo"])
        try await pane.waitFor("requests listed")
        let paragraph = "Cancellation is not possible.\nKind regards, Sally y"

        try pane.send("x")
        try await pane.waitFor("Reject 1 request?")
        try pane.paste(paragraph)
        let reason = try await pane.waitFor("Kind regards, Sally y")
        #expect(reason.contains("Cancellation is not possible. Kind regards, Sally y"), "one line, as text")
        #expect(reason.contains("Reject 1 request?"), "the dialog is still asking")
        try await Task.sleep(for: .seconds(0.5))
        #expect(!(try pane.screen()).contains("rejected"), "the newline did not submit")
        try pane.send("Escape")

        try pane.send("/")
        try pane.paste(paragraph)
        try await pane.waitFor("/Cancellation is not possible. Kind regards, Sally y")
        try pane.send("Escape")

        try pane.paste(paragraph)
        try await pane.waitFor("paste ignored")
        try await Task.sleep(for: .seconds(0.5))
        let after = try pane.screen()
        #expect(!after.contains("Approve"), "no key of the paste opened a dialog")
        // The preview pane may say a request's previous one was "approved before": look at the list and messages.
        let listed = after.split(separator: "\n").prefix { !$0.contains("preview:") }
        #expect(!listed.contains { $0.contains("approved") })
        #expect(!(after.split(separator: "\n").suffix(2).contains { $0.contains("approved") }))
        try pane.send("q")
        try await pane.waitFor("EXITED 0")
        let history = try await BinaryRun.detached(
            ["history", "--demo"], environment: ["XDG_STATE_HOME": pane.stateDirectory.path])
        #expect(!history.stdout.contains("approved") && !history.stdout.contains("rejected"), "nothing was decided")
    }

    @Test func anOperatorMovesFiltersOpensApprovesRejectsResizesAndQuits() async throws {
        let pane = try TmuxSession(["--demo"])
        let list = try await pane.waitFor("requests listed")
        #expect(list.contains("[DEMO]"))
        #expect(list.contains("REQUEST"))

        // Move, then open the detail of the selected request.
        try pane.send("j", "j")
        try pane.send("Enter")
        // The detail's heading ("PR-… · 3 of 60"), not the preview pane's, which also shows "Vendor sub id".
        let detail = try await pane.waitUntil("the detail view") { screen in
            let heading = screen.split(separator: "\n").dropFirst().first ?? ""
            return screen.contains("Vendor sub id") && heading.contains(" of ") && !screen.contains("preview:")
        }
        let id = try #require(
            detail.split(separator: "\n").first { $0.contains("ID  ") }?
                .split(separator: " ").last.map(String.init))
        #expect(id.hasPrefix("PR-"))

        // Approve from the detail: the dialog starts on Cancel, y confirms.
        try pane.send("a")
        let dialog = try await pane.waitFor("Approve 1 request?")
        #expect(dialog.contains("[> Cancel <]"))
        #expect(dialog.contains(id))
        try await Task.sleep(for: .seconds(0.4)) // a confirm counts once the dialog has been on screen for 300 ms
        try pane.send("y")
        try await pane.waitFor("1 approved")
        try pane.send("Escape")
        try await pane.waitUntil("the approved request leaves the list") { !$0.contains(id) && $0.contains("REQUEST") }

        // Reject the selected request with a typed reason.
        try pane.send("x")
        try await pane.waitFor("Reject 1 request?")
        try pane.send("Customer withdrew the cancellation", literal: true)
        try await Task.sleep(for: .seconds(0.4))
        try pane.send("Enter")
        try await pane.waitFor("1 rejected")

        // Incremental filter.
        try pane.send("/")
        try pane.send("Kiwi", literal: true)
        let typing = try await pane.waitFor("/Kiwi")
        let rows = typing.split(separator: "\n").filter { $0.dropFirst(5).hasPrefix("PR-") } // list rows only
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.contains("Kiwi") }, "the list narrows while typing")
        try pane.send("Enter")
        try await pane.waitFor("filter: Kiwi")

        // Resize: smaller, too small, back.
        try pane.resize(columns: 80, rows: 24)
        #expect(try await pane.waitFor("REQUEST").split(separator: "\n").allSatisfy { $0.count <= 80 })
        try pane.resize(columns: 30, rows: 8)
        try await pane.waitFor("too small")
        try pane.resize(columns: 120, rows: 40)
        try await pane.waitFor("REQUEST")

        try pane.send("q")
        let end = try await pane.waitFor("EXITED 0")
        #expect(!end.contains("REQUEST"), "the alternate screen is gone: the terminal was restored")

        // The decisions went through the engine into the journal and the sandbox.
        let history = try await BinaryRun.detached(
            ["history", "--demo", "--json"], environment: ["XDG_STATE_HOME": pane.stateDirectory.path])
        let states = history.events.map { "\($0["request"] ?? "") \($0["state"] ?? "")" }
        #expect(states.contains("\(id) approved"))
        #expect(
            history.events.contains {
                $0["state"] as? String == "rejected"
                    && $0["reason"] as? String == "Customer withdrew the cancellation"
            })
    }

    @Test func hostileRecordsRenderInert() async throws {
        let pane = try TmuxSession(["--demo"])
        try await pane.waitFor("requests listed")
        let raw = try pane.screen(escapes: true)
        // Shown as visible replacements, flagged; no OSC (title change) or cursor/erase sequence from the data.
        #expect(raw.contains("\\u{1B}"))
        #expect(!raw.contains("pwned\u{07}"))
        #expect(!raw.contains("\u{1b}]0;"))
        let screen = try pane.screen()
        #expect(screen.contains("flagged !"))
        #expect(screen.split(separator: "\n").first?.contains("canceldesk") == true, "no screen clear moved the header")
        try pane.send("q")
        try await pane.waitFor("EXITED 0")
    }

    @Test func aUserKeymapRebindingApproveWorksAndShowsInHelp() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keymap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("keymap.json").path
        try #"{"version": 1, "contexts": {"list": {"approve": "A"}, "detail": {"approve": "A"}}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let pane = try TmuxSession(["--demo", "--keymap", path])
        try await pane.waitFor("requests listed")
        try pane.send("?")
        let help = try await pane.waitFor("approve")
        #expect(help.split(separator: "\n").contains { $0.contains("A") && $0.lowercased().contains("approve") })
        try pane.send("Escape")
        try pane.send("a")
        try await Task.sleep(for: .seconds(0.3))
        #expect(!(try pane.screen()).contains("Approve 1 request?"), "a no longer approves")
        try pane.send("A")
        try await pane.waitFor("Approve 1 request?")
        try pane.send("n")
        try pane.send("q")
        try await pane.waitFor("EXITED 0")
    }

    @Test func aBrokenKeymapIsRefusedWithEveryErrorListed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keymap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("keymap.json").path
        try #"{"version": 1, "contexts": {"lst": {}, "list": {"aprove": "z", "approve": "<C-m>", "reject": "<C-s>"}}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let check = try await BinaryRun.detached(["keymap", "--check", path], environment: [:])
        #expect(check.status == 78)
        for needle in ["contexts.lst", "aprove", "<C-m>", "<C-s>"] {
            #expect(check.stderr.contains(needle), "missing \(needle) in: \(check.stderr)")
        }
        let console = try await BinaryRun.detached(["--demo", "--keymap", path], environment: [:])
        #expect(console.status != 0)
    }

    @Test func noTerminalIsAClearRefusalSuggestingAuto() async throws {
        let run = try await BinaryRun.detached(["--demo"], environment: ["TERM": "xterm-256color"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--auto"))
        let dumb = try await BinaryRun.detached(["--demo"], environment: ["TERM": "dumb"])
        #expect(dumb.stderr.contains("--auto"))
    }

    // MARK: Issue 11: filter, commands, columns, connection trouble

    /// The list rows on a screen: lines with a request id in the list's id column (not the preview pane's).
    static func rows(_ screen: String) -> [Substring] {
        screen.split(separator: "\n").filter { line in
            guard let id = line.range(of: "PR-") else { return false }
            return line.distance(from: line.startIndex, to: id.lowerBound) <= 8
        }
    }

    @Test func theFilterTakesFieldTermsNegationAndAccents() async throws {
        let pane = try TmuxSession(["--demo"])
        try await pane.waitFor("requests listed")
        try pane.send("/")
        try pane.send("quebec", literal: true)
        var screen = try await pane.waitUntil("only Québec rows") { text in
            let rows = Self.rows(text)
            return text.contains("/quebec") && !rows.isEmpty && rows.allSatisfy { $0.contains("Québec") }
        }
        #expect(screen.contains(" of 60 match"))
        try pane.send("C-u")
        try pane.send("customer:québec", literal: true)
        screen = try await pane.waitUntil("customer:québec matches") { text in
            let rows = Self.rows(text)
            return text.contains("/customer:québec") && !rows.isEmpty && rows.allSatisfy { $0.contains("Québec") }
        }
        try pane.send("C-u")
        try pane.send("!acme", literal: true)
        screen = try await pane.waitUntil("every row but Acme's") { text in
            text.contains("/!acme") && !Self.rows(text).isEmpty && Self.rows(text).allSatisfy { !$0.contains("Acme") }
        }
        try pane.send("C-u")
        try pane.send("customer:nosuchcustomer", literal: true)
        screen = try await pane.waitFor("0 of 60 match")
        #expect(Self.rows(screen).isEmpty)
        try pane.send("Escape")
        try pane.send("q")
        try await pane.waitFor("EXITED 0")
    }

    @Test func theCommandLineSortsGoesToARequestAndNamesErrors() async throws {
        let pane = try TmuxSession(["--demo"])
        let list = try await pane.waitFor("requests listed")
        let last = try #require(Self.rows(list).last?.split(separator: " ").first { $0.hasPrefix("PR-") })
        try pane.send(":")
        try pane.send("so", literal: true)
        try pane.send("Tab")
        try pane.send("cust", literal: true)
        try pane.send("Tab")
        try await pane.waitFor(":sort customer")
        try pane.send("Enter")
        try await pane.waitFor("sort: customer ↑")
        try pane.send(">")
        try await pane.waitFor("sort: subscription ↑")
        try pane.send(":")
        try pane.send("goto \(last)", literal: true)
        try pane.send("Enter")
        try await pane.waitUntil("the request is selected") { text in
            Self.rows(text).contains { $0.hasPrefix(">") && $0.contains(last) }
        }
        try pane.send(":")
        try pane.send("frobnicate", literal: true)
        try pane.send("Enter")
        try await pane.waitFor("error: unknown command \"frobnicate\"")
        try pane.send("q")
        try await pane.waitFor("EXITED 0")
    }

    @Test(arguments: [(120, 35), (80, 24), (60, 12)])
    func idsAreNeverCut(columns: Int, rows: Int) async throws {
        let pane = try TmuxSession(["--demo"], columns: columns, rows: rows)
        let screen = try await pane.waitFor("requests listed")
        let lines = Self.rows(screen)
        #expect(!lines.isEmpty)
        for line in lines {
            let id = try #require(line.split(separator: " ").first { $0.hasPrefix("PR-") })
            #expect(id.count == 21 && !id.contains("…"), "\(line)")
            if let sub = line.range(of: "SUB-") {
                let text = line[sub.lowerBound...].prefix(18)
                #expect(!text.contains("…") && !text.contains(" "), "vendor sub cut: \(line)")
            }
        }
        if columns == 120 {
            #expect(screen.contains("VENDOR SUB") && screen.contains("MARKETPLACE") && screen.contains("ASSIGNEE"))
            #expect(!screen.contains("Marketplace …"), "the marketplace's own name shows")
        }
        try pane.send("q")
        try await pane.waitFor("EXITED 0")
    }

    /// A port on 127.0.0.1 with nothing listening (bound to port 0, then closed).
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw TmuxError("could not bind a port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func connectDownShowsTheErrorAndARetryCountdownThenExitsOnceWith69() async throws {
        let port = try Self.closedPort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("canceldesk-down-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pane = try TmuxSession(
            [],
            environment: [
                "CONNECT_API_URL": "http://127.0.0.1:\(port)/public/v1", "CONNECT_API_KEY": "SU-111-222-333:secret",
                "CANCELDESK_PRODUCTS": "PRD-111-222-333", "CANCELDESK_TEMPLATE_ID": "TL-111-222-333",
                "VENDOR_API_URL": "http://127.0.0.1:\(port)/vendor/v1", "VENDOR_API_KEY": "vendor-secret",
                "HOME": directory.path, "XDG_CONFIG_HOME": directory.path,
            ])
        let screen = try await pane.waitFor("retrying in", seconds: 4)
        #expect(screen.contains("Could not list the queue from Connect"))
        #expect(screen.contains("connect transient"), "the error is named: \(screen)")
        #expect(screen.contains("R retries now"))
        try await pane.waitFor("(attempt 3)", seconds: 10)
        try pane.send("q")
        let end = try await pane.waitFor("EXITED 69")
        #expect(end.contains("canceldesk: Connect at http://127.0.0.1:\(port)/public/v1 could not be reached"))
        #expect(!end.contains("canceldesk: canceldesk:"))
        #expect(end.components(separatedBy: "could not be reached").count == 2, "said once: \(end)")
    }
}
