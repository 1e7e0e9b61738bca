import Foundation
import Testing

@testable import CancelDeskTUI

@Suite("Keymap user file lookup")
struct KeymapUserFileTests {
    @Test("--keymap wins, even when the file is missing")
    func explicitPath() {
        let path = KeymapLoader.resolveUserPath(
            explicit: "/nowhere/keymap.json", environment: ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/op"]
        ) { _ in false }
        #expect(path == "/nowhere/keymap.json")
    }

    @Test(
        "XDG_CONFIG_HOME, else HOME/.config; only a file that exists",
        arguments: [
            (
                ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/op"], ["/xdg/canceldesk/keymap.json"],
                "/xdg/canceldesk/keymap.json"
            ),
            (
                ["XDG_CONFIG_HOME": "/xdg/", "HOME": "/home/op"], ["/xdg/canceldesk/keymap.json"],
                "/xdg/canceldesk/keymap.json"
            ),
            (["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/op"], ["/home/op/.config/canceldesk/keymap.json"], nil),
            (
                ["HOME": "/home/op"], ["/home/op/.config/canceldesk/keymap.json"],
                "/home/op/.config/canceldesk/keymap.json"
            ),
            (
                ["XDG_CONFIG_HOME": "", "HOME": "/home/op"], ["/home/op/.config/canceldesk/keymap.json"],
                "/home/op/.config/canceldesk/keymap.json"
            ),
            (
                ["XDG_CONFIG_HOME": "relative", "HOME": "/home/op"], ["/home/op/.config/canceldesk/keymap.json"],
                "/home/op/.config/canceldesk/keymap.json"
            ),
            (["HOME": "/home/op"], [], nil),
            ([:], ["/.config/canceldesk/keymap.json"], nil),
        ] as [([String: String], [String], String?)])
    func lookup(environment: [String: String], existing: [String], expected: String?) {
        let path = KeymapLoader.resolveUserPath(explicit: nil, environment: environment) { existing.contains($0) }
        #expect(path == expected)
    }

    @Test("load(explicitPath:) reads the file, names it in messages, and refuses a missing one")
    func loadFromDisk() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("keymap-tests-\(UUID().uuidString)")
        let config = directory.appendingPathComponent("canceldesk")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = config.appendingPathComponent("keymap.json")
        try Data(#"{"version": 1, "contexts": {"list": {"approve": "A"}}}"#.utf8).write(to: file)

        let viaXDG = try KeymapLoader.load(explicitPath: nil, environment: ["XDG_CONFIG_HOME": directory.path]).get()
        #expect(viaXDG.userPath == file.path)
        #expect(viaXDG.keymap.action(for: .character("A"), in: .list) == .approve)

        let none = try KeymapLoader.load(explicitPath: nil, environment: ["XDG_CONFIG_HOME": config.path]).get()
        #expect(none.userPath == nil)
        #expect(none.keymap.action(for: .character("a"), in: .list) == .approve)

        try Data(#"{"version": 1, "contexts": {"list": {"approve": "<C-s>"}}}"#.utf8).write(to: file)
        let broken = KeymapLoader.load(explicitPath: file.path, environment: [:])
        #expect(broken.failureProblems.first?.hasPrefix("\(file.path): contexts.list.approve \"<C-s>\"") == true)

        let missing = directory.appendingPathComponent("missing.json").path
        #expect(
            KeymapLoader.load(explicitPath: missing, environment: [:]).failureProblems == [
                "\(missing): no such keymap file"
            ])
        #expect(
            KeymapLoader.load(explicitPath: config.path, environment: [:]).failureProblems == [
                "\(config.path): cannot read the keymap file"
            ])
    }
}

extension Result where Failure == KeymapError {
    /// The problems of a refused keymap; empty when it loaded.
    fileprivate var failureProblems: [String] {
        if case .failure(let error) = self { return error.problems }
        return []
    }
}
