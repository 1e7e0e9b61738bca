import Foundation
import Testing

@testable import CancelDeskTUI

@Suite("Default keymap")
struct KeymapDefaultsTests {
    /// keymap.json at the repository root, found from this file (symlinks resolved, so a build tree that links the
    /// test file elsewhere still reads the real one).
    static func repositoryKeymap() throws -> Data {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent() // CancelDeskTUITests
            .deletingLastPathComponent() // Tests
            .deletingLastPathComponent() // repository root
        return try Data(contentsOf: root.appendingPathComponent("keymap.json"))
    }

    static func defaults() throws -> LoadedKeymap {
        try KeymapLoader.load(defaults: DefaultKeymap.json, user: nil, userPath: nil).get()
    }

    @Test("the embedded defaults are keymap.json byte for byte")
    func embeddedTextMatchesFile() throws {
        let file = try Self.repositoryKeymap()
        let embedded = Data(DefaultKeymap.json.utf8)
        let fileLines = String(decoding: file, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let embeddedLines = DefaultKeymap.json.split(separator: "\n", omittingEmptySubsequences: false)
        let differing = zip(fileLines, embeddedLines).enumerated().first { $0.element.0 != $0.element.1 }
        let line = (differing?.offset ?? min(fileLines.count, embeddedLines.count)) + 1
        #expect(embedded == file, "edit DefaultKeymap.swift and keymap.json together; they differ from line \(line)")
    }

    @Test("the defaults load with no problems and no warnings")
    func defaultsLoadCleanly() throws {
        let result = KeymapLoader.load(defaults: DefaultKeymap.json, user: nil, userPath: nil)
        let loaded = try result.get()
        #expect(loaded.warnings == [])
        #expect(loaded.userPath == nil)
    }

    @Test("Keymap.defaults is the loaded built-in keymap")
    func defaultsConstant() throws {
        #expect(Keymap.defaults == (try Self.defaults().keymap))
        #expect(Keymap.defaults.action(for: .character("a"), in: .list) == .approve)
    }

    @Test("every action is bound in every context it belongs to")
    func everyActionBound() throws {
        let keymap = try Self.defaults().keymap
        for action in KeyAction.allCases {
            for context in action.contexts {
                #expect(!keymap.keys(for: action, in: context).isEmpty, "\(action.rawValue) unbound in \(context)")
            }
        }
    }

    @Test("every default key round-trips through its canonical notation")
    func defaultKeysRoundTrip() throws {
        let keymap = try Self.defaults().keymap
        var count = 0
        for (_, actions) in keymap.bindings {
            for (_, keys) in actions {
                for key in keys {
                    count += 1
                    #expect(KeyNotation.parse(KeyNotation.canonical(key)) == .success(key))
                }
            }
        }
        #expect(count > 60)
    }

    @Test(
        "the keys the brief fixes",
        arguments: [
            ("a", KeyContext.list, KeyAction.approve), ("x", .list, .reject), ("/", .list, .filter),
            ("<Space>", .list, .markToggle), ("*", .list, .markAllVisible), ("U", .list, .markClear),
            ("u", .list, .markUndo), ("v", .list, .previewToggle), ("c", .list, .copyID),
            ("C", .list, .copySubscription),
            ("<Space>", .detail, .markToggle), ("c", .detail, .copyID), ("o", .dialog, .scopeOne),
            ("m", .dialog, .scopeMarked), ("<PgDn>", .dialog, .pageDown), ("<Left>", .prompt, .cursorLeft),
            ("<Home>", .prompt, .lineStart), ("<End>", .prompt, .lineEnd),
            ("s", .list, .sortNext), ("S", .list, .sortReverse), ("p", .list, .refreshPause),
            ("J", .detail, .itemNext), ("K", .detail, .itemPrev), ("a", .detail, .approve),
            ("H", .global, .history), ("M", .global, .messages), ("q", .global, .quit), ("<C-c>", .global, .quit),
            ("?", .global, .help), ("<Enter>", .list, .open), ("y", .dialog, .confirm), ("<Esc>", .dialog, .cancel),
            ("<Enter>", .prompt, .submit), ("<C-w>", .prompt, .deleteWord), ("q", .help, .close),
        ])
    func fixedKeys(notation: String, context: KeyContext, action: KeyAction) throws {
        let keymap = try Self.defaults().keymap
        let key = try KeyNotation.parse(notation).get()
        #expect(keymap.action(for: key, in: context) == action)
    }

    @Test("list and detail fall back to global; dialog and prompt do not")
    func fallback() throws {
        let keymap = try Self.defaults().keymap
        #expect(keymap.action(for: .character("q"), in: .list) == .quit)
        #expect(keymap.action(for: .character("H"), in: .detail) == .history)
        #expect(keymap.action(for: .character("q"), in: .dialog) == nil)
        #expect(keymap.action(for: .character("q"), in: .prompt) == nil)
        #expect(keymap.action(for: .character("?"), in: .prompt) == nil)
        #expect(keymap.action(for: .function(1), in: .dialog) == nil)
    }

    @Test("read-only mode drops approve and reject, and nothing else")
    func withoutDestructiveActions() throws {
        let keymap = try Self.defaults().keymap
        let readOnly = keymap.withoutDestructiveActions()
        for context in KeyContext.allCases {
            #expect(readOnly.keys(for: .approve, in: context).isEmpty)
            #expect(readOnly.keys(for: .reject, in: context).isEmpty)
        }
        #expect(readOnly.action(for: .character("a"), in: .list) == nil)
        #expect(readOnly.action(for: .character("x"), in: .detail) == nil)
        #expect(readOnly.action(for: .enter, in: .list) == .open)
        #expect(readOnly.keys(for: .quit, in: .global) == keymap.keys(for: .quit, in: .global))
    }

    @Test("no key does two things in one context")
    func noConflicts() throws {
        let keymap = try Self.defaults().keymap
        for (context, actions) in keymap.bindings {
            let keys = actions.values.flatMap { $0 }
            #expect(Set(keys).count == keys.count, "duplicate key in \(context)")
        }
    }
}
