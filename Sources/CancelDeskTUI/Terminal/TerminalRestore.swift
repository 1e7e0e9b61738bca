import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts the terminal back (main screen, visible cursor, shell tty modes) on every way out of the process:
/// SIGTERM, SIGHUP, SIGINT and SIGQUIT sent by `kill`, crashes (SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL,
/// SIGTRAP; a Swift trap is SIGILL or SIGTRAP), and `exit` through `atexit`.
///
/// Handlers must be async-signal-safe, so they do not call curses: `CursesTerminal` arms this with the bytes
/// `endwin` would send (from terminfo) and the tty modes saved before `newterm`; a handler writes the one and
/// sets the other with `write` and `tcsetattr`, then lets the signal take its course (terminating signals are
/// re-raised with the default action; crash signals go to the handler that was there before, such as Swift's
/// backtracer, which then prints to the restored screen). `CursesTerminal.shutdown()` disarms it.
///
/// Global state: signal handlers cannot capture context, so the armed bytes, saved modes and previous actions
/// live in static storage allocated once in ``install()``; `armed` (an atomic) guards it.
public enum TerminalRestore {
    /// Signals that end the process without a crash (the console reads Ctrl-C as a key, so SIGINT only comes
    /// from `kill`).
    static let terminatingSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    /// Signals raised by crashes and traps.
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGTRAP]

    private static let capacity = 1024
    private static let installed = Atomic<Bool>(false)
    private static let armed = Atomic<Bool>(false)
    nonisolated(unsafe) private static let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) private static let length = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    nonisolated(unsafe) private static let descriptor = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    nonisolated(unsafe) private static let shellModes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) private static let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    /// Installs the signal handlers and the `atexit` hook; later calls do nothing. `CursesTerminal` calls it
    /// after `newterm` (so these handlers replace ncurses' own SIGINT/SIGTERM ones); calling it earlier is fine.
    public static func install() {
        guard !installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        // Touch the lazily initialized statics here, never first inside a handler.
        length.pointee = 0
        descriptor.pointee = -1
        _ = bytes
        _ = shellModes
        _ = armed.load(ordering: .relaxed)
        for signal in terminatingSignals + crashSignals {
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO
            #if canImport(Glibc)
                action.__sigaction_handler.sa_sigaction = handleSignal
            #else
                action.__sigaction_u.__sa_sigaction = handleSignal
            #endif
            sigaction(signal, &action, previousActions + Int(signal))
        }
        atexit { TerminalRestore.restoreNow() }
    }

    /// Restores the terminal now if armed, and disarms; safe to call again, from any thread or a signal handler.
    public static func restoreNow() {
        guard armed.exchange(false, ordering: .acquiringAndReleasing) else { return }
        let fd = descriptor.pointee
        var written = 0
        while written < length.pointee {
            let result = write(fd, bytes + written, length.pointee - written)
            if result > 0 {
                written += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        _ = tcsetattr(fd, TCSANOW, shellModes)
    }

    /// Arms restoring: `sequence` is written to `fileDescriptor` and `modes` set on it. Called by
    /// `CursesTerminal` after `newterm` (and again when the size changes).
    static func arm(sequence: [UInt8], modes: termios, fileDescriptor: Int32) {
        install()
        armed.store(false, ordering: .sequentiallyConsistent)
        let count = min(sequence.count, capacity)
        sequence.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { bytes.update(from: base, count: count) }
        }
        length.pointee = count
        descriptor.pointee = fileDescriptor
        shellModes.pointee = modes
        armed.store(true, ordering: .sequentiallyConsistent)
    }

    /// Stops restoring (after `endwin` has done it).
    static func disarm() {
        armed.store(false, ordering: .sequentiallyConsistent)
    }

    /// Whether a restore is armed (tests).
    static var isArmed: Bool { armed.load(ordering: .sequentiallyConsistent) }

    /// An `SA_SIGINFO` handler.
    private typealias SignalHandler =
        @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void

    /// Restores the terminal, then lets the signal act: terminating signals get the default action, crash
    /// signals the action that was installed before (the Swift runtime's backtracer, or the default).
    private static let handleSignal: SignalHandler = { number, _, _ in
        TerminalRestore.restoreNow()
        if TerminalRestore.crashSignals.contains(number) {
            sigaction(number, TerminalRestore.previousActions + Int(number), nil)
        } else {
            signal(number, SIG_DFL)
        }
        // Blocked while this handler runs; delivered to the action just set as soon as it returns.
        raise(number)
    }
}
