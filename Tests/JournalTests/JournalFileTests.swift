import CancelDeskCore
import Foundation
import GRDB
import Journal
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct JournalFileTests {
    @Test func openCreatesPrivateDirectoriesAndFile() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/state/canceldesk/journal.sqlite"
            let journal = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            try await journal.record(sampleEntry("PR-1", .vendorSending))
            #expect(journal.path == path)
            #expect(permissions(root + "/state") == 0o700)
            #expect(permissions(root + "/state/canceldesk") == 0o700)
            #expect(permissions(path) == 0o600)
            #expect(permissions(path + "-wal") == 0o600)
            #expect(permissions(path + "-shm") == 0o600)
        }
    }

    @Test func anExistingLooseDirectoryIsWarnedAboutNeverChangedButItsJournalIsTightened() async throws {
        try await withTemporaryDirectory { root in
            let directory = root + "/canceldesk"
            let path = directory + "/journal.sqlite"
            try SQLiteJournal.open(path: path, logger: recordingLogger().0).close()
            #expect(chmod(directory, 0o755) == 0)
            #expect(chmod(path, 0o664) == 0)

            let (logger, log) = recordingLogger()
            let journal = try SQLiteJournal.open(path: path, logger: logger)
            // An existing directory is never chmodded (canceldesk cannot know it created it); the journal file is.
            #expect(permissions(directory) == 0o755)
            #expect(permissions(path) == 0o600)
            #expect(log.messages.contains { $0.hasPrefix("warning:") && $0.contains("consider a private directory") })
            #expect(log.messages.contains { $0.hasPrefix("warning:") && $0.contains("was=664") })
            try await journal.record(sampleEntry("PR-1", .skipped))
        }
    }

    @Test func aSharedDirectoryIsOnlyWarnedAboutButTheFileIsTightened() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            #expect(FileManager.default.createFile(atPath: root + "/notes.txt", contents: Data("x".utf8)))
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            #expect(chmod(root, 0o755) == 0)
            #expect(chmod(path, 0o644) == 0)

            let (logger, log) = recordingLogger()
            _ = try SQLiteJournal.open(path: path, logger: logger)
            #expect(permissions(root) == 0o755) // never chmod a directory holding other things
            #expect(permissions(path) == 0o600)
            #expect(log.messages.contains { $0.contains("consider a private directory") })
        }
    }

    @Test func permissionsAreNeverLoosened() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            try SQLiteJournal.open(path: path, logger: recordingLogger().0).close()
            #expect(chmod(path, 0o600) == 0)
            let (logger, log) = recordingLogger()
            _ = try SQLiteJournal.open(path: path, logger: logger)
            #expect(permissions(path) == 0o600)
            #expect(!log.messages.contains { $0.contains("tightened") })
        }
    }

    @Test func aDirectoryPathIsRefusedByName() async throws {
        try await withTemporaryDirectory { root in
            let directory = root + "/journal.sqlite"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            let error = try #require(throws: JournalError.self) {
                try SQLiteJournal.open(path: directory, logger: recordingLogger().0)
            }
            #expect(error.message.contains(directory))
            #expect(error.message.contains("is a directory"))

            let slashed = try #require(throws: JournalError.self) {
                try SQLiteJournal.open(path: root + "/new/", logger: recordingLogger().0)
            }
            #expect(slashed.message.contains("directory"))
        }
    }

    @Test func aSymbolicLinkIsRefused() async throws {
        try await withTemporaryDirectory { root in
            let target = root + "/real.sqlite"
            let link = root + "/journal.sqlite"
            try SQLiteJournal.open(path: target, logger: recordingLogger().0).close()
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
            let error = try #require(throws: JournalError.self) {
                try SQLiteJournal.open(path: link, logger: recordingLogger().0)
            }
            #expect(error.message.contains(link))
            #expect(error.message.contains("symbolic link"))
        }
    }

    @Test func aParentThatIsAFileIsRefused() async throws {
        try await withTemporaryDirectory { root in
            #expect(FileManager.default.createFile(atPath: root + "/plain", contents: Data("x".utf8)))
            let error = try #require(throws: JournalError.self) {
                try SQLiteJournal.open(path: root + "/plain/journal.sqlite", logger: recordingLogger().0)
            }
            #expect(error.message.contains(root + "/plain"))
            #expect(error.message.contains("not a directory"))
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefused() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let text = String(repeating: "this is not a database\n", count: 200)
            #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
            let error = try #require(throws: JournalError.self) {
                try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            }
            #expect(error.message.contains(path))
            #expect(error.message.contains("not a SQLite database"))
        }
    }

    @Test func anotherApplicationsDatabaseIsRefused() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/other.sqlite"
            let other = try DatabaseQueue(path: path)
            try await other.write { db in
                try db.execute(sql: "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
            }
            try other.close()
            let error = try #require(throws: JournalError.self) {
                try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            }
            #expect(error.message.contains(path))
            #expect(error.message.contains("not a canceldesk journal"))
            #expect(error.message.contains("users"))
        }
    }
}
