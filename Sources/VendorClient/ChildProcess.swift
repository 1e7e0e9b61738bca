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
        /// The child was reaped elsewhere in the program: how it ended is unknown.
        case statusLost
    }

    var ending: Ending
    var stdout: Data
    var stderr: Data
}

/// Runs one executable without a shell: its stdin holds `input` and then ends, stdout and stderr are read
/// concurrently (each capped), and when it outlives the timeout its process group gets SIGTERM, then SIGKILL after
/// `killGrace`. Waiting suspends the task: the exit is awaited on a dedicated thread (``ExitWatcher``), the output
/// through DispatchIO (``OutputCollector``).
enum ChildProcess {
    static func run(
        executable: String, arguments: [String], environment: [String: String], input: Data, timeout: Duration,
        outputCap: Int, killGrace: Duration = .seconds(2)
    ) async -> ChildProcessResult {
        func failed(_ message: String) -> ChildProcessResult {
            .init(ending: .launchFailed(message), stdout: Data(), stderr: Data())
        }
        guard executable.hasPrefix("/") else { return failed("\(executable) is not an absolute path") }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            return failed("\(executable) does not exist or is not executable")
        }
        guard let stdin = ProcessSpawn.prefilledPipe(input) else {
            return failed("the order (\(input.count) bytes) does not fit in the command's stdin pipe")
        }
        guard let stdoutPipe = ProcessSpawn.makePipe() else {
            close(stdin)
            return failed("no pipe could be created")
        }
        guard let stderrPipe = ProcessSpawn.makePipe() else {
            close(stdin)
            close(stdoutPipe.read)
            close(stdoutPipe.write)
            return failed("no pipe could be created")
        }
        var spawned = ProcessSpawn.spawn(
            executable: executable, arguments: arguments, environment: environment, stdin: stdin,
            stdout: stdoutPipe.write, stderr: stderrPipe.write)
        for attempt in 1...5 {
            guard case .failure(let failure) = spawned, failure.isBusy else { break }
            try? await Task.sleep(for: .milliseconds(20 * attempt))
            spawned = ProcessSpawn.spawn(
                executable: executable, arguments: arguments, environment: environment, stdin: stdin,
                stdout: stdoutPipe.write, stderr: stderrPipe.write)
        }
        // The child has its own copies now; ours would hold back the end of its output.
        close(stdin)
        close(stdoutPipe.write)
        close(stderrPipe.write)
        let queue = DispatchQueue(label: "canceldesk.vendor-command")
        let stdout = OutputCollector(fileDescriptor: stdoutPipe.read, cap: outputCap, queue: queue)
        let stderr = OutputCollector(fileDescriptor: stderrPipe.read, cap: outputCap, queue: queue)
        let pid: pid_t
        switch spawned {
        case .success(let child):
            pid = child
        case .failure(let failure):
            stdout.stop()
            stderr.stop()
            return failed("\(executable) could not be started: \(failure.message)")
        }

        let watcher = ExitWatcher(pid: pid)
        let outputsClosed: @Sendable () async -> Void = {
            await stdout.finished.wait()
            await stderr.finished.wait()
        }
        let timedOut = await waitForExit(watcher, outputsClosed, timeout: timeout, killGrace: killGrace)
        // A child left running in the background may still hold the pipes open: give it `killGrace`, then stop.
        await race(killGrace, outputsClosed)
        if !stdout.finished.isRaised || !stderr.finished.isRaised {
            stdout.stop()
            stderr.stop()
        }
        let ending: ChildProcessResult.Ending = timedOut ? .timedOut : watcher.ending ?? .statusLost
        return .init(ending: ending, stdout: stdout.output.data, stderr: stderr.output.data)
    }

    /// Waits for the exit; past `timeout` (or on cancellation) sends SIGTERM to the process group, waits up to
    /// `killGrace` for the command and whatever holds its output to end, then SIGKILLs what is left of the group.
    /// Returns whether the process had to be killed.
    private static func waitForExit(
        _ watcher: ExitWatcher, _ outputsClosed: @escaping @Sendable () async -> Void, timeout: Duration,
        killGrace: Duration
    ) async -> Bool {
        await race(timeout) { await watcher.exited.wait() }
        if watcher.exited.isRaised { return false }
        watcher.signalGroup(SIGTERM)
        await race(killGrace) {
            await watcher.exited.wait()
            await outputsClosed()
        }
        watcher.signalGroup(SIGKILL)
        await watcher.exited.waitUntilRaised()
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
}
