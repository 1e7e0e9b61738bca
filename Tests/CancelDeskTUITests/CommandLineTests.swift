import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// Issue 11: the `:` command line and `/` search in the detail view.
@Suite struct CommandLineTests {
    static func run(_ state: inout ConsoleState, _ line: String) {
        press(&state, .character(":"))
        press(&state, TestKeys.typing(line))
        press(&state, .enter)
    }

    @Test func gotoSelectsTheRequestClearingAFilterThatHidesIt() {
        var state = Fixture.state()
        press(&state, .character(":"))
        #expect(state.keyContext == .prompt && state.commandEditing)
        #expect(screen(state)[22].hasPrefix(":"))
        press(&state, TestKeys.typing("goto \(Fixture.id(4))"))
        press(&state, .enter)
        #expect(!state.commandEditing && state.keyContext == .list)
        #expect(state.selectedID == Fixture.id(4))
        Self.run(&state, "filter mp:europe")
        #expect(state.filter == "mp:europe" && state.visible.count == 6)
        Self.run(&state, "goto \(Fixture.id(4).lowercased())")
        #expect(state.selectedID == Fixture.id(4), "the filter hid it: cleared")
        #expect(state.filter.isEmpty)
    }

    @Test func sortTakesAgeAndTheOtherKeysWithADirection() {
        var state = Fixture.state()
        Self.run(&state, "sort customer")
        #expect(state.sort == SortOrder(key: .customer, ascending: true))
        Self.run(&state, "sort age desc")
        #expect(state.sort == SortOrder(key: .created, ascending: false))
        #expect(state.visibleIDs.first == Fixture.id(1), "newest first")
        Self.run(&state, "sort mp")
        #expect(state.sort.key == .marketplace)
    }

    @Test func markAllMarksWhatTheFilterShows() {
        var state = Fixture.state()
        Self.run(&state, "filter env:prod")
        Self.run(&state, "mark all")
        #expect(state.marks.count == 4)
    }

    @Test func errorsAreNamedOnTheMessageLine() {
        var state = Fixture.state()
        Self.run(&state, "frobnicate now")
        #expect(state.log.last?.level == .error)
        #expect(screen(state)[22].contains("unknown command \"frobnicate\""), "\(screen(state)[22])")
        Self.run(&state, "sort colour")
        #expect(screen(state)[22].contains("unknown sort key \"colour\""))
        Self.run(&state, "goto PR-9999-0000-0000-000")
        #expect(screen(state)[22].contains("no request PR-9999-0000-0000-000 in the list"))
        Self.run(&state, "mark some")
        #expect(state.log.last?.level == .error)
        #expect(state.marks.isEmpty)
    }

    @Test func tabCompletesCommandNamesSortKeysAndIds() {
        var state = Fixture.state()
        press(&state, .character(":"), .character("s"), .tab)
        #expect(state.command == "sort ")
        press(&state, .character("a"), .tab)
        #expect(state.command == "sort a", "age and assignee")
        press(&state, .character("g"), .tab)
        #expect(state.command == "sort age ")
        press(&state, .control("u"), .character("m"), .tab, .character("a"), .tab)
        #expect(state.command == "mark all ")
        press(&state, .control("u"))
        press(&state, TestKeys.typing("goto PR-1003"))
        press(&state, .tab)
        #expect(state.command == "goto \(Fixture.id(3)) ")
        press(&state, .control("u"))
        press(&state, TestKeys.typing("sort c"))
        press(&state, .tab)
        #expect(state.command == "sort c", "created and customer: nothing in common to add")
        #expect(state.log.last?.text.contains("customer") == true, "the candidates are listed")
        press(&state, .escape)
        #expect(!state.commandEditing && state.command.isEmpty)
    }

    @Test func aPasteIntoTheCommandLineIsText() {
        var state = Fixture.state()
        press(&state, .character(":"))
        press(&state, .paste("goto \(Fixture.id(5))\nq"))
        #expect(state.commandEditing, "the line break did not run it")
        #expect(state.command == "goto \(Fixture.id(5)) q")
    }

    // MARK: Detail search

    @Test func slashInTheDetailFindsHighlightsAndStepsThroughMatches() throws {
        var state = Fixture.state(rows: 24, columns: 80)
        press(&state, .enter)
        #expect(state.keyContext == .detail)
        press(&state, .character("/"))
        #expect(state.keyContext == .prompt)
        press(&state, TestKeys.typing("springfield"))
        let view = try #require(state.detail)
        let matches = DetailSearch.matchingRows(state, view)
        #expect(!matches.isEmpty)
        #expect(state.detailMatch == matches.first)
        press(&state, .enter)
        #expect(state.keyContext == .detail)
        let frame = render(state)
        let lines = RecordingTerminal.lines(frame)
        let row = try #require(lines.firstIndex { $0.contains("Springfield") })
        let column = try #require(lines[row].range(of: "Springfield")).lowerBound
        let x = DisplayWidth.of(String(lines[row][..<column]))
        #expect(frame[row, x].style.reverse, "the match is highlighted")
        #expect(lines[1].contains("/springfield"))
        // Every line with "0001" (the ids of the customer, the asset, the item, the hub), n forward and N back.
        press(&state, .character("/"))
        press(&state, TestKeys.typing("0001"))
        press(&state, .enter)
        let all = DetailSearch.matchingRows(state, try #require(state.detail))
        #expect(all.count >= 3)
        let current = try #require(state.detailMatch)
        let index = try #require(all.firstIndex(of: current))
        press(&state, .character("n"))
        #expect(state.detailMatch == all[(index + 1) % all.count])
        press(&state, .character("N"))
        #expect(state.detailMatch == current)
        for _ in 0...index { press(&state, .character("N")) }
        #expect(state.detailMatch == all.last, "wrapped to the bottom")
    }

    @Test func matchSpansFoldAccentsAndKeepDisplayColumns() {
        let spans = DetailSearch.spans(of: "zurich", in: "Cafe\u{301} Zu\u{308}rich GmbH")
        #expect(spans.count == 1)
        #expect(spans.first?.x == 5 && spans.first?.width == 6)
        #expect(DetailSearch.spans(of: "株式", in: "Globex 株式会社").first?.x == 7)
        #expect(DetailSearch.spans(of: "株式", in: "Globex 株式会社").first?.width == 4)
    }
}
