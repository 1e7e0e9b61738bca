import CancelDeskCore
import Foundation
import GRDB

/// The `audit_outbox` table: audit notes waiting to be posted to the request's Connect conversation.
///
/// One row per note, keyed by its `ref`; `delivered_at` (REAL seconds since 1970, NULL until posted), `attempts`
/// (failed attempts) and `last_error` track delivery. Added by its own migration, after the journal's first.
enum AuditOutboxSchema {
    static let table = "audit_outbox"

    /// Registers the migration that creates the table.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("audit_outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_outbox (
                        ref TEXT PRIMARY KEY NOT NULL,
                        request_id TEXT NOT NULL,
                        state TEXT NOT NULL,
                        created REAL NOT NULL,
                        text TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        last_error TEXT NOT NULL DEFAULT '',
                        delivered_at REAL
                    );
                    CREATE INDEX audit_outbox_pending ON audit_outbox(delivered_at, created);
                    """)
        }
    }

    static let insert = """
        INSERT OR IGNORE INTO audit_outbox (ref, request_id, state, created, text)
        VALUES (?, ?, ?, ?, ?)
        """

    static let pending = """
        SELECT ref, request_id, state, created, text, attempts, last_error FROM audit_outbox
        WHERE delivered_at IS NULL AND attempts < ? AND (? IS NULL OR request_id = ?)
        ORDER BY created, rowid LIMIT ?
        """

    static let delivered = "UPDATE audit_outbox SET delivered_at = ? WHERE ref = ?"

    static let failed = "UPDATE audit_outbox SET attempts = attempts + 1, last_error = ? WHERE ref = ?"

    /// The note in `row` (selected by ``pending``); nil when the row cannot be read (a newer version's state).
    static func note(_ row: Row) -> AuditNote? {
        func text(_ index: Int) -> String? {
            let value: DatabaseValue = row[index]
            return String.fromDatabaseValue(value)
        }
        let createdValue: DatabaseValue = row[3]
        let attemptsValue: DatabaseValue = row[5]
        guard let ref = text(0), let requestID = text(1), let state = text(2).flatMap(DecisionState.init(rawValue:)),
            let created = Double.fromDatabaseValue(createdValue), let body = text(4)
        else { return nil }
        return AuditNote(
            ref: ref, requestID: requestID, state: state, text: body,
            created: Date(timeIntervalSince1970: created), attempts: Int.fromDatabaseValue(attemptsValue) ?? 0,
            lastError: text(6) ?? "")
    }
}
