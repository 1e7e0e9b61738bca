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
        // The console is on screen before Connect answers: a Connect that cannot be reached is shown there, named,
        // with a retry countdown (never a blank screen), and retried with backoff until it answers or the operator
        // quits.
        let logger = FileLogHandler.logger(environment)
        return try await AppEnvironment.with(global, mode: .tui, logger: logger, deferAuth: true) { app in
            let inbox = ConsoleInbox()
            let backend = StartingBackend(app: app, inbox: inbox)
            let configuration = app.configuration
            var context = ConsoleContext(
                accountLabel: app.accountLabel + "connecting to Connect…",
                endpoint: SecretRedactor.redact(configuration.connectURL),
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
                backend: backend, keymap: loaded.keymap, context: context, hints: hints, logger: app.logger,
                inbox: inbox)
            let terminal: CursesTerminal
            do {
                terminal = try CursesTerminal(noColor: noColor)
            } catch {
                Console.error("canceldesk: \(error)")
                return .usage
            }
            TerminalRestore.install()
            let code = await console.run(terminal: terminal)
            // Left before Connect ever answered: say why once, on the restored terminal, and exit as an outage (69)
            // or refused credentials (77).
            let ready = await backend.isReady
            if !ready, let failure = await backend.failure {
                Console.error(failureMessage(connectURL: configuration.connectURL, failure))
                let kind = (failure as? ServiceError)?.kind
                return kind == .unauthorized || kind == .forbidden ? .noPermission : .unavailable
            }
            return ExitStatus(rawValue: code) ?? .software
        }
    }

    /// The one line printed when the console ends without Connect having answered: a single `canceldesk:` prefix
    /// (a message that already carries one is not prefixed again), the URL with secrets masked, the error
    /// sanitized.
    static func failureMessage(connectURL: String, _ error: any Error) -> String {
        var text = describe(error)
        while text.hasPrefix("canceldesk: ") { text.removeFirst("canceldesk: ".count) }
        let url = SecretRedactor.redact(connectURL)
        return "canceldesk: Connect at \(url) could not be reached: "
            + TextSanitizer.clean(SecretRedactor.redact(text), limit: 300)
    }

    /// An error in words: a ``ServiceError``'s own description, else the error as Swift describes it.
    static func describe(_ error: any Error) -> String {
        if let error = error as? ServiceError { return error.description }
        return String(describing: error)
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
