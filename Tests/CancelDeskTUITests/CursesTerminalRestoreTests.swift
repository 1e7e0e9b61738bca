import Testing

@testable import CancelDeskTUI

#if canImport(Glibc)
    import Glibc
#endif

/// Serialized: ``TerminalRestore`` is process-wide state.
@Suite("TerminalRestore: the armed bytes are written once", .serialized)
struct CursesTerminalRestoreTests {
    /// Arms restoring onto a pipe, runs `body`, and returns what reached the pipe.
    private func captured(_ sequence: [UInt8], _ body: () -> Void) throws -> [UInt8] {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        TerminalRestore.arm(sequence: sequence, modes: termios(), fileDescriptor: fds[1])
        body()
        close(fds[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = read(fds[0], &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer.prefix(count)
        }
        return bytes
    }

    @Test("restoreNow writes the sequence once and disarms")
    func restoreOnce() throws {
        let sequence = Array("\u{1B}[?1049l\u{1B}[?25h".utf8)
        let bytes = try captured(sequence) {
            #expect(TerminalRestore.isArmed)
            TerminalRestore.restoreNow()
            TerminalRestore.restoreNow()
        }
        #expect(bytes == sequence)
        #expect(!TerminalRestore.isArmed)
    }

    @Test("after disarm (endwin done), nothing is written")
    func disarmed() throws {
        let bytes = try captured(Array("\u{1B}[?1049l".utf8)) {
            TerminalRestore.disarm()
            TerminalRestore.restoreNow()
        }
        #expect(bytes.isEmpty)
    }

    @Test("install is idempotent")
    func installTwice() {
        TerminalRestore.install()
        TerminalRestore.install()
        #expect(!TerminalRestore.isArmed)
    }
}
