import ArgumentParser

/// How log lines are written on stderr (`--log-format`).
enum LogFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// `TIMESTAMP LEVEL LABEL: MESSAGE key=value …` (``StderrLogHandler``).
    case text
    /// One JSON object per line, for log shippers (``JSONLogHandler``).
    case json
}
