import AsyncHTTPClient
import CancelDeskCore
import CancelDeskTUI
import ConnectClient
import ConnectSandbox
import Foundation
import Journal
import Logging
import VendorClient

#if canImport(Glibc)
    import Glibc
#endif

/// The console benchmarks. Both run in a child process of the benchmark (`--child-console`, `--child-curses`),
/// so that the peak resident memory is the console's alone and not the sandbox's, which the parent hosts.
enum ConsoleBenchmark {
    static let filterText = "acme"

    static func hints(_ keymap: Keymap) -> KeyHints {
        KeyHints(keymap: keymap, notation: KeyNotation.canonical) { context in
            KeymapTable.helpLines(keymap, context: context).map {
                HelpLine(keys: $0.keys, action: $0.action, description: $0.description)
            }
        }
    }

    static func context(_ connectURL: String, vendorURL: String) -> ConsoleContext {
        let settings = SandboxWiring.settings(connectURL: connectURL)
        return ConsoleContext(
            accountLabel: "Sandbox Vendor (bench)", endpoint: connectURL, isDemo: true,
            subscriptionParameter: settings.subscriptionParameter, templates: settings.templates,
            vendorDescription: "POST \(vendorURL)/subscriptions/{id}/cancel")
    }

    // MARK: Parent side

    /// Runs both console children against a sandbox of `requests` requests hosted here.
    static func run(requests: Int) async throws -> [Figure] {
        let options = SandboxWiring.sandboxOptions(requests: requests, latencyMs: 0)
        return try await withSandbox(options, logger: quietLogger) { endpoints in
            var figures: [Figure] = []
            Measure.progress("console: CPU per keystroke and peak memory, \(requests) requests (child process)")
            let (status, output) = try Measure.run(
                Measure.executablePath(), ["--child-console", endpoints.connectURL, endpoints.vendorURL])
            guard let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Double]
            else { throw BenchError("console child failed (status \(status)): \(output.prefix(500))") }
            figures += consoleFigures(object, requests: requests)
            Measure.progress("console: bytes per cursor move through ncurses in tmux 120×40")
            figures += try CursesBytes.measure(connectURL: endpoints.connectURL, vendorURL: endpoints.vendorURL)
            return figures
        }
    }

    /// CPU per keystroke (aim < 2 ms) from the child's `<key>_mean_ms`, `<key>_p99_ms` and `<key>_max_ms`.
    static func keystrokeFigure(
        _ o: [String: Double], id: String, label: String, key: String, count: Int, detail: [String: Double] = [:]
    ) -> Figure {
        let p99 = o["\(key)_p99_ms"] ?? 0
        let max = o["\(key)_max_ms"] ?? 0
        return Figure(
            id: id, label: label, value: o["\(key)_mean_ms"] ?? .nan, unit: "ms CPU",
            aim: Aim(limit: 2, text: "< 2 ms"),
            detail: detail.merging(["p99_ms": p99, "max_ms": max]) { _, new in new },
            note: String(format: "mean of %d; p99 %.3f ms, max %.3f ms", count, p99, max))
    }

    static func consoleFigures(_ o: [String: Double], requests: Int) -> [Figure] {
        let n = o["rows"] ?? 0
        return [
            Figure(
                id: "console.load_seconds", label: "console: list + prepare \(requests) rows",
                value: o["load_s"] ?? .nan,
                unit: "s",
                detail: [
                    "listing_s": o["listing_s"] ?? 0, "prepare_s": o["prepare_s"] ?? 0, "apply_ms": o["apply_ms"] ?? 0,
                ],
                note: String(
                    format: "listing %.1f s (8 pages at once, no latency, rows made per page), table built %.2f s, "
                        + "applied on the terminal thread %.1f ms",
                    o["listing_s"] ?? 0, o["prepare_s"] ?? 0, o["apply_ms"] ?? 0)),
            keystrokeFigure(
                o, id: "console.cursor_move_ms", label: "console: cursor move (j)", key: "cursor",
                count: 2000, detail: ["rows": n]),
            keystrokeFigure(o, id: "console.page_down_ms", label: "console: page down", key: "page", count: 500),
            Figure(
                id: "console.filter_char_ms", label: "console: one filter character (worst)",
                value: o["filter_max_ms"] ?? .nan, unit: "ms CPU", aim: Aim(limit: 30, text: "< 30 ms"),
                detail: [
                    "first_char_ms": o["filter_first_ms"] ?? 0, "mean_ms": o["filter_mean_ms"] ?? 0,
                    "backspace_ms": o["filter_backspace_ms"] ?? 0, "visible_after": o["filter_visible"] ?? 0,
                ],
                note: String(
                    format:
                        "typing \"/%@\" over %.0f rows: first %.2f ms, mean %.2f ms; backspace %.2f ms; %.0f rows match",
                    filterText, n, o["filter_first_ms"] ?? 0, o["filter_mean_ms"] ?? 0, o["filter_backspace_ms"] ?? 0,
                    o["filter_visible"] ?? 0)),
            Figure(
                id: "memory.peak_mb", label: "peak resident memory, \(requests) requests loaded",
                value: o["peak_mb"] ?? .nan, unit: "MB", aim: Aim(limit: 200, text: "< 200 MB"),
                detail: [
                    "after_load_mb": o["after_load_mb"] ?? 0, "start_mb": o["start_mb"] ?? 0,
                    "listed_rss_mb": o["listed_rss_mb"] ?? 0, "listed_hwm_mb": o["listed_hwm_mb"] ?? 0,
                    "prepared_rss_mb": o["prepared_rss_mb"] ?? 0,
                ],
                note: String(
                    format:
                        "VmHWM of the console process: %.0f MB at start, %.0f MB once loaded, %.0f MB after the keystrokes"
                        + "; resident %.0f MB once listed, %.0f MB once the table is built",
                    o["start_mb"] ?? 0, o["after_load_mb"] ?? 0, o["peak_mb"] ?? 0, o["listed_rss_mb"] ?? 0,
                    o["prepared_rss_mb"] ?? 0)),
        ]
    }

    // MARK: Child side (`--child-console CONNECT VENDOR`)

    /// Lists the sandbox through the real client, builds the console state as the console does, then times
    /// keystrokes (reduce + render + draw on a `RecordingTerminal`) in thread CPU time. Prints one JSON object.
    static func child(connectURL: String, vendorURL: String) async throws {
        var out: [String: Double] = ["start_mb": Measure.procStatusMB("VmHWM")]
        let http = ConnectClient.makeHTTPClient()
        let client = SandboxWiring.client(connectURL, http: http, pageConcurrency: 8)
        let context = context(connectURL, vendorURL: vendorURL)
        let clock = ContinuousClock()
        let started = clock.now
        // As the console lists: each request reduced to its row and search text as its page arrives.
        var listing: RequestListing<ListedRequest>? = try await client.pendingCancelRequests(
            in: SandboxWiring.scope, keeping: ListedRequest.maker(subscriptionParameter: context.subscriptionParameter))
        out["listing_s"] = Measure.seconds(clock.now - started)
        out["listed_rss_mb"] = Measure.procStatusMB("VmRSS")
        out["listed_hwm_mb"] = Measure.procStatusMB("VmHWM")
        try await http.shutdown()
        // Taken, as the console drops the listing once its table is built.
        let (loaded, prepare) = await Measure.wall { LoadedSnapshot(listing.take()!, at: Date()) }
        out["prepare_s"] = prepare
        out["prepared_rss_mb"] = Measure.procStatusMB("VmRSS")
        out["load_s"] = Measure.seconds(clock.now - started)
        let timings = keystrokes(loaded, context: context)
        for (key, value) in timings { out[key] = value }
        out["after_load_mb"] = timings["after_load_mb"]
        out["peak_mb"] = Measure.procStatusMB("VmHWM")
        let data = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
        FileHandle.standardOutput.write(data)
    }

    /// Synchronous on purpose: thread CPU time is only meaningful without suspension points.
    static func keystrokes(_ loaded: LoadedSnapshot, context: ConsoleContext) -> [String: Double] {
        var out: [String: Double] = [:]
        let keymap = Keymap.defaults
        let hints = hints(keymap)
        let terminal = RecordingTerminal(rows: 40, columns: 120)
        var state = ConsoleState(
            context: context, size: TerminalSize(rows: 40, columns: 120), now: Date(), hints: hints)
        _ = ConsoleReducer.reduce(&state, .tick(Date()))
        var before = Measure.threadCPUMillis()
        _ = ConsoleReducer.reduce(&state, .snapshotLoaded(loaded))
        terminal.draw(ConsoleRenderer.render(state, hints: hints))
        out["apply_ms"] = Measure.threadCPUMillis() - before
        out["rows"] = Double(state.table.rows.count)
        out["after_load_mb"] = Measure.procStatusMB("VmHWM")

        func press(_ key: Key) -> Double {
            let start = Measure.threadCPUMillis()
            _ = ConsoleReducer.reduce(&state, .key(keymap.action(for: key, in: state.keyContext), key))
            terminal.draw(ConsoleRenderer.render(state, hints: hints))
            return Measure.threadCPUMillis() - start
        }
        // Warm up once (first render of each path).
        _ = press(.character("j"))
        _ = press(.pageDown)
        _ = press(.character("g"))
        let cursor = (0..<2_000).map { _ in press(.character("j")) }
        out["cursor_mean_ms"] = cursor.reduce(0, +) / Double(cursor.count)
        out["cursor_p99_ms"] = Measure.percentile(cursor, 0.99)
        out["cursor_max_ms"] = cursor.max()
        let pages = (0..<500).map { _ in press(.pageDown) }
        out["page_mean_ms"] = pages.reduce(0, +) / Double(pages.count)
        out["page_p99_ms"] = Measure.percentile(pages, 0.99)
        out["page_max_ms"] = pages.max()
        _ = press(.character("g"))
        _ = press(.character("/"))
        let typed = filterText.map { press(.character($0)) }
        out["filter_first_ms"] = typed.first
        out["filter_mean_ms"] = typed.reduce(0, +) / Double(typed.count)
        out["filter_max_ms"] = typed.max()
        out["filter_visible"] = Double(state.visible.count)
        out["filter_backspace_ms"] = press(.backspace)
        before = Measure.threadCPUMillis()
        _ = press(.enter)
        out["filter_submit_ms"] = Measure.threadCPUMillis() - before
        return out
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
