import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real `canceldesk` binary in a tmux pane: keys in with `send-keys`, the screen out with `capture-pane`.
final class TmuxSession {
    let name: String
    let socket: String
    let stateDirectory: URL

    /// Starts `canceldesk ARGUMENTS` in a detached session of the given size, with its own state directory.
    init(_ arguments: [String], columns: Int = 120, rows: Int = 40, environment: [String: String] = [:]) throws {
        name = "cd\(UInt32.random(in: 0...UInt32.max))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).tmux").path
        stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("canceldesk-tui-\(name)")
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        var env = ["XDG_STATE_HOME": stateDirectory.path, "TERM": "xterm-256color", "LANG": "C.UTF-8"]
        env.merge(environment) { $1 }
        let exports = env.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command =
            "env \(exports) \(Self.quote(BinaryRun.executable.path)) "
            + arguments.map(Self.quote).joined(separator: " ") + "; echo \"EXITED $?\"; sleep 60"
        try tmux(["new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", command])
    }

    deinit {
        _ = try? tmux(["kill-session", "-t", name])
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: stateDirectory)
        try? FileManager.default.removeItem(atPath: socket)
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Sends tmux key names (`Enter`, `Escape`, `j`) or literal text (with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// Pastes `text` as a terminal would: tmux brackets it (`ESC[200~` … `ESC[201~`) when the program asked for
    /// bracketed paste, and types it raw otherwise.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", name, "--", text])
        try tmux(["paste-buffer", "-p", "-d", "-b", name, "-t", name])
    }

    /// The visible screen as text; with `escapes`, with the terminal attributes as escape sequences.
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    /// Sets a tmux server option (`set-clipboard on`).
    func setServerOption(_ name: String, _ value: String) throws {
        try tmux(["set-option", "-s", name, value])
    }

    /// The newest paste buffer (what an application's OSC 52 put there with `set-clipboard on`), or "".
    func newestBuffer() -> String {
        (try? tmux(["show-buffer"])) ?? ""
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Waits until the screen contains `text` (polling, bounded, asleep between polls); returns the screen, or throws with the last one.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 15) async throws -> String {
        try await waitUntil("\"\(text)\"", seconds: seconds) { $0.contains(text) }
    }

    /// Waits until `condition` holds for the screen (polling, bounded); returns the screen, or throws with the last.
    @discardableResult
    func waitUntil(_ what: String, seconds: Double = 15, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            // Never blocks a thread of the cooperative pool: other tests (and in-process sandboxes) need them.
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TmuxError("timed out waiting for \(what); screen:\n\(last)")
    }

    /// Runs one tmux command through the shell. Not Foundation's `Process`: on Linux it waits for every
    /// descendant, and `new-session` leaves the tmux server running.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let command = (["tmux", "-S", socket] + arguments).map(Self.quote).joined(separator: " ")
        guard let stream = popen(command + " < /dev/null 2> /dev/null", "r") else {
            throw TmuxError("tmux could not be started")
        }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, stream)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        let status = pclose(stream)
        guard status == 0 else { throw TmuxError("tmux \(arguments.first ?? "") failed (\(status))") }
        return String(decoding: output, as: UTF8.self)
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
