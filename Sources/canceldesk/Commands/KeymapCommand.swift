import ArgumentParser
import CancelDeskTUI
import Foundation

/// `canceldesk keymap --check [PATH]`: validate a keymap and print the effective bindings.
struct KeymapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keymap", abstract: "Validate a keymap file and print the effective key bindings.")

    @Flag(help: "Validate and print the effective table.") var check = false
    @Argument(help: "The keymap file (else --keymap, else $XDG_CONFIG_HOME/canceldesk/keymap.json).") var path: String?
    @Option(help: "The keymap file.") var keymap: String?

    func run() throws {
        guard check else { throw ValidationError("use: canceldesk keymap --check [PATH]") }
        switch KeymapLoader.load(explicitPath: path ?? keymap, environment: ProcessInfo.processInfo.environment) {
        case .success(let loaded):
            for warning in loaded.warnings { Console.error("warning: \(warning)") }
            Console.out(KeymapTable.text(loaded.keymap))
            Console.error("keymap: " + (loaded.userPath.map { "\($0) over the defaults" } ?? "the defaults"))
        case .failure(let error):
            Console.error("\(error)")
            throw ExitStatus.config.code
        }
    }
}
