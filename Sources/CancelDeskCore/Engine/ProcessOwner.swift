/// The process that wrote a journal row: host, pid and the pid's start token, written as `host:pid/start`.
///
/// A pid alone is not an identity: after a crash the kernel may give the same pid to another process, and a row
/// whose owner "still runs" is never resumed — the crashed request would sit unfinished. The start token (boot id
/// and start time in clock ticks, from `/proc`) tells a reused pid apart. Rows written before the token existed
/// (`host:pid`) are still read; for them only the pid can be checked.
public struct ProcessOwner: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let pid: Int32
    /// Identifies one run of `pid` (nil when it could not be read, or for an old row).
    public let start: String?

    public init(host: String, pid: Int32, start: String?) {
        self.host = host
        self.pid = pid
        self.start = start
    }

    /// Parses `host:pid/start` or `host:pid`; nil for anything else (such a row counts as gone).
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        let rest = text[text.index(after: colon)...]
        let pidText: Substring
        var start: String?
        if let slash = rest.firstIndex(of: "/") {
            pidText = rest[..<slash]
            let token = String(rest[rest.index(after: slash)...])
            guard !token.isEmpty else { return nil }
            start = token
        } else {
            pidText = rest
        }
        guard !host.isEmpty, let pid = Int32(pidText), pid > 0 else { return nil }
        self.init(host: host, pid: pid, start: start)
    }

    public var description: String {
        "\(host):\(pid)" + (start.map { "/" + $0 } ?? "")
    }

    /// Whether this owner still runs, seen from `host` where the probes ask the kernel: `pidRuns` whether a pid
    /// exists, `startToken` the current start token of a pid. Another host's rows count as gone (a journal is never
    /// shared between machines); a pid that now belongs to a different run counts as gone.
    public func isAlive(
        onHost host: String, pidRuns: (Int32) -> Bool, startToken: (Int32) -> String?
    ) -> Bool {
        guard host == self.host, pidRuns(pid) else { return false }
        guard let start else { return true }
        guard let current = startToken(pid) else { return true } // cannot tell: never resume a live writer's row
        return current == start
    }
}
