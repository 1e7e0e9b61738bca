import AsyncHTTPClient
import CancelDeskCore
import CancelDeskTUI
import ConnectClient
import Foundation
import Journal
import Logging
import VendorClient

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes written to the terminal per cursor move at 120×40 through the real ncurses driver: the real console
/// (`Console.run` on a `CursesTerminal`, the engine over the sandbox) runs in tmux, `pipe-pane` captures what it
/// writes while one `j` is sent (the method of terminal-dev/scripts/measure.sh).
enum CursesBytes {
    static let trials = 7

    static func measure(connectURL: String, vendorURL: String) throws -> [Figure] {
        guard let tmux = Measure.findProgram("tmux") else {
            return [
                Figure(
                    id: "console.bytes_per_cursor_move", label: "console: bytes per cursor move (ncurses, 120×40)",
                    value: .nan, unit: "B", aim: Aim(limit: 200, text: "< 200 B"),
                    note: "tmux not installed: not measured")
            ]
        }
        let socket = "cdbench\(getpid())"
        let directory = try Measure.temporaryDirectory("curses")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        @discardableResult
        func tmuxRun(_ arguments: [String], capture: Bool = false) throws -> String {
            try Measure.run(tmux, ["-L", socket] + arguments, capture: capture).1
        }
        let term =
            (try? Measure.run("/usr/bin/env", ["infocmp", "tmux-256color"], capture: false).0) == 0
            ? "tmux-256color" : "screen-256color"
        let command =
            "TERM=\(term) ESCDELAY=25 XDG_STATE_HOME='\(directory)' '\(Measure.executablePath())' --child-curses "
            + "'\(connectURL)' '\(vendorURL)' '\(directory)'; sleep 2"
        try tmuxRun(["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", command])
        defer { _ = try? tmuxRun(["kill-server"]) }
        _ = try? tmuxRun(["set", "-s", "escape-time", "0"])
        // Wait for the list (the child lists the whole sandbox first).
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(300)
        var screen = ""
        while clock.now < deadline {
            screen = try tmuxRun(["capture-pane", "-p"], capture: true)
            if screen.contains("PR-") && !screen.contains("Listing pending") { break }
            usleep(250_000)
        }
        guard screen.contains("PR-") else { throw BenchError("the console in tmux never showed the list:\n\(screen)") }
        usleep(1_500_000)
        var moves: [Double] = []
        var idle: [Double] = []
        for trial in 0..<(trials * 2) {
            let file = directory + "/pipe\(trial)"
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            try tmuxRun(["pipe-pane", "-o", "cat >> '\(file)'"])
            usleep(300_000)
            let sendKey = trial % 2 == 0
            if sendKey { try tmuxRun(["send-keys", "j"]) }
            usleep(400_000)
            try tmuxRun(["pipe-pane"])
            usleep(100_000)
            let bytes = Double((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
            if sendKey { moves.append(bytes) } else { idle.append(bytes) }
        }
        let sample = try tmuxRun(["capture-pane", "-p"], capture: true).split(separator: "\n").prefix(3).joined(
            separator: " | ")
        _ = try? tmuxRun(["send-keys", "q"])
        var processPeak = Double.nan
        for _ in 0..<40 where !processPeak.isFinite {
            usleep(250_000)
            if let text = try? String(contentsOfFile: directory + "/peak_mb", encoding: .utf8) {
                processPeak = Double(text) ?? .nan
            }
        }
        let median = Measure.median(moves)
        return [
            Figure(
                id: "memory.console_process_peak_mb", label: "peak resident memory, real console process",
                value: processPeak, unit: "MB", aim: Aim(limit: 200, text: "< 200 MB"),
                note: "VmHWM of `Console.run` on ncurses over the same 100,000 requests, incl. its 30 s refreshes"),
            Figure(
                id: "console.bytes_per_cursor_move", label: "console: bytes per cursor move (ncurses, 120×40)",
                value: median, unit: "B", aim: Aim(limit: 200, text: "< 200 B"),
                detail: [
                    "min": moves.min() ?? .nan, "max": moves.max() ?? .nan, "idle_median": Measure.median(idle),
                    "trials": Double(moves.count),
                ],
                note: String(
                    format: "median of %d `j` in tmux (TERM=%@), min %.0f, max %.0f; same window with no key: %.0f B",
                    moves.count, term, moves.min() ?? 0, moves.max() ?? 0, Measure.median(idle))
                    + (sample.contains("requests") ? "" : "; screen: \(sample.prefix(80))")),
        ]
    }

    // MARK: Child side (`--child-curses CONNECT VENDOR DIR`)

    /// The real console, as `canceldesk --demo` wires it, over the parent's sandbox; journal in `directory`.
    static func child(connectURL: String, vendorURL: String, directory: String) async throws -> Int32 {
        let http = ConnectClient.makeHTTPClient()
        let client = SandboxWiring.client(connectURL, http: http)
        let journal = try SQLiteJournal.open(path: directory + "/journal.sqlite", logger: quietLogger)
        let vendor = VendorClientFactory.make(
            .http(HTTPVendorSettings(baseURL: vendorURL)), http: http, logger: quietLogger)
        let engine = CancelEngine(
            requests: client, vendor: vendor, journal: journal,
            settings: SandboxWiring.settings(connectURL: connectURL),
            identity: SandboxWiring.identity(.tui), logger: quietLogger)
        let keymap = Keymap.defaults
        let console = CancelDeskTUI.Console(
            backend: engine, keymap: keymap, context: ConsoleBenchmark.context(connectURL, vendorURL: vendorURL),
            hints: ConsoleBenchmark.hints(keymap), logger: quietLogger)
        let terminal = try CursesTerminal(noColor: false)
        TerminalRestore.install()
        let code = await console.run(terminal: terminal)
        // The whole console process's peak (listing, refreshes, drawing), for the parent to read.
        let peak = String(format: "%.1f", Measure.procStatusMB("VmHWM"))
        _ = FileManager.default.createFile(atPath: directory + "/peak_mb", contents: Data(peak.utf8))
        try? journal.close()
        try await http.shutdown()
        return code
    }
}
