import CancelDeskCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Who and where canceldesk runs, for the journal's audit fields.
enum SystemIdentity {
    /// The effective user's name from the password database (never `$USER`, which anyone can set).
    static func osUser() -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "uid \(geteuid())" }
        return String(cString: name)
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// This process as a journal row owner: `host:pid/start` (see ``ProcessOwner``).
    static func owner() -> String {
        ProcessOwner(host: hostName(), pid: getpid(), start: startToken(of: getpid())).description
    }

    /// Whether the process that wrote a journal row still runs (the same pid *and* the same run of it).
    static func isAlive(owner: String) -> Bool {
        guard let parsed = ProcessOwner(parsing: owner) else { return false }
        if parsed.pid == getpid() && parsed.start == startToken(of: getpid()) { return true }
        return parsed.isAlive(
            onHost: hostName(), pidRuns: { kill($0, 0) == 0 || errno == EPERM }, startToken: startToken(of:))
    }

    /// The boot id's first 8 characters and the process's start time in clock ticks since boot (field 22 of
    /// `/proc/<pid>/stat`), e.g. `3f2a9c1e-123456`; nil without `/proc`.
    static func startToken(of pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name (which may hold spaces and parentheses) start at field 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, UInt64(fields[19]) != nil else { return nil }
        return bootID + "-" + fields[19]
    }

    private static let bootID: String = {
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        let id = text.prefix(8).filter { $0.isHexDigit }
        return id.isEmpty ? "noboot" : String(id)
    }()
}
