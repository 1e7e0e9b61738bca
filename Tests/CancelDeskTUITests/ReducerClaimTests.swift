import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// `console.claim_on_open`: opening or deciding an unassigned request assigns it to the operator; the refreshed
/// list then shows the assignee. Off by default; never for requests someone already holds.
@Suite struct ReducerClaimTests {
    static func claiming(_ on: Bool = true) -> ConsoleState {
        var state = Fixture.state()
        state.context.assignee = .email("me@vendor.example")
        state.context.claimOnOpen = on
        return state
    }

    /// Moves the selection to request `number`.
    static func select(_ state: inout ConsoleState, _ number: Int) {
        for _ in 0..<20 where state.selectedID != Fixture.id(number) { press(&state, .character("j")) }
    }

    @Test func openingAnUnassignedRequestClaimsIt() {
        var state = Self.claiming()
        Self.select(&state, 1)
        let commands = press(&state, .enter)
        #expect(commands.contains(.claim(requestID: Fixture.id(1))))
    }

    @Test func offByDefaultAndNeverForARequestSomeoneHolds() {
        var off = Self.claiming(false)
        Self.select(&off, 1)
        #expect(!press(&off, .enter).contains { if case .claim = $0 { true } else { false } })
        var state = Self.claiming()
        Self.select(&state, 3) // assigned to dana@vendor.example
        #expect(!press(&state, .enter).contains { if case .claim = $0 { true } else { false } })
        #expect(state.context.isAssignedElsewhere(Fixture.request(3).assignee))
        #expect(!state.context.isAssignedElsewhere(Fixture.request(1).assignee))
    }

    @Test func decidingClaimsTheDecidedRequests() {
        var state = Self.claiming()
        Self.select(&state, 2)
        press(&state, .character("a"))
        let commands = press(&state, .character("y"))
        #expect(commands.contains { if case .process = $0 { true } else { false } })
        #expect(commands.contains(.claim(requestID: Fixture.id(2))))
    }

    @Test func aClaimShowsInTheDetailAndRefreshesTheList() {
        var state = Self.claiming()
        Self.select(&state, 1)
        press(&state, .enter)
        var request = Fixture.request(1)
        request.assignee = .user(id: "UR-9", name: "Me", email: "me@vendor.example")
        let commands = ConsoleReducer.reduce(&state, .claimed(request))
        #expect(commands == [.loadSnapshot])
        #expect(state.detail?.request?.assignee.label == "me@vendor.example")
        #expect(state.log.entries.last?.text.contains("assigned to me@vendor.example") == true)
        _ = ConsoleReducer.reduce(&state, .claimFailed(requestID: Fixture.id(1), "HTTP 400"))
        #expect(state.log.entries.last?.text.contains("could not be assigned") == true)
    }
}
