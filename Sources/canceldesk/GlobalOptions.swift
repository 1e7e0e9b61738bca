import ArgumentParser
import CancelDeskCore
import Foundation

/// Flags every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Configuration file (else $CANCELDESK_CONFIG, else $XDG_CONFIG_HOME/canceldesk/config.json).")
    var config: String?

    @Option(help: "Journal file (else $CANCELDESK_JOURNAL, else $XDG_STATE_HOME/canceldesk/journal.sqlite).")
    var journal: String?

    @Option(help: "Configuration profile: one of the config file's `profiles` (else $CANCELDESK_PROFILE).")
    var profile: String?

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

    /// The profile asked for: `--profile`, else `$CANCELDESK_PROFILE` (nil for none, and with `--demo`).
    var profileName: String? {
        if demo { return nil }
        if let profile, !profile.isEmpty { return profile }
        let variable = ProcessInfo.processInfo.environment["CANCELDESK_PROFILE"] ?? ""
        return variable.isEmpty ? nil : variable
    }

    /// A ``CommandFailure`` for this command's output (`--json`, the profile).
    func failure(_ status: ExitStatus, _ message: String) -> CommandFailure {
        CommandFailure(status, message, json: json, profile: profileName)
    }

    /// The configuration loader for these options (`--config`, `--profile`, the environment).
    var loader: ConfigurationLoader {
        ConfigurationLoader(environment: ProcessInfo.processInfo.environment, explicitPath: config, profile: profile)
    }
}
