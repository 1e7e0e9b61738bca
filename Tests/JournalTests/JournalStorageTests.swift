import CancelDeskCore
import Foundation
import GRDB
import Journal
import Testing

@Suite struct JournalStorageTests {
    @Test func connectionsUseWALWithFullSynchronousCommits() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let journal = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            let settings = try await journal.settings()
            #expect(settings.journalMode == "wal")
            #expect(settings.synchronous == 2) // FULL
            #expect(settings.busyTimeoutMilliseconds == 5_000)
            #expect(settings.foreignKeys)
            #expect(settings.migrations == ["v1", "v2-review-cause", "audit_outbox"])
            #expect(!settings.sqliteVersion.isEmpty)

            // WAL is a property of the file: a separate connection sees it too.
            let raw = try DatabaseQueue(path: path)
            #expect(try await raw.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
            try raw.close()
        }
    }

    @Test func aFreshJournalPassesItsIntegrityCheck() async throws {
        try await withTemporaryDirectory { root in
            let journal = try SQLiteJournal.open(path: root + "/journal.sqlite", logger: recordingLogger().0)
            #expect(try await journal.integrityProblem() == nil)
            try await journal.record(sampleEntry("PR-1", .vendorSending))
            #expect(try await journal.integrityProblem() == nil)
        }
    }

    @Test func aCorruptedFileIsReported() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let journal = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            var entry = sampleEntry("PR-0", .vendorSending)
            entry.vendorMessage = String(repeating: "padding ", count: 60)
            for index in 0..<400 {
                entry.requestID = "PR-\(index)"
                try await journal.record(entry)
            }
            try journal.close() // checkpoints the WAL into the file

            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(size > 64 * 1024)
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.seek(toOffset: UInt64(size / 2))
            try handle.write(contentsOf: Data((0..<16_384).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }))
            try handle.close()

            var reported: String?
            do {
                let reopened = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
                reported = try await reopened.integrityProblem()
            } catch let error as JournalError {
                reported = error.message
            }
            let problem = try #require(reported)
            #expect(!problem.isEmpty)
            #expect(problem != "ok")
        }
    }

    @Test(.enabled(if: ReadOnlyFile.isSupported, "needs chattr to make a file read-only for root"))
    func aReadOnlyJournalFileFailsWithAJournalError() async throws {
        try await withTemporaryDirectory { root in
            let path = root + "/journal.sqlite"
            let journal = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
            try await journal.record(sampleEntry("PR-1", .vendorSending))
            try journal.close()
            #expect(ReadOnlyFile.make(path))

            var failure: JournalError?
            do {
                let reopened = try SQLiteJournal.open(path: path, logger: recordingLogger().0)
                try await reopened.record(sampleEntry("PR-1", .vendorCancelled))
            } catch let error as JournalError {
                failure = error
            }
            let error = try #require(failure)
            #expect(error.message.contains(path))
            #expect(error.message.contains("read-only") || error.message.contains("cannot be opened"))
            ReadOnlyFile.release(path)
        }
    }

    @Test(.enabled(if: SmallFileSystem.isAvailable, "needs root with the right to mount a tmpfs"))
    func aFullDiskFailsTheRecordWithAJournalErrorAndKeepsWhatWasCommitted() async throws {
        try await withTemporaryDirectory { root in
            let mountPoint = root + "/small"
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
            #expect(SmallFileSystem.mount(at: mountPoint, kilobytes: 256))
            defer { SmallFileSystem.unmount(mountPoint) }

            let journal = try SQLiteJournal.open(path: mountPoint + "/journal.sqlite", logger: recordingLogger().0)
            var entry = sampleEntry("PR-0", .vendorSending)
            entry.vendorMessage = String(repeating: "x", count: 4_000)
            var committed = 0
            var failure: (any Error)?
            for index in 0..<1_000 {
                entry.requestID = "PR-\(index)"
                do {
                    try await journal.record(entry)
                    committed += 1
                } catch {
                    failure = error
                    break
                }
            }
            let error = try #require(failure as? JournalError)
            #expect(error.message.contains("full"))
            #expect(error.message.contains("PR-\(committed)"))
            #expect(committed > 0)
            // Nothing committed was lost, and the failed step left no trace.
            #expect(try await journal.current(requestID: "PR-\(committed)") == nil)
            #expect(try await journal.history(requestID: nil).count == committed)
            try journal.close()
        }
    }
}
