import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// Deterministic data, keymap and helpers for the console tests.
enum Fixture {
    /// 2023-11-14 22:13:20 UTC.
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let product = "PRD-100-200-300"
    static let otherProduct = "PRD-400-500-600"
    static let template = "TL-100-200-300"
    static let hostileCustomer = "ACME\u{1B}]0;pwn\u{07}\r\u{9B}2J\u{202E}"

    static func id(_ number: Int) -> String {
        "PR-\(String(format: "%04d", 1000 + number))-5555-1234-001"
    }

    static let names = [
        "Acme Corporation", "株式会社サンプル商事", "Cafe\u{301} Zu\u{308}rich GmbH", "Ελληνική Εταιρεία ΑΕ",
        hostileCustomer, "Northwind Traders", "Globex 株式会社", "Initech LLC",
        "Very Long Customer Name Incorporated International Holdings Limited", "Umbrella Corp",
    ]

    /// Request `number` (1-based): names in several scripts, three environments, two marketplaces; request 7
    /// lacks the subscription parameter; request 5 is hostile.
    static func request(_ number: Int) -> FulfillmentRequest {
        let name = number <= names.count ? names[number - 1] : "Customer \(number)"
        let types: [ConnectionType] = [.production, .test, .preview]
        var params = [
            Parameter(
                id: "customer_email", name: "customer_email", title: "Customer e-mail", phase: .ordering,
                value: "ops\(number)@example.com"),
            Parameter(id: "seats", title: "Seats", phase: .ordering, value: "\(number * 5)"),
            Parameter(
                id: "subscription_id", title: "Vendor subscription", phase: .fulfillment,
                value: "SUB-\(String(format: "%05d", number * 7))"),
            Parameter(id: "tenant_note", title: "Tenant note", phase: .configuration, value: "line one\nline two"),
        ]
        if number == 7 { params.removeAll { $0.id == "subscription_id" } }
        if number == 5 { params[0].value = "evil\u{1B}[2J@example.com" }
        let marketplace =
            number % 2 == 0
            ? Reference(id: "MP-91673", name: "Japan") : Reference(id: "MP-04117", name: "Europe")
        return FulfillmentRequest(
            id: id(number), type: .cancel, status: .pending,
            created: now.addingTimeInterval(-Double(number) * 5_400 - 30),
            note: number == 1 ? "Customer called support twice." : "",
            assignee: number % 3 == 0 ? .user(id: "UR-1", name: "Dana Ops", email: "dana@vendor.example") : .none,
            marketplace: marketplace,
            asset: Asset(
                id: "AS-\(String(format: "%04d", 2000 + number))-0001-0002", status: .terminating,
                externalID: "\(100_000 + number)", externalUID: "9d7a-\(number)",
                product: Product(
                    id: number % 4 == 0 ? otherProduct : product, name: number % 4 == 0 ? "Mail Pro" : "Cloud Backup",
                    status: "published"),
                connection: Connection(
                    id: "CT-0000-0000-000\(number % 3)", type: types[number % 3],
                    provider: Reference(id: "PA-000-001", name: "Provider One"),
                    vendor: Reference(id: "VA-000-002", name: "Vendor Two"),
                    hub: Reference(id: "HB-0000-0001", name: "Main Hub")),
                items: [
                    Item(
                        id: "PRD-100-200-300-0001", mpn: "BACKUP-1TB", quantity: "0", oldQuantity: "\(number)",
                        unit: "unit",
                        displayName: "Backup 1 TB", period: "monthly", itemType: "PPU")
                ],
                params: params,
                tiers: Tiers(
                    customer: TierAccount(
                        id: "TA-\(String(format: "%04d", number))-0001", externalID: "C\(number)", name: name,
                        type: "customer",
                        contactInfo: ContactInfo(
                            addressLine1: "\(number) Main Street", city: "Springfield", postalCode: "12345",
                            country: "US",
                            contact: Contact(
                                firstName: "Pat", lastName: "Lee", email: "pat\(number)@customer.example",
                                phone: "+1 555 0100"))),
                    tier1: TierAccount(id: "TA-9000-0001", name: "Reseller Prime", type: "reseller")),
                marketplace: marketplace))
    }

    /// The fixture request with this id (as ``id(_:)`` makes them).
    static func request(id: String) -> FulfillmentRequest? {
        let parts = id.split(separator: "-")
        guard parts.count == 5, parts[0] == "PR", let number = Int(parts[1]), number > 1000 else { return nil }
        let request = request(number - 1000)
        return request.id == id ? request : nil
    }

    static func requests(_ count: Int) -> [FulfillmentRequest] {
        (1...count).map(request)
    }

    static func context(readOnly: Bool = false, demo: Bool = true) -> ConsoleContext {
        ConsoleContext(
            accountLabel: "Vendor Two (VA-000-002)", endpoint: "http://127.0.0.1:8080/public/v1", isDemo: demo,
            readOnly: readOnly, templates: [product: template, otherProduct: "TL-400-500-600"], defaultTemplate: nil,
            vendorDescription: "POST http://127.0.0.1:8080/vendor/v1/subscriptions/{id}/cancel",
            keymapNotes: ["keymap: built-in defaults"])
    }

    static func loaded(_ requests: [FulfillmentRequest], at: Date = now) -> LoadedSnapshot {
        LoadedSnapshot(
            RequestSnapshot(requests: requests, reportedTotal: requests.count),
            subscriptionParameter: "subscription_id",
            at: at)
    }

    /// A console that listed `requests` at `now`.
    static func state(
        _ requests: [FulfillmentRequest] = Fixture.requests(12), rows: Int = 24, columns: Int = 80,
        readOnly: Bool = false
    ) -> ConsoleState {
        var state = ConsoleState(
            context: context(readOnly: readOnly), size: TerminalSize(rows: rows, columns: columns), now: now,
            hints: TestKeys.hints(readOnly: readOnly))
        _ = ConsoleReducer.reduce(&state, .tick(now))
        _ = ConsoleReducer.reduce(&state, .snapshotLoaded(loaded(requests)))
        return state
    }
}

/// The bindings the tests use: those of the shipped keymap.json, written out here so these tests do not depend
/// on the keymap loader.
enum TestKeys {
    static let keymap = Keymap(bindings: [
        .global: [
            .quit: [.character("q"), .control("c")], .help: [.character("?"), .function(1)],
            .refresh: [.character("R"), .control("r")], .messages: [.character("M")], .history: [.character("H")],
        ],
        .list: [
            .cursorUp: [.character("k"), .up], .cursorDown: [.character("j"), .down],
            .pageUp: [.pageUp, .control("b")], .pageDown: [.pageDown, .control("f")],
            .cursorTop: [.character("g"), .home], .cursorBottom: [.character("G"), .end],
            .open: [.enter, .character("l")], .filter: [.character("/")], .filterClear: [.escape],
            .reviewFilter: [.character("r")],
            .sortNext: [.character("s")], .sortReverse: [.character("S")], .markToggle: [.space],
            .markAllVisible: [.character("*")], .markClear: [.character("U")], .markUndo: [.character("u")],
            .approve: [.character("a")], .reject: [.character("x")], .refreshPause: [.character("p")],
            .previewToggle: [.character("v")], .copyID: [.character("c")], .copySubscription: [.character("C")],
            .matchNext: [.character("n")], .matchPrev: [.character("N")], .command: [.character(":")],
            .sortLeft: [.character("<")], .sortRight: [.character(">")],
        ],
        .detail: [
            .back: [.escape, .character("h"), .left], .scrollUp: [.character("k"), .up],
            .scrollDown: [.character("j"), .down], .itemNext: [.character("J")], .itemPrev: [.character("K")],
            .approve: [.character("a")], .reject: [.character("x")], .markToggle: [.space],
            .copyID: [.character("c")], .copySubscription: [.character("C")],
            .search: [.character("/")], .matchNext: [.character("n")], .matchPrev: [.character("N")],
        ],
        .dialog: [
            .confirm: [.character("y")], .cancel: [.character("n"), .escape],
            .focusNext: [.tab, .right], .focusPrev: [.backTab, .left], .activate: [.enter],
            .scopeOne: [.character("o")], .scopeMarked: [.character("m")],
            .scrollUp: [.up, .character("k")], .scrollDown: [.down, .character("j")],
            .pageUp: [.pageUp], .pageDown: [.pageDown],
        ],
        .prompt: [
            .submit: [.enter], .cancel: [.escape], .deleteWord: [.control("w")], .clear: [.control("u")],
            .presetNext: [.tab, .down], .presetPrev: [.backTab, .up], .cursorLeft: [.left], .cursorRight: [.right],
            .lineStart: [.home, .control("a")], .lineEnd: [.end, .control("e")], .pageUp: [.pageUp],
            .pageDown: [.pageDown],
        ],
        .help: [
            .close: [.escape, .character("q"), .character("?")], .scrollUp: [.character("k"), .up],
            .scrollDown: [.character("j"), .down],
        ],
        .progress: [.batchStop: [.escape, .control("c")], .batchHide: [.enter]],
    ])

    static func effective(readOnly: Bool) -> Keymap {
        readOnly ? keymap.withoutDestructiveActions() : keymap
    }

    static func notation(_ key: Key) -> String {
        KeyNotation.canonical(key)
    }

    /// Help lines straight from the keymap, in `KeyAction` order.
    static func hints(readOnly: Bool) -> KeyHints {
        let keymap = effective(readOnly: readOnly)
        return KeyHints(keymap: keymap, notation: notation) { context in
            KeyAction.allCases.compactMap { action in
                let keys = keymap.keys(for: action, in: context)
                guard !keys.isEmpty else { return nil }
                return HelpLine(
                    keys: keys.map(notation).joined(separator: ", "), action: action.rawValue,
                    description: action.rawValue.replacingOccurrences(of: ".", with: " "))
            }
        }
    }

    /// The keys of `text`, one per character (space as `.space`).
    static func typing(_ text: String) -> [Key] {
        text.map { $0 == " " ? .space : .character($0) }
    }
}

/// Presses keys as the run loop would: each is looked up in the context the state is in at that moment.
@discardableResult
func press(_ state: inout ConsoleState, _ keys: Key..., readOnly: Bool = false) -> [ConsoleCommand] {
    press(&state, keys, readOnly: readOnly)
}

/// Presses keys; a request the reducer asks to read (the detail view) is answered at once from ``Fixture``,
/// as a quick backend would (the commands returned still include the `.loadRequest`).
@discardableResult
func press(_ state: inout ConsoleState, _ keys: [Key], readOnly: Bool = false) -> [ConsoleCommand] {
    let keymap = TestKeys.effective(readOnly: readOnly)
    var commands: [ConsoleCommand] = []
    for key in keys {
        let issued = ConsoleReducer.reduce(&state, .key(keymap.action(for: key, in: state.keyContext), key))
        for case .loadRequest(let id) in issued {
            if let request = Fixture.request(id: id) { _ = ConsoleReducer.reduce(&state, .requestLoaded(request)) }
        }
        commands += issued
    }
    return commands
}

/// Renders `state` with the test hints.
func render(_ state: ConsoleState) -> Frame {
    ConsoleRenderer.render(state, hints: TestKeys.hints(readOnly: state.context.readOnly))
}

/// The frame as text lines.
func screen(_ state: ConsoleState) -> [String] {
    RecordingTerminal.lines(render(state))
}

/// The commands with the subscription expectations and the batch number left out, for tests about ids and
/// decisions.
func withoutExpectations(_ commands: [ConsoleCommand]) -> [ConsoleCommand] {
    commands.map { command in
        if case .process(let ids, let decision, _, _) = command { return .process(requestIDs: ids, decision: decision) }
        return command
    }
}

/// The engine's result for one request, as the console receives it.
func finished(_ id: String, _ kind: RequestResult.Kind, _ detail: String = "") -> ConsoleEvent {
    .engine(.finished(RequestResult(requestID: id, kind: kind, detail: detail)))
}
