public import Foundation

/// The console's message log: the newest entry is the status line; the messages view shows them all.
public struct MessageLog: Sendable, Equatable {
    /// How serious an entry is; shown as a word, never by colour alone.
    public enum Level: String, Sendable, Equatable {
        case info, warning, error
    }

    /// One entry. `text` is already safe to draw.
    public struct Entry: Sendable, Equatable {
        public let at: Date
        public let level: Level
        public let text: String
    }

    /// Entries kept (oldest dropped first).
    public static let capacity = 500

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Adds an entry; `text` is sanitized here, whatever its origin.
    mutating func add(_ level: Level, _ text: String, at: Date) {
        entries.append(Entry(at: at, level: level, text: SafeText.clean(text)))
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }

    /// The newest entry.
    public var last: Entry? { entries.last }
}
