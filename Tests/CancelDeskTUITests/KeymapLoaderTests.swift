import Testing

@testable import CancelDeskTUI

@Suite("Keymap loading and merging")
struct KeymapLoaderTests {
    static func load(_ user: String, path: String? = "keymap.json") -> Result<LoadedKeymap, KeymapError> {
        KeymapLoader.load(defaults: DefaultKeymap.json, user: user, userPath: path)
    }

    /// The problems of a refused keymap (a recorded issue and `[]` if it loaded).
    static func problems(_ user: String, path: String? = "keymap.json") -> [String] {
        switch load(user, path: path) {
        case .success:
            Issue.record("the keymap loaded")
            return []
        case .failure(let error):
            return error.problems
        }
    }

    // MARK: Hostile files

    @Test("escape sequences a keymap file wrote are shown escaped in every problem, never raw")
    func hostileTextIsEscaped() {
        let files = [
            #"{"\u001b]0;pwned\u0007\u001b[2J" 1}"#,
            #"{"version": 1, "contexts": {"list": {"approve": "<\u001b]0;pwned\u0007>"}}}"#,
            #"{"contexts": {"prompt": {"delete.word": "<\n>"}}}"#,
            "{\"\u{7F}\"",
        ]
        for file in files {
            let problems = Self.problems(file)
            #expect(!problems.isEmpty, "\(file)")
            for problem in problems {
                #expect(
                    !problem.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                    "\(problem.debugDescription)")
            }
        }
        #expect(Self.problems(files[0]).contains { $0.lowercased().contains(#"\u{1b}]0;pwned\u{7}"#) })
    }

    // MARK: Merging

    @Test("approve rebound to A: A approves in list, a no longer does, help shows A")
    func rebindApprove() throws {
        let loaded = try Self.load(#"{"version": 1, "contexts": {"list": {"approve": "A"}}}"#).get()
        let keymap = loaded.keymap
        #expect(keymap.action(for: .character("A"), in: .list) == .approve)
        #expect(keymap.action(for: .character("a"), in: .list) == nil)
        #expect(keymap.keys(for: .approve, in: .list) == [.character("A")])
        #expect(keymap.action(for: .character("a"), in: .detail) == .approve) // other contexts keep theirs
        let help = KeymapTable.helpLines(keymap, context: .list)
        #expect(help.first(where: { $0.action == "approve" })?.keys == "A")
        #expect(loaded.warnings == [])
        #expect(loaded.userPath == "keymap.json")
    }

    @Test("a user value replaces the action's default keys instead of adding to them")
    func valueReplaces() throws {
        let keymap = try Self.load(#"{"version": 1, "contexts": {"global": {"quit": "Q"}}}"#).get().keymap
        #expect(keymap.keys(for: .quit, in: .global) == [.character("Q")])
        #expect(keymap.action(for: .character("q"), in: .list) == nil)
        #expect(keymap.action(for: .control("c"), in: .list) == nil)
    }

    @Test("null and [] unbind")
    func nullUnbinds() throws {
        let user = #"{"version": 1, "contexts": {"list": {"refresh.pause": null, "mark.clear": []}}}"#
        let keymap = try Self.load(user).get().keymap
        #expect(keymap.keys(for: .refreshPause, in: .list).isEmpty)
        #expect(keymap.keys(for: .markClear, in: .list).isEmpty)
        #expect(keymap.action(for: .character("p"), in: .list) == nil)
        #expect(keymap.action(for: .character("U"), in: .list) == nil)
        #expect(KeymapTable.text(keymap).contains("refresh.pause"))
        #expect(!KeymapTable.helpLines(keymap, context: .list).contains(where: { $0.action == "refresh.pause" }))
    }

    @Test("swapping two actions' keys is not a conflict, because each value replaces")
    func swap() throws {
        let keymap = try Self.load(#"{"version": 1, "contexts": {"list": {"approve": "x", "reject": "a"}}}"#).get()
            .keymap
        #expect(keymap.action(for: .character("x"), in: .list) == .approve)
        #expect(keymap.action(for: .character("a"), in: .list) == .reject)
    }

    @Test("an empty user file (version only) changes nothing")
    func versionOnly() throws {
        let defaults = try KeymapLoader.load(defaults: DefaultKeymap.json, user: nil, userPath: nil).get()
        let loaded = try Self.load(#"{"version": 1, "$schema": "./keymap.schema.json"}"#).get()
        #expect(loaded.keymap == defaults.keymap)
    }

    // MARK: Every problem at once

    @Test("a broken file lists every mistake with its JSON path")
    func brokenFileListsEverything() {
        let user = """
            {
              "version": 1,
              "contexts": {
                "lists": { "approve": "A" },
                "list": {
                  "aprove": "A",
                  "approve": ["A", "<C-m>"],
                  "reject": "<C-s>",
                  "filter": 5,
                  "filter.clear": ["<Esc>", true],
                  "open": "s"
                },
                "detail": { "back": "h",
                            "back": "b" }
              }
            }
            """
        let problems = Self.problems(user)
        let expected = [
            #"keymap.json: contexts.detail.back: duplicate JSON key (lines 13 and 14); JSON keeps only one"#,
            #"keymap.json: contexts.lists: unknown context; did you mean list?"#,
            #"keymap.json: contexts.list.aprove: unknown action; did you mean approve?"#,
            #"keymap.json: contexts.list.approve[1] "<C-m>": indistinguishable from <Enter>; use another key"#,
            #"keymap.json: contexts.list.reject "<C-s>": terminal flow control (XON/XOFF)"#,
            "keymap.json: contexts.list.filter: expected a key string, a list of key strings, or null; "
                + "found a number",
            #"keymap.json: contexts.list.filter.clear[1]: expected a key string, found true/false"#,
            #"keymap.json: contexts.list.open "s": also bound to sort.next in list "#
                + #"(built-in keymap.json: contexts.list.sort.next)"#,
        ]
        #expect(problems.count == expected.count, "\(problems.joined(separator: "\n"))")
        for (problem, prefix) in zip(problems, expected) {
            #expect(problem.hasPrefix(prefix), "\(problem)")
        }
    }

    @Test("the issue's example message, exactly")
    func exampleMessage() {
        let problems = Self.problems(#"{"version": 1, "contexts": {"list": {"approve": ["A", "<C-m>"]}}}"#)
        #expect(
            problems == [
                #"keymap.json: contexts.list.approve[1] "<C-m>": indistinguishable from <Enter>; use another key"#
            ])
    }

    @Test("a key rebound onto another default action names where that one is bound")
    func conflictWithDefault() {
        let problems = Self.problems(#"{"version": 1, "contexts": {"list": {"approve": "x"}}}"#)
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix(#"keymap.json: contexts.list.approve "x": also bound to reject in list"#)
                == true)
    }

    @Test("two actions on one key within the user file")
    func conflictWithinFile() {
        let problems = Self.problems(#"{"version": 1, "contexts": {"list": {"approve": "A", "reject": ["X", "A"]}}}"#)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("also bound to") == true)
        #expect(problems.first?.contains("(contexts.list.") == true)
    }

    @Test(
        "invariants: quit, help, dialog cancel, prompt submit/cancel, help close keep a key",
        arguments: [
            (#"{"global": {"quit": null}}"#, "contexts.global.quit: must keep at least one key"),
            (#"{"global": {"help": []}}"#, "contexts.global.help: must keep at least one key"),
            (#"{"dialog": {"cancel": null}}"#, "contexts.dialog.cancel: must keep at least one key"),
            (#"{"prompt": {"submit": null}}"#, "contexts.prompt.submit: must keep at least one key"),
            (#"{"prompt": {"cancel": null}}"#, "contexts.prompt.cancel: must keep at least one key"),
            (#"{"help": {"close": null}}"#, "contexts.help.close: must keep at least one key"),
        ])
    func invariants(contexts: String, expected: String) {
        let problems = Self.problems(#"{"version": 1, "contexts": \#(contexts)}"#)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("keymap.json: " + expected) == true, "\(problems)")
    }

    @Test("<Esc> always cancels a dialog")
    func escapeHardWired() throws {
        let keymap = try Self.load(#"{"version": 1, "contexts": {"dialog": {"cancel": "c"}}}"#).get().keymap
        #expect(keymap.action(for: .character("c"), in: .dialog) == .cancel)
        #expect(keymap.action(for: .escape, in: .dialog) == .cancel)
        #expect(keymap.action(for: .character("n"), in: .dialog) == nil)

        let problems = Self.problems(#"{"version": 1, "contexts": {"dialog": {"focus.next": ["<Tab>", "<Esc>"]}}}"#)
        #expect(
            problems == [
                #"keymap.json: contexts.dialog.focus.next[1] "<Esc>": <Esc> always cancels a dialog; "#
                    + "use another key for focus.next"
            ])
    }

    @Test("a prompt refuses keys it would type into its field")
    func promptRefusesPrintable() {
        let problems = Self.problems(#"{"version": 1, "contexts": {"prompt": {"clear": "q", "submit": "<Space>"}}}"#)
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.contains("types this key into its text field") })
    }

    @Test(
        "file-level mistakes",
        arguments: [
            (#"{"contexts": {}}"#, #"keymap.json: version: missing; add "version": 1"#),
            (#"{"version": 2}"#, "keymap.json: version: unsupported version 2; this canceldesk reads version 1"),
            (#"{"version": "1"}"#, "keymap.json: version: expected the number 1, found a string"),
            (#"{"version": 1, "keys": {}}"#, #"keymap.json: keys: unknown key; a keymap file has "version""#),
            (#"{"version": 1, "contexts": []}"#, "keymap.json: contexts: expected an object of contexts, found a list"),
            (#"{"version": 1, "contexts": {"list": "a"}}"#, "keymap.json: contexts.list: expected an object"),
            (#"[1]"#, #"keymap.json: (top level): expected an object with "version" and "contexts""#),
            (
                #"{"version": 1, "contexts": {"global": {"approve": "A"}}}"#,
                "keymap.json: contexts.global.approve: approve cannot be bound in global; it belongs to list, detail"
            ),
            (
                #"{"version": 1, "contexts": {"list": {"zzzzzz": "A"}}}"#,
                "keymap.json: contexts.list.zzzzzz: unknown action; list actions are cursor.up, cursor.down"
            ),
            (
                #"{"version": 1, "contexts": {"my list": {}}}"#,
                #"keymap.json: contexts["my list"]: unknown context; contexts are global, list, detail"#
            ),
            ("{\"version\": 1,\n  \"contexts\": {,}}", "keymap.json: not valid JSON at line 2, column 16"),
        ])
    func fileLevelMistakes(user: String, expected: String) {
        let problems = Self.problems(user)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix(expected) == true, "\(problems)")
    }

    @Test("a file without a path is called the user keymap; broken defaults are named too")
    func labels() {
        #expect(Self.problems(#"{"version": 3}"#, path: nil).first?.hasPrefix("user keymap: version:") == true)
        let result = KeymapLoader.load(defaults: "{", user: nil, userPath: nil)
        guard case .failure(let error) = result else {
            Issue.record("broken defaults loaded")
            return
        }
        #expect(error.problems.count == 1)
        #expect(error.problems.first?.hasPrefix("built-in keymap.json: not valid JSON at line 1") == true)
        #expect(error.description == error.problems.joined(separator: "\n"))
    }

    @Test("escape sequences in a file never reach the terminal raw")
    func hostileText() {
        let problems = Self.problems(#"{"version": 1, "contexts": {"\u001b[31m": {}, "list": {"open": "\u001b"}}}"#)
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { !$0.unicodeScalars.contains("\u{1b}") })
        #expect(problems.first?.contains(#"contexts["\u{1b}[31m"]"#) == true, "\(problems)")
    }

    // MARK: Warnings

    @Test("warnings: approve on <Enter>, Alt keys, a key hiding a global one, a key listed twice")
    func warnings() throws {
        let user = """
            {"version": 1, "contexts": {
              "list": {"open": "o", "approve": "<Enter>", "filter": ["q", "q"]},
              "global": {"messages": "<A-m>", "history": "k"}
            }}
            """
        let warnings = try Self.load(user).get().warnings
        let expected = [
            #"keymap.json: contexts.list.filter[1] "q": listed twice for filter; ignored"#,
            #"keymap.json: contexts.global.messages "<A-m>": Alt arrives as <Esc>"#,
            #"keymap.json: contexts.list.approve "<Enter>": approve on <Enter> is easy to press by accident"#,
            #"keymap.json: contexts.global.history "k": in list this key runs cursor.up, hiding global history"#,
            #"keymap.json: contexts.list.filter[0] "q": in list this key runs filter, hiding global quit there"#,
            #"keymap.json: contexts.global.history "k": in detail this key runs scroll.up, hiding global history"#,
            #"keymap.json: contexts.global.history "k": in help this key runs scroll.up, hiding global history"#,
        ]
        #expect(warnings.count == expected.count, "\(warnings.joined(separator: "\n"))")
        for (warning, prefix) in zip(warnings, expected) {
            #expect(warning.hasPrefix(prefix), "\(warning)")
        }
    }
}
