import CancelDeskCore
import GRDB

/// The journal's SQLite schema, connection settings and SQL.
///
/// Two tables: `journal_event`, append-only (an update trigger refuses changes), one row per recorded step; and
/// `request_state`, one row per request holding a copy of its latest event (`event_id`). `at` is REAL seconds since
/// 1970-01-01T00:00:00Z (`datetime(at, 'unixepoch')` in the sqlite3 shell); the other audit fields are TEXT, empty
/// when unknown. States and modes are stored by raw value and deliberately unchecked, so that an older canceldesk
/// can still open a journal a newer one wrote (and report the states it does not know instead of crashing).
enum JournalSchema {
    /// `PRAGMA application_id` of a canceldesk journal ("CDJL"): tells it apart from other SQLite files.
    static let applicationID: Int32 = 0x4344_4A4C

    /// The tables of a journal, including GRDB's migration bookkeeping.
    static let ownTables: Set<String> = ["grdb_migrations", "journal_event", "request_state", AuditOutboxSchema.table]

    /// The entry columns, in ``JournalRow`` decoding order.
    static let entryColumns = """
        request_id, state, at, mode, os_user, host, connect_user, subscription_id, idempotency_key, \
        vendor_status, vendor_message, connect_outcome, reason, template_id, owner, review_cause
        """

    /// Per-connection settings: WAL (set by `DatabasePool`), `synchronous=FULL`, a 5 s busy timeout, foreign keys.
    ///
    /// `DatabasePool` resets its writer to `synchronous=NORMAL` after `prepareDatabase`, so `SQLiteJournal.open`
    /// sets FULL on the writer again and checks it.
    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "canceldesk.journal"
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        return configuration
    }

    /// The schema's migrations. Never edit a registered migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE journal_event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        request_id TEXT NOT NULL,
                        state TEXT NOT NULL,
                        at REAL NOT NULL,
                        mode TEXT NOT NULL,
                        os_user TEXT NOT NULL DEFAULT '',
                        host TEXT NOT NULL DEFAULT '',
                        connect_user TEXT NOT NULL DEFAULT '',
                        subscription_id TEXT NOT NULL DEFAULT '',
                        idempotency_key TEXT NOT NULL DEFAULT '',
                        vendor_status TEXT NOT NULL DEFAULT '',
                        vendor_message TEXT NOT NULL DEFAULT '',
                        connect_outcome TEXT NOT NULL DEFAULT '',
                        reason TEXT NOT NULL DEFAULT '',
                        template_id TEXT NOT NULL DEFAULT '',
                        owner TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX journal_event_by_request ON journal_event(request_id, id);
                    CREATE TRIGGER journal_event_append_only BEFORE UPDATE ON journal_event
                    BEGIN
                        SELECT RAISE(ABORT, 'journal_event is append-only');
                    END;
                    CREATE TABLE request_state (
                        request_id TEXT PRIMARY KEY NOT NULL,
                        event_id INTEGER NOT NULL REFERENCES journal_event(id),
                        state TEXT NOT NULL,
                        at REAL NOT NULL,
                        mode TEXT NOT NULL,
                        os_user TEXT NOT NULL DEFAULT '',
                        host TEXT NOT NULL DEFAULT '',
                        connect_user TEXT NOT NULL DEFAULT '',
                        subscription_id TEXT NOT NULL DEFAULT '',
                        idempotency_key TEXT NOT NULL DEFAULT '',
                        vendor_status TEXT NOT NULL DEFAULT '',
                        vendor_message TEXT NOT NULL DEFAULT '',
                        connect_outcome TEXT NOT NULL DEFAULT '',
                        reason TEXT NOT NULL DEFAULT '',
                        template_id TEXT NOT NULL DEFAULT '',
                        owner TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX request_state_by_state ON request_state(state, at);
                    PRAGMA application_id = \(applicationID);
                    """)
        }
        // Why a needs_review row needs a person (`ReviewCause`); empty on other rows and on rows written before.
        migrator.registerMigration("v2-review-cause") { db in
            try db.execute(
                sql: """
                    ALTER TABLE journal_event ADD COLUMN review_cause TEXT NOT NULL DEFAULT '';
                    ALTER TABLE request_state ADD COLUMN review_cause TEXT NOT NULL DEFAULT '';
                    """)
        }
        AuditOutboxSchema.register(in: &migrator)
        return migrator
    }

    // MARK: - Statements

    static let insertEvent = """
        INSERT INTO journal_event (\(entryColumns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Copies the event `?` into `request_state` (the `WHERE` also disambiguates `SELECT … ON CONFLICT`).
    static let upsertState = """
        INSERT INTO request_state (event_id, \(entryColumns))
        SELECT id, \(entryColumns) FROM journal_event WHERE id = ?
        ON CONFLICT(request_id) DO UPDATE SET
            event_id = excluded.event_id, state = excluded.state, at = excluded.at, mode = excluded.mode,
            os_user = excluded.os_user, host = excluded.host, connect_user = excluded.connect_user,
            subscription_id = excluded.subscription_id, idempotency_key = excluded.idempotency_key,
            vendor_status = excluded.vendor_status, vendor_message = excluded.vendor_message,
            connect_outcome = excluded.connect_outcome, reason = excluded.reason, template_id = excluded.template_id,
            owner = excluded.owner, review_cause = excluded.review_cause
        """

    static let currentState = "SELECT state FROM request_state WHERE request_id = ?"

    /// Every request whose current state is needs_review, oldest first.
    static let reviewEntries = """
        SELECT \(entryColumns) FROM request_state WHERE state = '\(DecisionState.needsReview.rawValue)'
        ORDER BY at, request_id
        """

    static let currentEntry = "SELECT \(entryColumns) FROM request_state WHERE request_id = ?"

    /// Every state row not in a final state, oldest first; final states come from ``DecisionState/isFinal``.
    static let unfinishedEntries: String = {
        let finals = DecisionState.allCases.filter(\.isFinal).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return "SELECT \(entryColumns) FROM request_state WHERE state NOT IN (\(finals)) ORDER BY at, request_id"
    }()

    static let allEvents = "SELECT id, \(entryColumns) FROM journal_event ORDER BY id"

    static let requestEvents = "SELECT id, \(entryColumns) FROM journal_event WHERE request_id = ? ORDER BY id"

    /// The newest `?` events, oldest first: the index on `id` reads only those rows.
    static let recentEvents =
        "SELECT * FROM (SELECT id, \(entryColumns) FROM journal_event ORDER BY id DESC LIMIT ?) ORDER BY id"

    /// The arguments of ``insertEvent`` for `entry`.
    /// The row's values. Every free-text column goes through ``SecretRedactor/redact(_:)`` on its way to disk (a
    /// vendor or Connect message may echo a key); identifiers that must round-trip exactly (request, subscription,
    /// idempotency key, owner) are kept as they are.
    static func arguments(_ entry: JournalEntry) -> StatementArguments {
        let redact = SecretRedactor.redact
        return [
            entry.requestID, entry.state.rawValue, entry.at.timeIntervalSince1970, entry.mode.rawValue,
            redact(entry.osUser), redact(entry.host), redact(entry.connectUser), entry.subscriptionID,
            entry.idempotencyKey, redact(entry.vendorStatus?.rawValue ?? ""), redact(entry.vendorMessage),
            redact(entry.connectOutcome?.rawValue ?? ""), redact(entry.reason), redact(entry.templateID), entry.owner,
            entry.reviewCause?.rawValue ?? "",
        ]
    }

    /// Appends `entry` and makes it the request's current state; the caller provides the transaction.
    static func append(_ entry: JournalEntry, in db: Database) throws {
        try db.cachedStatement(sql: insertEvent).execute(arguments: arguments(entry))
        try db.cachedStatement(sql: upsertState).execute(arguments: [db.lastInsertedRowID])
    }
}
