internal import Dispatch
internal import Foundation
#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// How a child process ended and what it wrote.
struct ChildProcessResult: Sendable, Equatable {
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed because it outlived the timeout (or the waiting task was cancelled).
        case timedOut
        case launchFailed(String)
    }

    var ending: Ending
    var stdout: Data
    var stderr: Data
}

/// Runs one executable without a shell: writes `input` to its stdin and closes it, reads stdout and stderr
/// concurrently (each capped), and kills the process when it outlives the timeout (SIGTERM, then SIGKILL after
/// `killGrace`). Waiting suspends the task (termination handler + continuation); no thread is blocked.
enum ChildProcess {
    /// Ignoring SIGPIPE once for the process: a child that exits without reading its stdin must make our write
    /// fail with EPIPE, not kill canceldesk.
    private static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    static func run(
        executable: String, arguments: [String], environment: [String: String], input: Data, timeout: Duration,
        outputCap: Int, killGrace: Duration = .seconds(2)
    ) async -> ChildProcessResult {
        _ = ignoreBrokenPipes
        guard executable.hasPrefix("/") else {
            return .init(ending: .launchFailed("\(executable) is not an absolute path"), stdout: Data(), stderr: Data())
        }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            return .init(
                ending: .launchFailed("\(executable) does not exist or is not executable"), stdout: Data(),
                stderr: Data())
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let exited = OneShotSignal()
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return .init(
                ending: .launchFailed("\(executable) could not be started: \(error.localizedDescription)"),
                stdout: Data(), stderr: Data())
        }
        // Keep only close-on-exec duplicates of our pipe ends, so that children started concurrently for other
        // orders never inherit them (an inherited write end would hold back our end of file).
        let queue = DispatchQueue(label: "canceldesk.vendor-command")
        let stdout = OutputCollector(
            fileDescriptor: takeOver(stdoutPipe.fileHandleForReading, closing: stdoutPipe.fileHandleForWriting),
            cap: outputCap, queue: queue)
        let stderr = OutputCollector(
            fileDescriptor: takeOver(stderrPipe.fileHandleForReading, closing: stderrPipe.fileHandleForWriting),
            cap: outputCap, queue: queue)
        let writer = startWriting(
            input, to: takeOver(stdinPipe.fileHandleForWriting, closing: stdinPipe.fileHandleForReading), queue: queue)

        let timedOut = await waitForExit(process, exited: exited, timeout: timeout, killGrace: killGrace)
        // A grandchild may still hold the pipes open: give it `killGrace`, then stop reading.
        await race(killGrace) {
            await stdout.finished.wait()
            await stderr.finished.wait()
        }
        if !stdout.finished.isRaised || !stderr.finished.isRaised {
            stdout.stop()
            stderr.stop()
        }
        writer.close(flags: .stop)

        let ending: ChildProcessResult.Ending =
            if timedOut {
                .timedOut
            } else if process.terminationReason == .uncaughtSignal {
                .signalled(process.terminationStatus)
            } else {
                .exited(process.terminationStatus)
            }
        return .init(ending: ending, stdout: stdout.output.data, stderr: stderr.output.data)
    }

    /// Waits for the exit; past `timeout` (or on cancellation) sends SIGTERM, and SIGKILL `killGrace` later.
    /// Returns whether the process had to be killed.
    private static func waitForExit(
        _ process: Process, exited: OneShotSignal, timeout: Duration, killGrace: Duration
    ) async -> Bool {
        await race(timeout) { await exited.wait() }
        if exited.isRaised { return false }
        if process.isRunning { process.terminate() }
        await race(killGrace) { await exited.wait() }
        if !exited.isRaised, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        await exited.waitUntilRaised()
        return true
    }

    /// Runs `work` until it returns or `limit` passes, whichever comes first; `work` must return when cancelled.
    private static func race(_ limit: Duration, _ work: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await work() }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }

    /// A close-on-exec duplicate of `handle`'s descriptor; `handle` and `other` (the child's end) are closed.
    private static func takeOver(_ handle: FileHandle, closing other: FileHandle) -> Int32 {
        let duplicate = fcntl(handle.fileDescriptor, F_DUPFD_CLOEXEC, 0)
        try? handle.close()
        try? other.close()
        return duplicate
    }

    /// Writes `input` to `fileDescriptor` without blocking, then closes it so the child sees end of file.
    private static func startWriting(_ input: Data, to fileDescriptor: Int32, queue: DispatchQueue) -> DispatchIO {
        let channel = DispatchIO(type: .stream, fileDescriptor: fileDescriptor, queue: queue) { _ in
            close(fileDescriptor)
        }
        let data = input.withUnsafeBytes { DispatchData(bytes: $0) }
        channel.write(offset: 0, data: data, queue: queue) { done, _, _ in
            if done { channel.close() }
        }
        return channel
    }
}
