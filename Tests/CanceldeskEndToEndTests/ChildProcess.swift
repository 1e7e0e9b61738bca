import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The built `canceldesk` run as a child process that a test can signal, time and cut off: its output is read on
/// dispatch threads (never blocking the test's cooperative threads), and a deadline kills it so that no test hangs.
///
/// `CANCELDESK_E2E_BINARY` names another binary to run instead (to see a test fail on an older build).
///
/// Unchecked: `Process` is not `Sendable`; it is configured in `init` only, then only read (`isRunning`, status).
final class ChildProcess: @unchecked Sendable {
    private let process: Process
    private let output = Mutex((stdout: Data(), stderr: Data(), stdoutEnded: false))
    private let reads = DispatchGroup()

    /// Starts the binary. With `closeStdoutAfterFirstLine`, the test's end of stdout is closed as soon as one line
    /// came (like `| head -1`).
    init(_ arguments: [String], environment: [String: String], closeStdoutAfterFirstLine: Bool = false) throws {
        process = Process()
        process.executableURL = BinaryRun.executable
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        startReading(out.fileHandleForReading, err.fileHandleForReading, closeAfterFirstLine: closeStdoutAfterFirstLine)
    }

    private func startReading(_ reader: FileHandle, _ errReader: FileHandle, closeAfterFirstLine: Bool) {
        DispatchQueue.global().async(group: reads) {
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                let done = self.output.withLock { value -> Bool in
                    value.stdout.append(chunk)
                    return closeAfterFirstLine && value.stdout.contains(UInt8(ascii: "\n"))
                }
                if done {
                    // Keep only the first line, as `head -1` prints it, and hang up.
                    self.output.withLock { value in
                        let end = value.stdout.firstIndex(of: UInt8(ascii: "\n")) ?? value.stdout.endIndex
                        value.stdout = value.stdout.prefix(upTo: end) + Data("\n".utf8)
                    }
                    break
                }
            }
            try? reader.close()
            self.output.withLock { $0.stdoutEnded = true }
        }
        DispatchQueue.global().async(group: reads) {
            // Read as it comes, so a test can wait for a line (`admin http://…`) while the child runs.
            while true {
                let chunk = errReader.availableData
                if chunk.isEmpty { break }
                self.output.withLock { $0.stderr.append(chunk) }
            }
        }
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ number: Int32) {
        _ = kill(process.processIdentifier, number)
    }

    var stdout: String { String(decoding: output.withLock { $0.stdout }, as: UTF8.self) }
    var stderr: String { String(decoding: output.withLock { $0.stderr }, as: UTF8.self) }

    /// Waits until the child exits, at most `timeout`; then kills it (SIGKILL). Returns its result, and whether it
    /// ended by itself in time.
    func finish(within timeout: Duration) async -> (result: BinaryRun.Result, inTime: Bool) {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let inTime = !process.isRunning
        if !inTime { _ = kill(process.processIdentifier, SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        // The pipes reach their end once the child is gone.
        for _ in 0..<100 where reads.wait(timeout: .now()) == .timedOut {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return (
            BinaryRun.Result(
                status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                stdout: stdout, stderr: stderr),
            inTime
        )
    }
}
