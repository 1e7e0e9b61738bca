public import CancelDeskCore

/// A journal in memory, with an optional failure after N writes (a full disk).
public actor InMemoryJournal: DecisionJournal {
    public private(set) var entries: [JournalEntry] = []
    private var currentByRequest: [String: JournalEntry] = [:]
    private var writesUntilFailure: Int?

    public init() {}

    /// The next `count` writes succeed; every one after throws.
    public func failAfter(_ count: Int) {
        writesUntilFailure = count
    }

    private func write(_ entry: JournalEntry) throws {
        if let remaining = writesUntilFailure {
            guard remaining > 0 else { throw JournalError("disk full") }
            writesUntilFailure = remaining - 1
        }
        entries.append(entry)
        currentByRequest[entry.requestID] = entry
    }

    public func record(_ entry: JournalEntry) async throws {
        try write(entry)
    }

    public func recordIfUnclaimed(_ entry: JournalEntry) async throws -> Bool {
        if let current = currentByRequest[entry.requestID], current.state != .skipped { return false }
        try write(entry)
        return true
    }

    public func recordIfCurrent(_ entry: JournalEntry, is expected: DecisionState) async throws -> Bool {
        guard currentByRequest[entry.requestID]?.state == expected else { return false }
        try write(entry)
        return true
    }

    public func needingReview() async throws -> [JournalEntry] {
        currentByRequest.values.filter { $0.state == .needsReview }
            .sorted { ($0.at, $0.requestID) < ($1.at, $1.requestID) }
    }

    public func current(requestID: String) async throws -> JournalEntry? { currentByRequest[requestID] }

    public func unfinished() async throws -> [JournalEntry] {
        currentByRequest.values.filter { !$0.state.isFinal }.sorted { $0.at < $1.at }
    }

    public func history(requestID: String?) async throws -> [JournalEntry] {
        if requestID == nil { fullHistoryReads += 1 }
        return entries.filter { requestID == nil || $0.requestID == requestID }
    }

    public func recent(limit: Int) async throws -> [JournalEntry] {
        recentCalls += 1
        return Array(entries.suffix(max(limit, 0)))
    }

    /// How many times ``recent(limit:)`` was asked (a bounded read, unlike ``history(requestID:)``).
    public private(set) var recentCalls = 0

    /// How many times ``history(requestID:)`` was asked for every request (`nil`).
    public private(set) var fullHistoryReads = 0

    public func integrityProblem() async throws -> String? { nil }

    public func states(of requestID: String) -> [DecisionState] {
        entries.filter { $0.requestID == requestID }.map(\.state)
    }
}
