internal import Foundation

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Starts a child with `posix_spawn`, set up as a vendor command needs, which Foundation's `Process` does not do on
/// Linux: the child gets an empty signal mask and default signal dispositions (a task on a cooperative-pool thread
/// has most signals blocked, and a blocked SIGTERM would be inherited), its own process group (so a timeout kills
/// the command's children too), exactly the given environment, and no descriptor but 0, 1 and 2.
enum ProcessSpawn {
    struct Failure: Error, Sendable, Equatable {
        var code: Int32
        var message: String

        /// "Text file busy": the executable is open for writing somewhere, e.g. while it is being deployed, or
        /// briefly inherited by a child another thread is spawning. Worth a short retry.
        var isBusy: Bool { code == ETXTBSY }
    }

    /// Spawns `executable` (an absolute path) with `stdin`, `stdout` and `stderr` as descriptors 0, 1 and 2.
    static func spawn(
        executable: String, arguments: [String], environment: [String: String], stdin: Int32, stdout: Int32,
        stderr: Int32
    ) -> Result<pid_t, Failure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP)
        #if os(Linux)
            // glibc 2.34+; looked up at run time because the Glibc module does not export GNU extensions.
            if let closeFrom = GNU.addCloseFrom { _ = closeFrom(&actions, 3) }
        #else
            flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number: Int32 in 1..<32 where number != SIGKILL && number != SIGSTOP { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            environment.sorted { $0.key < $1.key }.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { return .failure(Failure(code: status, message: String(cString: strerror(status)))) }
        return .success(pid)
    }

    /// A pipe whose two ends are closed on exec (the child gets its end through `dup2` only).
    static func makePipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        #if os(Linux)
            if let pipe2 = GNU.pipe2 {
                guard pipe2(&fds, O_CLOEXEC) == 0 else { return nil }
                return (fds[0], fds[1])
            }
        #endif
        guard pipe(&fds) == 0 else { return nil }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }

    /// A pipe already holding all of `input` and closed for writing: the child's stdin. Writing before the child
    /// exists can neither block nor raise SIGPIPE. Nil when the input does not fit in a pipe (about 1 MiB on Linux).
    static func prefilledPipe(_ input: Data) -> Int32? {
        guard let (readEnd, writeEnd) = makePipe() else { return nil }
        defer { close(writeEnd) }
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        #if os(Linux)
            let setPipeSize: Int32 = 1031 // F_SETPIPE_SZ
            if input.count > 65_536 { _ = fcntl(writeEnd, setPipeSize, Int32(clamping: input.count)) }
        #endif
        let written = input.withUnsafeBytes { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let count = write(writeEnd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                offset += count
            }
            return offset
        }
        guard written == input.count else {
            close(readEnd)
            return nil
        }
        return readEnd
    }

    #if os(Linux)
        /// glibc functions that the Glibc module hides (GNU extensions), found with `dlsym`; nil when absent.
        enum GNU {
            typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

            static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
            static let pipe2: Pipe2? = symbol("pipe2")

            private static func symbol<Function>(_ name: String) -> Function? {
                guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
                return unsafeBitCast(address, to: Function.self)
            }
        }
    #endif
}
