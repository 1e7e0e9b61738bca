import Testing

@testable import CancelDeskTUI

@Suite("Keymap table and help")
struct KeymapTableTests {
    static func keymap(_ user: String? = nil) throws -> Keymap {
        try KeymapLoader.load(defaults: DefaultKeymap.json, user: user, userPath: "keymap.json").get().keymap
    }

    @Test("the --check table has a row for every action of every context, in canonical notation")
    func tableCoversEverything() throws {
        let text = KeymapTable.text(try Self.keymap())
        let rows = text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(rows.first == ["CONTEXT", "ACTION", "KEYS"])
        for context in KeyContext.allCases {
            for action in KeyAction.allCases where action.contexts.contains(context) {
                #expect(
                    rows.contains { $0.count >= 3 && $0[0] == context.rawValue && $0[1] == action.rawValue },
                    "no row for \(context.rawValue) \(action.rawValue)")
            }
        }
        #expect(text.contains("list      approve          a\n"))
        #expect(text.contains("global    quit             q <C-c>\n"))
        #expect(text.contains("dialog    cancel           n <Esc>\n"))
        #expect(text.contains("prompt    delete.word      <C-w>\n"))
        #expect(text.hasSuffix("dialog and prompt do not. <Esc> always cancels a dialog or stops its batch.\n"))
    }

    @Test("the table's key column is aligned")
    func tableAligned() throws {
        let text = KeymapTable.text(try Self.keymap())
        let rows = text.split(separator: "\n").prefix { !$0.hasPrefix("list, detail") }
        let offsets = Set(
            rows.map { row -> Int in
                let words = row.split(separator: " ")
                return row.distance(from: row.startIndex, to: words[2].startIndex)
            })
        #expect(offsets.count == 1)
    }

    @Test("the table shows rebindings and unbound actions")
    func tableShowsOverrides() throws {
        let user = #"{"version": 1, "contexts": {"list": {"approve": "A", "reject": null}}}"#
        let text = KeymapTable.text(try Self.keymap(user))
        #expect(text.contains("list      approve          A\n"))
        #expect(text.contains("list      reject           (unbound)\n"))
        #expect(text.contains("detail    reject           x\n"))
    }

    @Test("help rows: the context's own bindings first, then the global ones it does not hide")
    func helpListOrder() throws {
        let lines = KeymapTable.helpLines(try Self.keymap(), context: .list)
        let actions = lines.map(\.action)
        let globalStart = try #require(actions.firstIndex(of: "quit"))
        #expect(actions[..<globalStart].allSatisfy { KeyAction(rawValue: $0)?.contexts.contains(.list) == true })
        #expect(Array(actions[globalStart...]) == ["quit", "help", "refresh", "messages", "history"])
        let approve = try #require(lines.first { $0.action == "approve" })
        #expect(approve.keys == "a")
        #expect(approve.description == KeyAction.approve.helpText)
        #expect(lines.first { $0.action == "mark.toggle" }?.keys == "<Space>")
    }

    @Test("help reflects the effective keymap: approve on A shows A")
    func helpShowsRebinding() throws {
        let user = #"{"version": 1, "contexts": {"list": {"approve": "A"}, "detail": {"approve": "A"}}}"#
        let keymap = try Self.keymap(user)
        for context in [KeyContext.list, .detail] {
            let approve = KeymapTable.helpLines(keymap, context: context).first { $0.action == "approve" }
            #expect(approve?.keys == "A")
        }
    }

    @Test("help drops global keys a context takes over, and rows left with none")
    func helpHidesShadowedGlobals() throws {
        let lines = KeymapTable.helpLines(try Self.keymap(), context: .help)
        #expect(lines.first { $0.action == "close" }?.keys == "<Esc> ? q")
        #expect(lines.first { $0.action == "quit" }?.keys == "<C-c>")
        #expect(lines.first { $0.action == "help" }?.keys == "<F1>")

        let keymap = try Self.keymap(#"{"version": 1, "contexts": {"help": {"close": ["<Esc>", "?", "<F1>"]}}}"#)
        #expect(!KeymapTable.helpLines(keymap, context: .help).contains { $0.action == "help" })
    }

    @Test("dialog and prompt help lists no global keys; global help lists only global keys")
    func helpWithoutFallback() throws {
        let keymap = try Self.keymap()
        let globals = Set(KeyAction.allCases.filter { $0.contexts.contains(.global) }.map(\.rawValue))
        for context in [KeyContext.dialog, .prompt] {
            let actions = KeymapTable.helpLines(keymap, context: context).map(\.action)
            #expect(!actions.isEmpty)
            #expect(globals.isDisjoint(with: actions), "\(context)")
        }
        #expect(
            KeymapTable.helpLines(keymap, context: .global).map(\.action) == [
                "quit", "help", "refresh", "messages", "history",
            ])
    }

    @Test("read-only help has no approve or reject")
    func helpReadOnly() throws {
        let keymap = try Self.keymap().withoutDestructiveActions()
        for context in KeyContext.allCases {
            let actions = KeymapTable.helpLines(keymap, context: context).map(\.action)
            #expect(!actions.contains("approve") && !actions.contains("reject"))
        }
        #expect(KeymapTable.text(keymap).contains("list      approve          (unbound)\n"))
    }

    @Test("every action has a short description")
    func descriptions() {
        for action in KeyAction.allCases {
            #expect(!action.helpText.isEmpty)
            #expect(action.helpText.count <= 60, "\(action.rawValue)")
        }
    }
}
