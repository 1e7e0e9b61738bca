import CancelDeskCore
import Foundation

/// Requests waiting for a person: their marks and reasons (from the journal), the needs-review filter, and the
/// vendor's message as the first reject reason offered.
extension ConsoleReducer {
    /// The journal's needs_review rows arrived (with each listing): they replace what was known, so the marks
    /// and reasons survive restarts and follow decisions made elsewhere.
    static func reviewsLoaded(_ state: inout ConsoleState, _ entries: [JournalEntry]) {
        var reviews: [String: ReviewNote] = [:]
        reviews.reserveCapacity(entries.count)
        for entry in entries where entry.state == .needsReview { reviews[entry.requestID] = ReviewNote(entry) }
        guard reviews != state.reviews else { return }
        state.reviews = reviews
        if state.reviewOnly { refilter(&state) }
    }

    /// A result of this session: a new needs-review request is marked with its cause; a decided one is no longer.
    static func noteReview(_ state: inout ConsoleState, _ result: RequestResult) {
        switch result.kind {
        case .needsReview:
            guard !result.awaitingReview || state.reviews[result.requestID] == nil else { return }
            state.reviews[result.requestID] = ReviewNote(cause: result.reviewCause ?? .unknown, message: result.detail)
        case .approved, .rejected:
            state.reviews.removeValue(forKey: result.requestID)
        case .skipped, .failed:
            return
        }
        if state.reviewOnly { refilter(&state) }
    }

    /// `filter.review`: shows only the requests that need review, or every request again.
    static func toggleReviewFilter(_ state: inout ConsoleState) {
        state.reviewOnly.toggle()
        refilter(&state)
        let text =
            state.reviewOnly
            ? "showing only the \(state.visible.count) request(s) that need review; press it again for all"
            : "showing every request again"
        state.log.add(.info, text, at: state.now)
    }

    /// `rows` without those that do not need review, while the needs-review filter is on.
    static func reviewFiltered(_ state: ConsoleState, _ rows: [Int]) -> [Int] {
        guard state.reviewOnly else { return rows }
        return rows.filter { state.reviews[state.table.rows[$0].id] != nil }
    }

    private static func refilter(_ state: inout ConsoleState) {
        state.visible = reviewFiltered(state, state.table.corpus.filter(state.sorted, state.appliedQuery))
        recountMarkedVisible(&state)
        followSelection(&state, fallback: 0)
    }
}

extension ConsoleState {
    /// The reject reasons offered in the open reject dialog: the vendor's message of each target the vendor
    /// refused (at most three, first), then the configured presets.
    var rejectPresets: [String] {
        var offered: [String] = []
        for target in dialog?.targets ?? [] {
            guard let reason = reviews[target.id]?.presetReason, !offered.contains(reason) else { continue }
            offered.append(reason)
            if offered.count == 3 { break }
        }
        return offered + context.rejectPresets.filter { !offered.contains($0) }
    }
}
