public import CancelDeskCore
import Foundation
import GRDB
public import Logging

/// The production ``DecisionJournal``: one SQLite file in WAL mode with `synchronous=FULL`, through a GRDB pool.
///
/// Every write runs in a short `IMMEDIATE` transaction on the pool's single writer connection and is committed (and
/// fsynced) when the call returns; writes submitted while the writer is busy share the next transaction (group
/// commit, see `GroupCommit`); a failure of any kind is thrown as a ``JournalError``, so the engine then makes no
/// remote call. Writes are not cancellable once submitted: a cancelled task still records the truth. Reads use the
/// pool's concurrent readers. Several processes on one host may share a journal (`recordIfUnclaimed(_:)` is their
/// claim); a journal on a network file system is refused.
public final class SQLiteJournal: DecisionJournal {
    /// The absolute path of the database file.
    public let path: String
    private let pool: DatabasePool
    private let writes: GroupCommit
    private let logger: Logger

    private init(path: String, pool: DatabasePool, logger: Logger) {
        self.path = path
        self.pool = pool
        self.writes = GroupCommit(pool: pool)
        self.logger = logger
    }

    /// Opens (creating when missing) the journal at `path`, ready to record.
    ///
    /// Missing directories are created 0700 and the file 0600; an existing file is checked to be a journal before
    /// anything touches it, and only a confirmed journal of the user's own is tightened when loose (see
    /// `JournalFiles`); nothing else is ever chmodded. Throws a ``JournalError`` naming the path and the problem when the path is a directory, a
    /// symbolic link or a special file, is on a network file system, is not a SQLite database, belongs to another
    /// application, is read-only, or cannot be migrated to the current schema.
    public static func open(path: String, logger: Logger) throws -> SQLiteJournal {
        let file = try JournalFiles.prepare(path: path, logger: logger)
        var attempt = 1
        while true {
            do {
                let pool = try connect(file, logger: logger)
                do {
                    // Now known to be a canceldesk journal: only now may a loose mode of the user's own be tightened.
                    try JournalFiles.tightenJournal(file, logger: logger)
                } catch {
                    try? pool.close()
                    throw error
                }
                return SQLiteJournal(path: file, pool: pool, logger: logger)
            } catch let failure as OpenFailure {
                // Processes opening a fresh journal together can get SQLITE_BUSY without the busy handler being
                // consulted (switching to WAL, upgrading a read to a write); starting over settles it.
                if failure.isBusy, attempt < 40 {
                    logger.debug(
                        "journal busy while opening; retrying",
                        metadata: ["step": "\(failure.step)", "attempt": "\(attempt)"])
                    usleep(useconds_t(10_000 * min(attempt, 10)))
                    attempt += 1
                    continue
                }
                throw JournalError.wrapping(failure.error, while: failure.step, path: file)
            }
        }
    }

    /// Closes the database connections (checkpointing the WAL when this is the last one); later calls throw.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw JournalError.wrapping(error, while: "closing the journal", path: path)
        }
    }

    // MARK: - DecisionJournal

    /// Appends `entry` to the history and makes it the request's current state, in one durable transaction.
    public func record(_ entry: JournalEntry) async throws {
        try await write("recording \(Self.describe(entry))") { db in
            try JournalSchema.append(entry, in: db)
        }
    }

    /// Records `entry` only when the request has no current state or is ``DecisionState/skipped``; the read and the
    /// write share one `IMMEDIATE` transaction, so two processes cannot both win. A state unknown to this version
    /// counts as claimed.
    public func recordIfUnclaimed(_ entry: JournalEntry) async throws -> Bool {
        try await write("claiming \(Self.describe(entry))") { db in
            let current = try String?.fetchOne(
                db.cachedStatement(sql: JournalSchema.currentState),
                arguments: [entry.requestID])
            guard current == nil || current == DecisionState.skipped.rawValue else { return false }
            try JournalSchema.append(entry, in: db)
            return true
        }
    }

    /// Records `entry` only when the request's current state is `expected`; the read and the write share one
    /// `IMMEDIATE` transaction, so two processes cannot both take up the same row.
    public func recordIfCurrent(_ entry: JournalEntry, is expected: DecisionState) async throws -> Bool {
        try await write("claiming \(Self.describe(entry))") { db in
            let current = try String?.fetchOne(
                db.cachedStatement(sql: JournalSchema.currentState),
                arguments: [entry.requestID])
            guard current == expected.rawValue else { return false }
            try JournalSchema.append(entry, in: db)
            return true
        }
    }

    /// The current entry of every request in needs_review, oldest first.
    public func needingReview() async throws -> [JournalEntry] {
        try await read("listing requests that need review") { db in
            try Row.fetchAll(db.cachedStatement(sql: JournalSchema.reviewEntries)).map { try JournalRow.entry($0) }
        }
    }

    /// The request's latest recorded entry, or nil; throws when it holds a state this version does not know.
    public func current(requestID: String) async throws -> JournalEntry? {
        try await read("reading the state of request \(JournalRow.shown(requestID))") { db in
            try Row.fetchOne(db.cachedStatement(sql: JournalSchema.currentEntry), arguments: [requestID])
                .map { try JournalRow.entry($0) }
        }
    }

    /// The latest entry of every request whose state is not final, oldest first; throws when one holds a state
    /// this version does not know (recovery must not guess about it).
    public func unfinished() async throws -> [JournalEntry] {
        try await read("listing unfinished requests") { db in
            try Row.fetchAll(db.cachedStatement(sql: JournalSchema.unfinishedEntries)).map { try JournalRow.entry($0) }
        }
    }

    /// Every recorded step in recording order, or only `requestID`'s. An event this version cannot read (a newer
    /// state or mode) is skipped with a logged warning rather than hiding the rest of the audit trail.
    public func history(requestID: String?) async throws -> [JournalEntry] {
        let logger = self.logger
        return try await read("reading the history") { db in
            let rows: RowCursor
            if let requestID {
                rows = try Row.fetchCursor(db.cachedStatement(sql: JournalSchema.requestEvents), arguments: [requestID])
            } else {
                rows = try Row.fetchCursor(db.cachedStatement(sql: JournalSchema.allEvents))
            }
            return try Self.entries(rows, logger: logger)
        }
    }

    /// The newest `limit` steps in recording order, read with SQL `LIMIT` (never the whole journal). An event
    /// this version cannot read is skipped with a logged warning, as in ``history(requestID:)``.
    public func recent(limit: Int) async throws -> [JournalEntry] {
        let logger = self.logger
        return try await read("reading the recent history") { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: JournalSchema.recentEvents), arguments: [max(limit, 0)])
            return try Self.entries(rows, logger: logger)
        }
    }

    /// The entries of `rows` (event id first, then the entry's columns), skipping those this version cannot read.
    private static func entries(_ rows: RowCursor, logger: Logger) throws -> [JournalEntry] {
        var entries: [JournalEntry] = []
        while let row = try rows.next() {
            do {
                entries.append(try JournalRow.entry(row, offset: 1))
            } catch let error as JournalError {
                let eventID: DatabaseValue = row[0]
                logger.warning(
                    "skipping a journal event this version cannot read",
                    metadata: ["event": "\(eventID)", "problem": "\(error.message)"])
            }
        }
        return entries
    }

    /// `PRAGMA integrity_check`: nil when SQLite answers `ok`, else its report (or the corruption error it raised).
    public func integrityProblem() async throws -> String? {
        do {
            let lines = try await pool.read { db in
                try String?.fetchAll(db, sql: "PRAGMA integrity_check(20)").map { $0 ?? "" }
            }
            return lines == ["ok"] ? nil : lines.map { TextSanitizer.clean($0, limit: 500) }.joined(separator: "\n")
        } catch let error as DatabaseError where JournalError.isCorruption(error) {
            return JournalError.explain(error)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw JournalError.wrapping(error, while: "checking the journal's integrity", path: path)
        }
    }

    /// The settings SQLite reports on the writing connection.
    public func settings() async throws -> JournalSettings {
        do {
            return try await pool.writeWithoutTransaction { db in
                JournalSettings(
                    journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                    synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                    busyTimeoutMilliseconds: try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? -1,
                    foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                    migrations: try JournalSchema.migrator.appliedMigrations(db),
                    sqliteVersion: try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "")
            }
        } catch {
            throw JournalError.wrapping(error, while: "reading the journal's settings", path: path)
        }
    }

    // MARK: - Opening

    /// A failed step of ``connect(_:logger:)``: what was being done and the underlying error.
    private struct OpenFailure: Error {
        var step: String
        var error: any Error

        var isBusy: Bool {
            guard let databaseError = error as? DatabaseError else { return false }
            return databaseError.resultCode == .SQLITE_BUSY || databaseError.resultCode == .SQLITE_LOCKED
        }
    }

    /// Opens the pool, makes commits durable, checks the file is a journal, migrates, and proves it is writable.
    private static func connect(_ file: String, logger: Logger) throws -> DatabasePool {
        func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch {
                throw OpenFailure(step: name, error: error)
            }
        }
        let pool = try step("opening the journal") {
            try DatabasePool(path: file, configuration: JournalSchema.configuration())
        }
        do {
            try step("configuring the journal") { try enforceFullSynchronous(pool) }
            try step("checking the journal") { try checkIdentity(pool, path: file) }
            try step("migrating the journal's schema") { try migrate(pool, logger: logger) }
            // A read-only file opens fine for reading; this write (same value) makes it fail here, not mid-saga.
            try step("writing to the journal") {
                try pool.write { db in try db.execute(sql: "PRAGMA application_id = \(JournalSchema.applicationID)") }
            }
            return pool
        } catch {
            try? pool.close()
            throw error
        }
    }

    /// Sets `synchronous=FULL` on the writer and checks it took.
    ///
    /// `prepareDatabase` is not enough: `DatabasePool` switches its writer to WAL after running it, and sets
    /// `synchronous=NORMAL` there (durable across a crash of the app, not of the OS or power).
    private static func enforceFullSynchronous(_ pool: DatabasePool) throws {
        let synchronous = try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return try Int.fetchOne(db, sql: "PRAGMA synchronous")
        }
        guard synchronous == 2 else {
            let reported = synchronous.map(String.init) ?? "nothing"
            throw JournalError("SQLite refused synchronous=FULL (it reports \(reported))")
        }
    }

    /// Refuses a SQLite file that another application made (other application id, or tables of its own).
    private static func checkIdentity(_ pool: DatabasePool, path: String) throws {
        try pool.read { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            if applicationID == JournalSchema.applicationID { return }
            guard applicationID == 0 else {
                throw JournalError(
                    "\(path) is a SQLite database of another application (application_id \(applicationID)), "
                        + "not a canceldesk journal")
            }
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let foreign = tables.filter { !JournalSchema.ownTables.contains($0) }
            guard foreign.isEmpty else {
                let names = foreign.prefix(5).map(JournalRow.shown).joined(separator: ", ")
                throw JournalError(
                    "\(path) holds tables canceldesk did not create (\(names)): not a canceldesk journal")
            }
        }
    }

    /// Applies missing migrations; tolerates another process applying them at the same moment.
    private static func migrate(_ pool: DatabasePool, logger: Logger) throws {
        let migrator = JournalSchema.migrator
        do {
            try migrator.migrate(pool)
        } catch {
            // Both processes saw the migration missing; the loser's copy fails. Fine if the schema is complete now.
            guard try pool.read({ try migrator.hasCompletedMigrations($0) }) else { throw error }
        }
        if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
            logger.warning("the journal's schema is newer than this canceldesk; consider upgrading")
        }
    }

    // MARK: - Access

    /// Runs `body` in an `IMMEDIATE` write transaction (shared with the writes submitted meanwhile) and returns once
    /// it is committed (or failed).
    ///
    /// Deliberately not cancellable: once submitted, the step is recorded or reported as failed, never dropped.
    func write<T: Sendable>(
        _ action: String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await writes.write(body)
        } catch {
            throw JournalError.wrapping(error, while: action, path: path)
        }
    }

    /// Runs `body` on one of the pool's readers, seeing the latest committed state.
    func read<T: Sendable>(
        _ action: String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await pool.read(body)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw JournalError.wrapping(error, while: action, path: path)
        }
    }

    /// `'PR-…' (state)` for messages, sanitized.
    static func describe(_ entry: JournalEntry) -> String {
        "request \(JournalRow.shown(entry.requestID)) as \(entry.state.rawValue)"
    }
}
