import ArgumentParser

/// Flags every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Configuration file (else $CANCELDESK_CONFIG, else $XDG_CONFIG_HOME/canceldesk/config.json).")
    var config: String?

    @Option(help: "Journal file (else $CANCELDESK_JOURNAL, else $XDG_STATE_HOME/canceldesk/journal.sqlite).")
    var journal: String?

    @Option(help: "Keymap file for the console.")
    var keymap: String?

    @Flag(help: "Run against an in-process sandbox with seeded data (its own journal).")
    var demo = false

    @Flag(help: "Change nothing: approve and reject are refused before they reach the network.")
    var readOnly = false

    @Flag(help: "Machine output on stdout: one JSON object per line.")
    var json = false

    @Flag(help: "No colours in the console.")
    var noColor = false

    @Option(help: "Log lines on stderr: text, or json (one JSON object per line, for log shippers).")
    var logFormat: LogFormat = .text
}
