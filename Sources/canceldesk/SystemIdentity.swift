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
}
