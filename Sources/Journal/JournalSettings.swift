/// The SQLite settings in force on a journal's writing connection, as SQLite reports them (for `doctor` and tests).
public struct JournalSettings: Sendable, Equatable {
    /// `PRAGMA journal_mode`: `wal` for a journal.
    public var journalMode: String
    /// `PRAGMA synchronous`: 2 (`FULL`) for a journal, so that a commit is on disk when it returns.
    public var synchronous: Int
    /// `PRAGMA busy_timeout` in milliseconds: how long a write waits for another process's.
    public var busyTimeoutMilliseconds: Int
    /// `PRAGMA foreign_keys`.
    public var foreignKeys: Bool
    /// The schema migrations applied, oldest first (`v1`, …).
    public var migrations: [String]
    /// The SQLite library's version.
    public var sqliteVersion: String

    /// Settings as read back from SQLite.
    public init(
        journalMode: String, synchronous: Int, busyTimeoutMilliseconds: Int, foreignKeys: Bool, migrations: [String],
        sqliteVersion: String
    ) {
        self.journalMode = journalMode
        self.synchronous = synchronous
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.foreignKeys = foreignKeys
        self.migrations = migrations
        self.sqliteVersion = sqliteVersion
    }
}
