import Synchronization

/// Shares one copy of each distinct string among the rows of a listing: product, marketplace, customer and
/// assignee labels repeat across thousands of rows, and each decoded copy would otherwise keep its own storage.
/// Safe to use from the concurrent page tasks of one listing; dropped with the listing.
public final class StringPool: Sendable {
    private let strings = Mutex(Set<String>())
    /// Folded search text of the non-ASCII labels seen (``TextFold`` is the costly part of a listing's search text,
    /// and names repeat across thousands of rows).
    private let folds = Mutex([String: String]())

    public init() {}

    /// `text` itself the first time, the stored copy after. Short strings (stored inline, no heap storage)
    /// are returned as they are.
    public func intern(_ text: String) -> String {
        guard text.utf8.count > 15 else { return text }
        return strings.withLock { $0.insert(text).memberAfterInsert }
    }

    /// `TextFold.fold(text)`, folded once per distinct text of the listing.
    func folded(_ text: String) -> String {
        if SafeText.isPrintableASCII(text) { return TextFold.asciiLowercased(text) }
        if let known = folds.withLock({ $0[text] }) { return known }
        let made = TextFold.fold(text)
        folds.withLock { $0[text] = made }
        return made
    }

    /// How many distinct strings the pool holds.
    public var count: Int { strings.withLock { $0.count } }
}
