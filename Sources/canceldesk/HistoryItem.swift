import CancelDeskCore
import Foundation

/// One line of `canceldesk history ID`: a journal step or a message of the request's Connect conversation.
enum HistoryItem: Equatable {
    case journal(JournalEntry)
    case message(ConversationMessage)

    /// When it happened; a message without a time sorts last.
    var at: Date {
        switch self {
        case .journal(let entry): entry.at
        case .message(let message): message.created ?? .distantFuture
        }
    }

    /// Both, in time order; at the same time the journal step comes first, and each keeps its own order.
    static func merged(_ entries: [JournalEntry], _ messages: [ConversationMessage]) -> [HistoryItem] {
        let items = entries.map(HistoryItem.journal) + messages.map(HistoryItem.message)
        return items.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }
}
