import CancelDeskCore

/// A command that cannot do its work (configuration invalid, credentials refused, request unknown, Connect down):
/// the message for stderr, the exit status, and with `--json` an `error` line on stdout that says the same.
struct CommandFailure: Error, Sendable {
    let status: ExitStatus
    /// What went wrong, in words (printed sanitized and redacted).
    let message: String
    /// `--json`: write the `error` line on stdout too.
    let json: Bool
    /// The profile the `error` line names.
    let profile: String?

    init(_ status: ExitStatus, _ message: String, json: Bool, profile: String?) {
        self.status = status
        self.message = message
        self.json = json
        self.profile = profile
    }

    /// Writes the message on stderr and, with `--json`, the `error` line on stdout.
    func report() {
        // Line by line: a multi-line message (a configuration's problems) stays multi-line, each line sanitized.
        let text = SecretRedactor.redact(message).split(separator: "\n", omittingEmptySubsequences: false)
            .map { TextSanitizer.clean(String($0), limit: 2_000) }.joined(separator: "\n")
        Console.error("canceldesk: \(text)")
        if json {
            Console.out(
                JSONLine(profile: profile).encode(
                    .error, ["detail": SecretRedactor.redact(message), "exit_status": Int(status.rawValue)]))
        }
    }
}
