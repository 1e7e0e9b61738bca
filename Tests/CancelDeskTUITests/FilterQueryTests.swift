import CancelDeskCore
import Foundation
import Testing

@testable import CancelDeskTUI

/// The filter language: field terms, negation, accent- and case-insensitive matching, and the "0 of N" hint.
@Suite struct FilterQueryTests {
    /// The twelve fixture requests, with requests 2, 4 and 6 renamed to accented names.
    static func requests() -> [FulfillmentRequest] {
        var requests = Fixture.requests(12)
        requests[1].asset.tiers.customer?.name = "Québec Énergie"
        requests[3].asset.tiers.customer?.name = "Łódź Logistics"
        requests[5].asset.tiers.customer?.name = "Çelik Yapı"
        return requests
    }

    static func filtered(_ text: String) -> Set<String> {
        var state = Fixture.state(requests())
        press(&state, .character("/"))
        press(&state, TestKeys.typing(text))
        return Set(state.visibleIDs)
    }

    @Test func accentsAndCaseAreIgnoredOnBothSides() {
        #expect(Self.filtered("quebec") == [Fixture.id(2)])
        #expect(Self.filtered("QUÉBEC") == [Fixture.id(2)])
        #expect(Self.filtered("customer:québec") == [Fixture.id(2)])
        #expect(Self.filtered("lodz") == [Fixture.id(4)], "Ł folds to l")
        #expect(Self.filtered("celik") == [Fixture.id(6)])
        #expect(Self.filtered("zurich") == [Fixture.id(3)], "a decomposed ü (u + U+0308) folds too")
        #expect(Self.filtered("株式会社").count == 1, "other scripts still match as typed")
    }

    @Test func fieldTermsLookOnlyInTheirField() {
        #expect(Self.filtered("customer:acme") == [Fixture.id(1), Fixture.id(5)])
        #expect(Self.filtered("product:mail") == [Fixture.id(4), Fixture.id(8), Fixture.id(12)])
        #expect(Self.filtered("product:prd-400") == [Fixture.id(4), Fixture.id(8), Fixture.id(12)], "the id behind it")
        #expect(Self.filtered("env:prod").count == 4)
        #expect(Self.filtered("env:production").count == 4)
        #expect(Self.filtered("mp:japan").count == 6)
        #expect(Self.filtered("mp:MP-91673").count == 6)
        #expect(Self.filtered("id:PR-1003") == [Fixture.id(3)])
        #expect(Self.filtered("sub:SUB-00014") == [Fixture.id(2)])
        #expect(Self.filtered("sub:AS-2003") == [Fixture.id(3)], "the Connect subscription id too")
        #expect(Self.filtered("assignee:dana").count == 4)
        #expect(Self.filtered("customer:japan").isEmpty, "a marketplace name is not a customer")
        #expect(Self.filtered("customer:").count == 12, "a field with no word yet filters nothing")
    }

    @Test func negationExcludesWordsAndFieldTerms() {
        let notAcme = Self.filtered("!acme")
        #expect(notAcme.count == 10)
        #expect(!notAcme.contains(Fixture.id(1)) && !notAcme.contains(Fixture.id(5)))
        #expect(Self.filtered("!env:prod").count == 8)
        #expect(Self.filtered("mp:japan !product:mail") == [Fixture.id(2), Fixture.id(6), Fixture.id(10)])
        #expect(Self.filtered("!").count == 12, "a lone ! is still being typed")
    }

    @Test func quotesKeepSpacesInAWord() {
        #expect(Self.filtered(#"customer:"acme corp""#) == [Fixture.id(1)])
    }

    @Test func narrowingIsOnlyUsedWhenItCannotWiden() {
        #expect(FilterQuery("acme corp").narrows(FilterQuery("acme")))
        #expect(FilterQuery("customer:acme").narrows(FilterQuery("acm")))
        #expect(!FilterQuery("!acme").narrows(FilterQuery("!ac")), "a longer negated word lets more rows through")
        #expect(!FilterQuery("customer:").narrows(FilterQuery("cust")))
        #expect(!FilterQuery("acme").narrows(FilterQuery("customer:acme")))
        // Typing character by character gives what filtering from scratch gives, negations included.
        for text in ["!acme", "customer:acme", "!env:prod mp:europe", "japan !mail"] {
            var typed = Fixture.state(Self.requests())
            press(&typed, .character("/"))
            press(&typed, TestKeys.typing(text))
            var pasted = Fixture.state(Self.requests())
            press(&pasted, .character("/"))
            press(&pasted, .paste(text))
            #expect(typed.visibleIDs == pasted.visibleIDs, "\(text)")
        }
    }

    @Test func nothingMatchingSaysZeroOfN() {
        var state = Fixture.state(Self.requests())
        press(&state, .character("/"))
        press(&state, TestKeys.typing("nosuchcustomer"))
        #expect(state.visible.isEmpty)
        let lines = screen(state)
        #expect(lines.contains { $0.contains("0 of 12 match") }, "\(lines.joined(separator: "\n"))")
        press(&state, .enter)
        #expect(screen(state).contains { $0.contains("0 of 12 match") })
    }

    @Test func theSummaryKeepsTheSortWhenAFilterIsActive() {
        var state = Fixture.state(Self.requests(), columns: 80)
        press(&state, .character("/"))
        press(&state, TestKeys.typing("customer:acme corporation !env:preview"))
        press(&state, .enter)
        let summary = screen(state)[1]
        #expect(summary.contains("sort: oldest first"), "\(summary)")
    }
}
