import CancelDeskCore
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file-system side of opening a journal: directories, modes, ownership and file types.
///
/// Rules: canceldesk changes the mode only of what it created. Missing directories are created 0700 and a missing
/// file 0600 (created here, exclusively, before SQLite opens it; SQLite gives its `-wal`/`-shm` files the database
/// file's mode). An existing directory is never changed: its real path (symbolic links resolved) is checked and a
/// loose one is warned about. An existing file is first checked to be a journal *before anything touches it*: its
/// header must be SQLite's (`SQLite format 3\0`) with canceldesk's application id or none, or the file must be empty;
/// anything else is refused unchanged. Only once SQLite has confirmed it is a canceldesk journal (see
/// `SQLiteJournal.open`) is a loose journal file of the user's own, or its `-wal`/`-shm`, tightened (mode & 0700) with
/// a warning, never loosened; one of another user's with a loose mode is refused. A directory, symbolic link or
/// special file at the journal path is refused, and so is a network file system (SQLite's WAL needs shared memory on
/// one host).
enum JournalFiles {
    /// The suffixes of the files SQLite keeps beside the database.
    static let sidecarSuffixes = ["-wal", "-shm", "-journal"]

    /// The first bytes of every SQLite database file.
    static let sqliteMagic = Array("SQLite format 3\0".utf8)

    /// Validates `path` and creates what is missing; returns the absolute path to open. Changes the mode of nothing
    /// it did not create: call ``tightenJournal(_:logger:)`` once the file is known to be a canceldesk journal.
    static func prepare(path rawPath: String, logger: Logger) throws -> String {
        let trimmed = rawPath.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw JournalError("the journal path is empty") }
        guard !rawPath.contains("\0") else { throw JournalError("the journal path contains a NUL character") }
        let path = absolute(rawPath)
        guard !rawPath.hasSuffix("/") else {
            throw JournalError("\(path) names a directory; give the path of the journal file inside it")
        }
        let directory = (path as NSString).deletingLastPathComponent
        try ensureDirectory(directory)
        try refuseNetworkFileSystem(directory: directory, path: path)
        try ensureFile(path)
        try checkHeader(path)
        warnAboutLooseDirectory(directory, logger: logger)
        return path
    }

    /// Tightens the journal file and its `-wal`, `-shm` and `-journal` files when present, the user's own and loose.
    /// Call only once the file is known to be a canceldesk journal. Throws when a loose one belongs to another user
    /// (canceldesk will not change it, and will not use a journal others can read).
    static func tightenJournal(_ path: String, logger: Logger) throws {
        for file in [path] + sidecarSuffixes.map({ path + $0 }) {
            guard let info = try? status(file), kind(info) == S_IFREG else { continue }
            try tighten(file, info: info, to: 0o600, logger: logger)
        }
    }

    /// Refuses, without changing it, a file that is neither empty nor a SQLite database of canceldesk's (or of
    /// no application yet): read-only, never following a symbolic link.
    static func checkHeader(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw JournalError("cannot read the journal file \(path): \(describe(errno: errno))")
        }
        defer { _ = close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, kind(info) == S_IFREG else {
            throw JournalError("\(path) is not a regular file")
        }
        if info.st_size == 0 { return }
        var header = [UInt8](repeating: 0, count: 100)
        let count = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= sqliteMagic.count, Array(header.prefix(sqliteMagic.count)) == sqliteMagic else {
            throw JournalError(
                "\(path) is not a SQLite database (file is not a database); canceldesk left it unchanged")
        }
        guard count >= 72 else { return }
        // The application id: a big-endian 32-bit integer at offset 68 of the header.
        let applicationID = Int32(bitPattern: header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard applicationID == 0 || applicationID == JournalSchema.applicationID else {
            throw JournalError(
                "\(path) is a SQLite database of another application (application_id \(applicationID)), "
                    + "not a canceldesk journal; canceldesk left it unchanged")
        }
    }

    /// `~` expanded, made absolute against the working directory, `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        return URL(fileURLWithPath: expanded).standardizedFileURL.path
    }

    // MARK: - Directory

    private static func ensureDirectory(_ directory: String) throws {
        var missing: [String] = []
        var current = directory
        while true {
            var info = stat()
            if stat(current, &info) == 0 {
                guard kind(info) == S_IFDIR else {
                    throw JournalError(
                        "cannot create the journal's directory: \(current) exists and is not a directory")
                }
                break
            }
            let code = errno
            guard code == ENOENT else {
                throw JournalError("cannot use the journal's directory \(current): \(describe(errno: code))")
            }
            missing.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            guard parent != current, !parent.isEmpty else { break }
            current = parent
        }
        for created in missing.reversed() {
            if mkdir(created, 0o700) != 0 {
                let code = errno
                if code == EEXIST { continue } // another process made it meanwhile
                throw JournalError("cannot create the journal's directory \(created): \(describe(errno: code))")
            }
            // The umask may have removed owner bits; it never adds group/other ones.
            _ = chmod(created, 0o700)
        }
    }

    /// Warns when the journal's directory (its real path, symbolic links resolved) is accessible to other users.
    /// Never changes it: canceldesk did not create it (directories it creates are made 0700).
    private static func warnAboutLooseDirectory(_ directory: String, logger: Logger) {
        let real = realPath(directory) ?? directory
        guard let info = try? statusFollowing(real), info.st_mode & 0o077 != 0 else { return }
        logger.warning(
            "journal directory is accessible to other users; consider a private directory (chmod 700)",
            metadata: ["directory": "\(real)", "mode": "\(String(info.st_mode & 0o7777, radix: 8))"])
    }

    /// `realpath(3)`: the path with every symbolic link, `.` and `..` resolved; nil when it cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func refuseNetworkFileSystem(directory: String, path: String) throws {
        #if os(Linux)
            guard let type = fileSystemType(of: directory) else { return }
            let network: Set<String> = [
                "nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "afs", "ncpfs", "ceph", "glusterfs",
            ]
            if network.contains(type) || type.hasPrefix("fuse.sshfs") {
                throw JournalError(
                    "\(path) is on a network file system (\(type)); SQLite's WAL journal needs a local disk "
                        + "(one journal per machine, never shared)")
            }
        #endif
    }

    /// The type of the file system holding `directory`, from the longest matching mount point in /proc/self/mounts.
    static func fileSystemType(of directory: String) -> String? {
        guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return nil }
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        var best: (mountPoint: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mountPoint = unescapeMountField(String(fields[1]))
            let inside = mountPoint == "/" || real == mountPoint || real.hasPrefix(mountPoint + "/")
            if inside, mountPoint.count >= (best?.mountPoint.count ?? 0) {
                best = (mountPoint, String(fields[2]))
            }
        }
        return best?.type
    }

    /// Undoes the octal escapes (`\040` for a space) of /proc/self/mounts.
    private static func unescapeMountField(_ field: String) -> String {
        guard field.contains("\\") else { return field }
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.popFirst() {
            let octal = String(decoding: utf8.prefix(3), as: UTF8.self)
            if byte == UInt8(ascii: "\\"), utf8.count >= 3, let value = UInt8(octal, radix: 8) {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - File

    private static func ensureFile(_ path: String) throws {
        if let info = try existingStatus(path) {
            try checkKind(info, path: path)
            return
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            let code = errno
            guard code == EEXIST, let info = try existingStatus(path) else {
                throw JournalError("cannot create the journal file \(path): \(describe(errno: code))")
            }
            try checkKind(info, path: path) // another process created it meanwhile
            return
        }
        _ = fchmod(descriptor, 0o600)
        _ = close(descriptor)
    }

    /// Refuses anything but a regular file.
    private static func checkKind(_ info: stat, path: String) throws {
        switch kind(info) {
        case S_IFREG:
            return
        case S_IFDIR:
            throw JournalError("\(path) is a directory; give the path of the journal file inside it")
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw JournalError("\(path) is a symbolic link (to \(target)); give the real file's path")
        default:
            throw JournalError("\(path) is not a regular file")
        }
    }

    private static func tighten(_ path: String, info: stat, to ceiling: mode_t, logger: Logger) throws {
        let mode = info.st_mode & 0o7777
        if info.st_uid != geteuid() {
            logger.warning(
                "journal file belongs to another user",
                metadata: ["file": "\(path)", "uid": "\(info.st_uid)"])
        }
        guard mode & ~ceiling != 0 else { return }
        let tightened = mode & ceiling
        guard info.st_uid == geteuid() else {
            throw JournalError(
                "\(path) belongs to another user (uid \(info.st_uid)) and is accessible to others (mode "
                    + "\(String(mode, radix: 8))); canceldesk will not change it: its owner can run chmod 600 on it")
        }
        if changeMode(path, to: tightened) {
            logger.warning(
                "journal file was accessible to other users; tightened",
                metadata: [
                    "file": "\(path)", "was": "\(String(mode, radix: 8))", "now": "\(String(tightened, radix: 8))",
                ])
        } else {
            logger.warning(
                "journal file is accessible to other users and could not be tightened (chmod 600 it)",
                metadata: ["file": "\(path)", "mode": "\(String(mode, radix: 8))"])
        }
    }

    // MARK: - stat helpers

    private static func existingStatus(_ path: String) throws -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        let code = errno
        if code == ENOENT { return nil }
        throw JournalError("cannot inspect the journal file \(path): \(describe(errno: code))")
    }

    private static func status(_ path: String) throws -> stat {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw JournalError(describe(errno: errno)) }
        return info
    }

    private static func statusFollowing(_ path: String) throws -> stat {
        var info = stat()
        guard stat(path, &info) == 0 else { throw JournalError(describe(errno: errno)) }
        return info
    }

    /// `fchmod` on the file itself, opened without following a symbolic link (so a link swapped in meanwhile
    /// can never redirect the change); true when it worked.
    private static func changeMode(_ path: String, to mode: mode_t) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { _ = close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, kind(info) == S_IFREG else { return false }
        return fchmod(descriptor, mode) == 0
    }

    private static func kind(_ info: stat) -> mode_t {
        info.st_mode & S_IFMT
    }

    static func describe(errno code: Int32) -> String {
        String(cString: strerror(code))
    }
}
