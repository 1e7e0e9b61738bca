import CancelDeskCore
import Foundation
import GRDB
import Journal
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 9, case 8: canceldesk never changes a file or directory it did not create, and checks a file is a journal
/// before touching it.
@Suite struct JournalOwnershipTests {
    @Test func aFileThatIsNotAJournalKeepsItsModeAndContent() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/notes.txt"
            let content = Data("my notes, not a database\n".utf8)
            #expect(FileManager.default.createFile(atPath: path, contents: content))
            #expect(chmod(path, 0o644) == 0)
            let error = try #require(throws: JournalError.self) {
                try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            }
            #expect(error.message.contains("not a SQLite database"))
            #expect(permissions(path) == 0o644)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    @Test func anotherApplicationsDatabaseKeepsItsModeAndBytes() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/other.sqlite"
            let other = try DatabaseQueue(path: path)
            try await other.write { db in
                try db.execute(sql: "PRAGMA application_id = 1234")
                try db.execute(sql: "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
            }
            try other.close()
            #expect(chmod(path, 0o644) == 0)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let error = try #require(throws: JournalError.self) {
                try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            }
            #expect(error.message.contains("another application"))
            #expect(permissions(path) == 0o644)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test func aJournalDirectoryReachedThroughASymbolicLinkToASharedDirectoryKeepsItsMode() async throws {
        try await withTemporaryDirectory { root in
            let shared = root + "/shared"
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
            #expect(chmod(shared, 0o1777) == 0)
            try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: shared)
            let (logger, log) = recordingLogger()
            let journal = try SQLiteJournal.open(path: root + "/link/journal.sqlite", logger: logger)
            try await journal.record(sampleEntry("PR-1", .skipped))
            #expect(permissions(shared) == 0o1777)
            #expect(permissions(shared + "/journal.sqlite") == 0o600)
            #expect(log.messages.contains { $0.contains("consider a private directory") && $0.contains(shared) })
        }
    }

    @Test func aRegisteredSecretNeverReachesTheJournalFile() async throws {
        try await withTemporaryDirectory { root in
            let secret = "journal-secret-\(UUID().uuidString)"
            SecretRedactor.register(secret)
            let path = root + "/journal.sqlite"
            let journal = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            var entry = sampleEntry("PR-1", .vendorRefused)
            entry.vendorMessage = "400: invalid key \(secret)"
            entry.reason = "Authorization: Bearer \(secret)"
            try await journal.record(entry)
            let stored = try #require(try await journal.current(requestID: "PR-1"))
            #expect(!stored.vendorMessage.contains(secret))
            #expect(!stored.reason.contains(secret))
            #expect(stored.subscriptionID == entry.subscriptionID)
            try journal.close()
            for file in [path, path + "-wal"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file)")
            }
        }
    }
}
