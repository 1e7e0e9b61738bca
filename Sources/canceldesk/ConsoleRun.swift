import ArgumentParser
import CancelDeskCore
import CancelDeskTUI
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// `canceldesk` (and `canceldesk --demo`): the operator console.
enum ConsoleRun {
    static func run(_ global: GlobalOptions) async throws -> ExitStatus {
        let environment = ProcessInfo.processInfo.environment
        // Refuse early, before any network: a console needs a real terminal.
        if let refusal = TerminalCheck.refusal(
            environment: environment, stdinIsTTY: isatty(0) == 1, stdoutIsTTY: isatty(1) == 1)
        {
            Console.error("canceldesk: \(refusal)")
            return .usage
        }
        let loaded: LoadedKeymap
        switch KeymapLoader.load(explicitPath: global.keymap, environment: environment) {
        case .success(let keymap): loaded = keymap
        case .failure(let error):
            Console.error("canceldesk: \(error)")
            return .config
        }
        for warning in loaded.warnings { Console.error("canceldesk: keymap: \(warning)") }
        let noColor = global.noColor || !(environment["NO_COLOR"] ?? "").isEmpty
        return try await AppEnvironment.with(global, mode: .tui, logger: FileLogHandler.logger(environment)) { app in
            let inbox = ConsoleInbox()
            let engine = app.engine(events: inbox.engineEvents)
            let configuration = app.configuration
            var context = ConsoleContext(
                accountLabel: app.accountLabel, endpoint: SecretRedactor.redact(configuration.connectURL),
                isDemo: app.isDemo,
                readOnly: app.readOnly, subscriptionParameter: configuration.engine.subscriptionParameter,
                templates: configuration.engine.templates, defaultTemplate: configuration.engine.defaultTemplate,
                vendorDescription: vendorDescription(configuration.vendor), noColor: noColor,
                keymapNotes: loaded.warnings)
            context.assignee = configuration.engine.assignee
            context.claimOnOpen = configuration.claimOnOpen
            // Help and hints show what is really bound: without approve and reject in read-only mode.
            let effective = app.readOnly ? loaded.keymap.withoutDestructiveActions() : loaded.keymap
            let hints = KeyHints(keymap: effective, notation: KeyNotation.canonical) { context in
                KeymapTable.helpLines(effective, context: context).map {
                    HelpLine(keys: $0.keys, action: $0.action, description: $0.description)
                }
            }
            let console = CancelDeskTUI.Console(
                backend: engine, keymap: loaded.keymap, context: context, hints: hints, logger: app.logger,
                inbox: inbox)
            let terminal: CursesTerminal
            do {
                terminal = try CursesTerminal(noColor: noColor)
            } catch {
                Console.error("canceldesk: \(error)")
                return .usage
            }
            TerminalRestore.install()
            return ExitStatus(rawValue: await console.run(terminal: terminal)) ?? .software
        }
    }

    /// The vendor adapter in a few words, its URL's user info and query tokens masked.
    static func vendorDescription(_ settings: VendorSettings) -> String {
        let text =
            switch settings {
            case .http(let http): "POST \(http.baseURL)/subscriptions/{id}/cancel"
            case .template(let template): "\(template.method) \(template.url)"
            case .command(let command): "run \(command.executable)"
            }
        return SecretRedactor.redact(text)
    }
}
