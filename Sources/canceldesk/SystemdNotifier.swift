import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// systemd's notification protocol (`sd_notify(3)`) without libsystemd: one datagram per state, sent over the
/// Unix datagram socket `$NOTIFY_SOCKET` names (a path, or `@name` for an abstract socket).
///
/// canceldesk sends `READY=1` when the first pass starts, `STATUS=…` after each pass, `STOPPING=1` when it begins to
/// stop, and `WATCHDOG=1` every half of `$WATCHDOG_USEC` (see ``SystemdWatchdog``). Sending never blocks and never
/// fails the run: a notification that cannot be delivered is dropped.
struct SystemdNotifier: Sendable {
    /// The socket address as `$NOTIFY_SOCKET` gives it.
    let socketPath: String
    /// How often to send `WATCHDOG=1` (half of `$WATCHDOG_USEC`), or nil when systemd expects no keep-alives.
    let watchdogInterval: Duration?

    /// The states canceldesk reports.
    enum State: Sendable, Equatable {
        case ready
        case stopping
        case watchdog
        case status(String)

        /// The `KEY=value` line of the protocol (a status is kept to one line).
        var line: String {
            switch self {
            case .ready: "READY=1"
            case .stopping: "STOPPING=1"
            case .watchdog: "WATCHDOG=1"
            case .status(let text):
                "STATUS=" + String(text.map { $0.isNewline ? " " : $0 }.prefix(200))
            }
        }
    }

    init(socketPath: String, watchdogInterval: Duration? = nil) {
        self.socketPath = socketPath
        self.watchdogInterval = watchdogInterval
    }

    /// The notifier systemd asks for through the environment, or nil when `$NOTIFY_SOCKET` is unset or unusable.
    /// `$WATCHDOG_USEC` counts only for this process (`$WATCHDOG_PID`, when set, must be ours).
    init?(environment: [String: String] = ProcessInfo.processInfo.environment, pid: Int32 = getpid()) {
        guard let path = environment["NOTIFY_SOCKET"], path.count > 1,
            path.hasPrefix("/") || path.hasPrefix("@"), path.utf8.count < Self.maximumPathLength
        else { return nil }
        var interval: Duration?
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == pid } ?? true
        if forUs, let text = environment["WATCHDOG_USEC"], let usec = Int64(text), usec > 0 {
            interval = .microseconds(usec / 2)
        }
        self.init(socketPath: path, watchdogInterval: interval)
    }

    /// `sun_path`'s size, terminating NUL included.
    static let maximumPathLength = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    /// Sends `state`; false when it could not be delivered.
    @discardableResult
    func send(_ state: State) -> Bool {
        send(line: state.line)
    }

    /// Sends one datagram with `line`; false when it could not be delivered.
    @discardableResult
    func send(line: String) -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socketPath.utf8)
        let abstract = path.first == UInt8(ascii: "@")
        if abstract { path[0] = 0 } // an abstract socket's name starts with a NUL byte
        guard path.count < Self.maximumPathLength else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        // A path is NUL-terminated; an abstract name is exactly its bytes.
        let length = socklen_t(pathOffset + path.count + (abstract ? 0 : 1))
        let bytes = Array(line.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { buffer in
                    sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        return sent == bytes.count
    }
}
