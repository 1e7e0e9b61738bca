import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// Issue 11: columns that fit (ids whole, names cut), `<`/`>` to move the sort column, locale-aware name sorting,
/// and `n`/`N` through the filter's matches.
@Suite struct ListColumnsAndSortTests {
    /// Requests shaped like the sandbox's: long marketplace names, `SUB-XXXX-XXXX-XXXX` ids, long customer names.
    static func sandboxLike(_ count: Int = 12) -> [FulfillmentRequest] {
        let marketplaces = ["Marketplace EUROPE", "Marketplace North America", "Marketplace APAC"]
        return Fixture.requests(count).enumerated().map { index, request in
            var request = request
            let marketplace = Reference(id: "MP-8451\(index % 3)", name: marketplaces[index % 3])
            request.marketplace = marketplace
            request.asset.marketplace = marketplace
            request.asset.tiers.customer?.name = "Customer Holding Number \(index) International"
            for position in request.asset.params.indices where request.asset.params[position].id == "subscription_id" {
                request.asset.params[position].value = "SUB-00A\(index % 10)-4F2C-9D1E"
            }
            return request
        }
    }

    /// The list's rows (not the preview pane below them).
    static func rowLines(_ state: ConsoleState) -> [String] {
        let lines = screen(state)
        let top = ScreenLayout.listTop
        let end = min(top + state.listHeight, lines.count)
        return top < end ? lines[top..<end].filter { $0.contains("PR-") } : []
    }

    @Test(arguments: [(120, 35), (80, 24), (60, 12)])
    func idsAreNeverCutAndTheScreenStaysReadable(columns: Int, rows: Int) {
        let state = Fixture.state(Self.sandboxLike(), rows: rows, columns: columns)
        let lines = Self.rowLines(state)
        #expect(!lines.isEmpty)
        for (line, id) in zip(lines, state.visibleIDs) {
            #expect(line.contains(id), "the request id whole at \(columns): \(line)")
        }
        let layout = ListColumns(width: columns, content: state.table.widths).layout
        #expect(layout.map(\.column).prefix(4) == [.id, .age, .environment, .customer], "at \(columns)")
        if layout.contains(where: { $0.column == .subscription }) {
            #expect(lines.allSatisfy { $0.contains("(missing)") || $0.contains("-4F2C-9D1E") }, "never cut")
        }
        #expect((layout.last.map { $0.x + $0.width } ?? 0) <= columns)
    }

    @Test func at120ColumnsTheMarketplaceNameAndTheWholeVendorSubShow() {
        let state = Fixture.state(Self.sandboxLike(), rows: 35, columns: 120)
        let lines = Self.rowLines(state)
        #expect(lines.contains { $0.contains("North America") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.allSatisfy { $0.contains("(missing)") || $0.contains("-4F2C-9D1E") })
        let header = screen(state)[2]
        #expect(header.contains("MARKETPLACE") && header.contains("VENDOR SUB") && header.contains("ASSIGNEE"))
        let fixture = Self.rowLines(Fixture.state(rows: 35, columns: 120))
        #expect(fixture.contains { $0.contains("dana@vendor.example") }, "the assignee e-mail whole when it fits")
    }

    @Test func nameSortingFoldsAccentsAndCase() {
        var requests = Fixture.requests(6)
        let names = ["Zeta AG", "Łódź Logistics", "Çelik Yapı", "apex", "Mango", "ÉCOLE"]
        for index in requests.indices { requests[index].asset.tiers.customer?.name = names[index] }
        var state = Fixture.state(requests)
        ConsoleReducer.runCommand(&state, "sort customer")
        let sorted = state.visible.map { state.table.rows[$0].customer }
        #expect(sorted == ["apex", "Çelik Yapı", "ÉCOLE", "Łódź Logistics", "Mango", "Zeta AG"])
    }

    @Test func sortBySLIPutsTheFewestDaysFirstAndRequestsWithoutOneLast() {
        var requests = Fixture.requests(4)
        requests[0].sli = ServiceLevelIndicator(days: 9, zone: 1)
        requests[2].sli = ServiceLevelIndicator(days: 1, zone: 2)
        var state = Fixture.state(requests)
        ConsoleReducer.runCommand(&state, "sort sli")
        #expect(state.sort.key == .sli)
        #expect(state.visibleIDs == [Fixture.id(3), Fixture.id(1), Fixture.id(2), Fixture.id(4)])
    }

    @Test func angleBracketsMoveTheSortColumnAsHtopDoes() {
        var state = Fixture.state(columns: 120)
        #expect(state.sort.key == .created)
        press(&state, .character(">"))
        #expect(state.sort.key == .environment, "AGE is followed by ENV on screen")
        press(&state, .character(">"))
        #expect(state.sort.key == .customer)
        press(&state, .character("<"), .character("<"), .character("<"))
        #expect(state.sort.key == .id)
        press(&state, .character("<"))
        #expect(state.sort.key == .assignee, "wraps to the last column shown")
        #expect(screen(state)[2].contains("ASSIGNEE↑"))
    }

    @Test func nAndNStepThroughTheMatchesAndWrap() {
        var state = Fixture.state()
        press(&state, .character("n"))
        #expect(state.cursor == 0)
        #expect(state.log.last?.text.contains("no filter") == true)
        press(&state, .character("/"))
        press(&state, TestKeys.typing("mp:japan"))
        press(&state, .enter)
        #expect(state.visible.count == 6)
        press(&state, .character("n"), .character("n"))
        #expect(state.cursor == 2)
        press(&state, .character("N"), .character("N"), .character("N"))
        #expect(state.cursor == 5, "wraps to the last match")
        #expect(state.log.last?.text == "wrapped to the last match")
        press(&state, .character("n"))
        #expect(state.cursor == 0)
    }

    // MARK: Connection trouble

    @Test func aFirstListingThatFailsShowsTheErrorAndACountdownThenRetriesWithBackoff() {
        var state = ConsoleState(
            context: Fixture.context(), size: TerminalSize(rows: 24, columns: 80), now: Fixture.now,
            hints: TestKeys.hints(readOnly: false))
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now)) == [.loadSnapshot])
        let error = "connect transient: network error: connection refused (127.0.0.1:9)"
        _ = ConsoleReducer.reduce(&state, .snapshotFailed(error, at: Fixture.now))
        var lines = screen(state)
        #expect(lines.contains { $0.contains("Could not list the queue from Connect") }, "\(lines)")
        #expect(lines.contains { $0.contains("connection refused") })
        #expect(lines.contains { $0.contains("retrying in 2s") })
        #expect(lines.contains { $0.contains("R retries now") })
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(1))).isEmpty)
        #expect(screen(state).contains { $0.contains("retrying in 1s") }, "the countdown moves")
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(2))) == [.loadSnapshot])
        _ = ConsoleReducer.reduce(&state, .snapshotFailed(error, at: Fixture.now.addingTimeInterval(2)))
        #expect(state.retryAt == Fixture.now.addingTimeInterval(6), "the second wait doubles")
        lines = screen(state)
        #expect(lines.contains { $0.contains("retrying in 4s (attempt 3)") }, "\(lines)")
        #expect(ConsoleReducer.retryDelay(afterFailures: 10) == 60, "capped")
        // It comes back: the rows show and the backoff is forgotten.
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(6))) == [.loadSnapshot])
        _ = ConsoleReducer.reduce(&state, .snapshotLoaded(Fixture.loaded(Fixture.requests(3))))
        #expect(state.retryAt == nil && state.listingFailures == 0)
        #expect(screen(state).contains { $0.contains(Fixture.id(1)) })
    }

    @Test func aRefreshThatFailsWhileRowsShowSaysWhenItRetries() {
        var state = Fixture.state(Fixture.requests(3))
        _ = ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(40)))
        let failed = ConsoleEvent.snapshotFailed("connect transient (HTTP 503)", at: Fixture.now.addingTimeInterval(40))
        _ = ConsoleReducer.reduce(&state, failed)
        #expect(screen(state)[1].contains("listing FAILED · retry in 2s"), "\(screen(state)[1])")
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(42))) == [.loadSnapshot])
    }

    @Test func theAccountIsNamedOnceConnectAnswers() {
        var state = Fixture.state(Fixture.requests(3))
        _ = ConsoleReducer.reduce(&state, .accountResolved("Vendor Three (VA-000-003)"))
        #expect(screen(state)[0].contains("Vendor Three (VA-000-003)"))
    }
}
