import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

@Suite struct ReducerListTests {
    @Test func cursorMovesWithinTheListAndTheSelectionFollows() {
        var state = Fixture.state()
        #expect(state.selectedID == Fixture.id(12), "oldest first: request 12 is the oldest")
        press(&state, .character("j"), .character("j"))
        #expect(state.cursor == 2)
        #expect(state.selectedID == state.visibleIDs[2])
        press(&state, .character("k"))
        #expect(state.cursor == 1)
        press(&state, .character("k"), .character("k"), .character("k"))
        #expect(state.cursor == 0, "never above the first row")
        press(&state, .character("G"))
        #expect(state.cursor == 11)
        press(&state, .down)
        #expect(state.cursor == 11, "never below the last row")
        press(&state, .character("g"))
        #expect(state.selectedID == state.visibleIDs[0])
    }

    @Test func pageDownMovesByAScreenAndScrollsTheViewport() {
        var state = Fixture.state(Fixture.requests(100))
        let page = ScreenLayout.listHeight(state.size)
        #expect(page == 19)
        press(&state, .pageDown)
        #expect(state.cursor == page)
        #expect(state.top == page)
        press(&state, .pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
        #expect(state.cursor == 99)
        #expect(state.top == 100 - page, "the last page is full, not scrolled past the end")
        press(&state, .pageUp)
        #expect(state.cursor == 99 - page)
        #expect(state.top <= state.cursor && state.cursor < state.top + page)
    }

    @Test func filterNarrowsAsYouTypeAndClears() {
        var state = Fixture.state()
        press(&state, .character("/"))
        #expect(state.keyContext == .prompt)
        press(&state, TestKeys.typing("acme"))
        #expect(Set(state.visibleIDs) == [Fixture.id(1), Fixture.id(5)], "the hostile ACME row matches too")
        let before = state.visibleIDs
        press(&state, TestKeys.typing(" corp"))
        #expect(state.visibleIDs == [Fixture.id(1)])
        #expect(Set(state.visibleIDs).isSubset(of: before))
        press(&state, .backspace, .backspace, .backspace, .backspace, .backspace)
        #expect(state.filter == "acme")
        #expect(state.visibleIDs == before, "widening recomputes from all rows")
        press(&state, .enter)
        #expect(state.keyContext == .list)
        #expect(state.filter == "acme", "Enter keeps the filter")
        press(&state, .escape)
        #expect(state.filter.isEmpty)
        #expect(state.visible.count == 12)
    }

    @Test func filterMatchesIdsScriptsAndFieldsCaseInsensitively() {
        var state = Fixture.state()
        press(&state, .character("/"))
        press(&state, TestKeys.typing("株式会社"))
        #expect(Set(state.visibleIDs) == [Fixture.id(2), Fixture.id(7)])
        press(&state, .control("u"))
        press(&state, TestKeys.typing("SUB-00014"))
        #expect(state.visibleIDs == [Fixture.id(2)])
        press(&state, .control("u"))
        press(&state, TestKeys.typing("japan prod"))
        #expect(!state.visible.isEmpty)
        #expect(state.visible.allSatisfy { state.table.rows[$0].marketplace == "Japan" })
        #expect(state.visible.allSatisfy { state.table.rows[$0].environment == .production })
        press(&state, .escape)
        #expect(state.filter.isEmpty && state.keyContext == .list, "Esc in the prompt clears and closes it")
    }

    @Test func narrowingGivesTheSameRowsAsFilteringFromScratch() {
        var narrowed = Fixture.state(Fixture.requests(300))
        press(&narrowed, .character("/"))
        for key in TestKeys.typing("customer 29") { press(&narrowed, key) }
        var fresh = Fixture.state(Fixture.requests(300))
        ConsoleReducer.setFilter(&fresh, "customer 29")
        #expect(narrowed.visibleIDs == fresh.visibleIDs)
        #expect(narrowed.visibleIDs.contains(Fixture.id(29)) && narrowed.visibleIDs.contains(Fixture.id(293)))
        #expect(narrowed.visible.count < 300)
    }

    @Test func sortCyclesColumnsReversesAndKeepsTheSelection() {
        var state = Fixture.state()
        press(&state, .character("j"), .character("j"))
        let selected = state.selectedID
        press(&state, .character("s"))
        #expect(state.sort == SortOrder(key: .id, ascending: true))
        #expect(state.visibleIDs == state.visibleIDs.sorted())
        #expect(state.selectedID == selected)
        #expect(state.visibleIDs[state.cursor] == selected)
        press(&state, .character("S"))
        #expect(state.visibleIDs == state.visibleIDs.sorted().reversed())
        #expect(state.visibleIDs[state.cursor] == selected)
        press(&state, .character("s"))
        #expect(state.sort.key == .customer)
        let customers = state.visible.map { state.table.rows[$0].customer.lowercased() }
        #expect(customers == customers.sorted())
    }

    @Test func selectionFollowsTheRequestAcrossARefreshWhereRowsMovedOrLeft() {
        var state = Fixture.state(Fixture.requests(10))
        press(&state, .character("j"), .character("j"), .character("j"))
        let selected = try! #require(state.selectedID)
        #expect(selected == Fixture.id(7))
        // Three older requests were handled elsewhere, two new ones arrived: the selected row moved up.
        let next = Fixture.requests(12).filter { ![Fixture.id(10), Fixture.id(9), Fixture.id(8)].contains($0.id) }
        _ = ConsoleReducer.reduce(&state, .snapshotLoaded(Fixture.loaded(next, at: Fixture.now.addingTimeInterval(30))))
        #expect(state.selectedID == selected)
        #expect(state.visibleIDs[state.cursor] == selected)
        #expect(state.cursor == 2, "12 and 11 are older and now come first")
        // The selected request itself leaves: the row now at its place is selected.
        let without = next.filter { $0.id != selected }
        _ = ConsoleReducer.reduce(
            &state, .snapshotLoaded(Fixture.loaded(without, at: Fixture.now.addingTimeInterval(60))))
        #expect(state.cursor == 2)
        #expect(state.selectedID == Fixture.id(6))
    }

    @Test func marksToggleAndMarkAllVisibleMarksOnlyWhatTheFilterShows() {
        var state = Fixture.state()
        press(&state, .space)
        #expect(state.marks == [Fixture.id(12)])
        #expect(state.cursor == 1, "marking moves on to the next row")
        press(&state, .character("k"), .space)
        #expect(state.marks.isEmpty, "space again unmarks")
        press(&state, .character("/"))
        press(&state, TestKeys.typing("japan"))
        press(&state, .enter, .character("*"))
        let japan = Set(state.visibleIDs)
        #expect(japan.count == 6)
        #expect(state.marks == japan, "only visible rows are marked")
        #expect(state.markedVisible == 6)
        press(&state, .escape)
        #expect(state.marks.count == 6 && state.markedVisible == 6)
        press(&state, .character("/"))
        press(&state, TestKeys.typing("europe"))
        #expect(state.markedVisible == 0)
        #expect(screen(state)[1].contains("6 marked (6 hidden by the filter)"))
        press(&state, .enter, .character("U"))
        #expect(state.marks.isEmpty)
    }

    @Test func autoRefreshTicksListUnlessPausedOrADialogIsOpen() {
        var state = ConsoleState(
            context: Fixture.context(), size: TerminalSize(rows: 24, columns: 80), now: Fixture.now)
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now)) == [.loadSnapshot], "the first tick lists")
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(1))).isEmpty, "one at a time")
        _ = ConsoleReducer.reduce(&state, .snapshotLoaded(Fixture.loaded(Fixture.requests(3))))
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(29))).isEmpty)
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(30))) == [.loadSnapshot])
        _ = ConsoleReducer.reduce(
            &state, .snapshotLoaded(Fixture.loaded(Fixture.requests(3), at: Fixture.now.addingTimeInterval(31))))
        press(&state, .character("p"))
        #expect(state.paused)
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(120))).isEmpty, "paused")
        #expect(screen(state)[1].contains("PAUSED"))
        #expect(press(&state, .control("r")) == [.loadSnapshot], "a manual refresh works while paused")
        _ = ConsoleReducer.reduce(
            &state, .snapshotLoaded(Fixture.loaded(Fixture.requests(3), at: Fixture.now.addingTimeInterval(121))))
        press(&state, .character("p"), .character("a"))
        #expect(state.dialog != nil)
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(600))).isEmpty, "dialog open")
        press(&state, .escape)
        #expect(ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(601))) == [.loadSnapshot])
    }

    @Test func aFailedListingKeepsTheRowsAndSaysSo() {
        var state = Fixture.state(Fixture.requests(3))
        _ = ConsoleReducer.reduce(&state, .tick(Fixture.now.addingTimeInterval(40)))
        _ = ConsoleReducer.reduce(&state, .snapshotFailed("connect transient (HTTP 503)\u{1B}[2J", at: Fixture.now))
        #expect(state.visible.count == 3)
        #expect(!state.refreshing)
        let lines = screen(state)
        #expect(lines[1].contains("listing FAILED"))
        #expect(lines[22].hasPrefix("error: listing failed: connect transient (HTTP 503)\\u{1B}[2J"))
    }
}

@Suite struct EscapeThenKeyTests {
    @Test func anUnboundAltKeyIsAnEscapeThenTheKey() {
        #expect(ConsoleLoop.split(.alt("x"), boundIn: .list, keymap: .defaults) == [.escape, .character("x")])
        #expect(ConsoleLoop.split(.alt(" "), boundIn: .list, keymap: .defaults) == [.escape, .space])
        #expect(ConsoleLoop.split(.character("x"), boundIn: .list, keymap: .defaults) == [.character("x")])
        let bound = Keymap(bindings: [.list: [.approve: [.alt("a")]]])
        #expect(ConsoleLoop.split(.alt("a"), boundIn: .list, keymap: bound) == [.alt("a")])
    }
}
