internal import Foundation

/// OpenSSH-style checks for files that hold secrets.
enum FilePermissions {
    /// Throws ``ConfigurationError`` with a `chmod 600` hint when group or others can read or write `path`.
    static func requirePrivate(_ path: String, what: String) throws {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw ConfigurationError(["\(path): \(what) cannot be read"])
        }
        guard let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue else { return }
        if mode & 0o077 != 0 {
            throw ConfigurationError([
                "\(path): \(what) is accessible by group or others (mode \(String(mode & 0o777, radix: 8))); "
                    + "run: chmod 600 \(path)"
            ])
        }
    }
}
