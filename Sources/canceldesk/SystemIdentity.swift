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

    /// This process as a journal row owner: `host:pid`.
    static func owner() -> String {
        "\(hostName()):\(getpid())"
    }

    /// Whether the process that wrote a journal row still runs. Rows from another host cannot be checked and count
    /// as gone (a journal is never shared between machines).
    static func isAlive(owner: String) -> Bool {
        guard let colon = owner.lastIndex(of: ":"), String(owner[..<colon]) == hostName(),
            let pid = pid_t(owner[owner.index(after: colon)...]), pid > 0
        else { return false }
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
