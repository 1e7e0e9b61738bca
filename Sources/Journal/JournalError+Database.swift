import CancelDeskCore
import GRDB

extension JournalError {
    /// `error` as a ``JournalError`` saying what was being done, on which file, and what SQLite reported.
    ///
    /// Only SQLite's message and code are used: never the statement's arguments (journal contents).
    static func wrapping(_ error: any Error, while action: String, path: String) -> JournalError {
        if let journalError = error as? JournalError { return journalError }
        if let databaseError = error as? DatabaseError {
            return JournalError("\(action) failed (\(path)): \(explain(databaseError))")
        }
        return JournalError("\(action) failed (\(path)): \(error)")
    }

    /// An operator's reading of a SQLite error, then SQLite's own words and extended code.
    static func explain(_ error: DatabaseError) -> String {
        let detail = "\(error.message ?? "SQLite error"), SQLite code \(error.extendedResultCode.rawValue)"
        let meaning: String? =
            switch error.resultCode {
            case .SQLITE_FULL: "the disk (or database) is full"
            case .SQLITE_IOERR: "disk I/O error"
            case .SQLITE_READONLY: "the journal is read-only"
            case .SQLITE_PERM, .SQLITE_AUTH: "permission denied"
            case .SQLITE_CANTOPEN: "the file cannot be opened"
            case .SQLITE_CORRUPT: "the journal is corrupted"
            case .SQLITE_NOTADB: "the file is not a SQLite database"
            case .SQLITE_BUSY, .SQLITE_LOCKED: "the journal stayed locked by another process for over 5 s"
            default: nil
            }
        guard let meaning else { return detail }
        return "\(meaning) (\(detail))"
    }

    /// True for the errors that mean the file's content is damaged rather than unreachable.
    static func isCorruption(_ error: any Error) -> Bool {
        guard let databaseError = error as? DatabaseError else { return false }
        return databaseError.resultCode == .SQLITE_CORRUPT || databaseError.resultCode == .SQLITE_NOTADB
    }
}
