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
/// Rules: missing directories are created 0700 and a missing file 0600 (created here, exclusively, before SQLite
/// opens it; SQLite gives its `-wal`/`-shm` files the database file's mode). An existing file, `-wal` or `-shm` that
/// other users can access is tightened (mode & 0700) with a warning, never loosened. An existing directory that
/// other users can access is tightened to 0700 only when it holds nothing but this journal's files (so `/tmp` or a
/// home directory is never changed); otherwise it is only warned about. A directory, symbolic link or special file
/// at the journal path is refused, and so is a network file system (SQLite's WAL needs shared memory on one host).
enum JournalFiles {
    /// The suffixes of the files SQLite keeps beside the database.
    static let sidecarSuffixes = ["-wal", "-shm", "-journal"]

    /// Validates `path`, creates what is missing, tightens loose modes; returns the absolute path to open.
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
        tightenExistingFile(path, logger: logger)
        tightenDirectoryIfDedicated(directory, journal: path, logger: logger)
        tightenSidecars(of: path, logger: logger)
        return path
    }

    /// Tightens the `-wal`, `-shm` and `-journal` files when present and loose (after SQLite created them too).
    static func tightenSidecars(of path: String, logger: Logger) {
        for suffix in sidecarSuffixes {
            let sidecar = path + suffix
            guard let info = try? status(sidecar), kind(info) == S_IFREG else { continue }
            tighten(sidecar, info: info, to: 0o600, logger: logger)
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
                if code == EEXIST { continue }  // another process made it meanwhile
                throw JournalError("cannot create the journal's directory \(created): \(describe(errno: code))")
            }
            // The umask may have removed owner bits; it never adds group/other ones.
            _ = chmod(created, 0o700)
        }
    }

    private static func tightenDirectoryIfDedicated(_ directory: String, journal path: String, logger: Logger) {
        guard let info = try? status(directory), info.st_mode & 0o077 != 0 else { return }
        let fileName = (path as NSString).lastPathComponent
        let own = Set([fileName] + sidecarSuffixes.map { fileName + $0 })
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [fileName, "?"]
        let dedicated = Set(entries).isSubset(of: own) && info.st_uid == geteuid() && info.st_mode & 0o1000 == 0
        let shownMode = String(info.st_mode & 0o7777, radix: 8)
        if dedicated, chmod(directory, info.st_mode & 0o700) == 0 {
            logger.warning(
                "journal directory was accessible to other users; tightened to owner-only",
                metadata: ["directory": "\(directory)", "was": "\(shownMode)"])
        } else {
            logger.warning(
                "journal directory is accessible to other users; consider a private directory (chmod 700)",
                metadata: ["directory": "\(directory)", "mode": "\(shownMode)"])
        }
    }

    private static func refuseNetworkFileSystem(directory: String, path: String) throws {
        #if os(Linux)
        guard let type = fileSystemType(of: directory) else { return }
        let network: Set<String> = ["nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "afs", "ncpfs", "ceph", "glusterfs"]
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
            try checkKind(info, path: path)  // another process created it meanwhile
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

    /// Tightens the journal file when other users can access it.
    private static func tightenExistingFile(_ path: String, logger: Logger) {
        guard let info = try? status(path), kind(info) == S_IFREG else { return }
        tighten(path, info: info, to: 0o600, logger: logger)
    }

    private static func tighten(_ path: String, info: stat, to ceiling: mode_t, logger: Logger) {
        let mode = info.st_mode & 0o7777
        if info.st_uid != geteuid() {
            logger.warning(
                "journal file belongs to another user",
                metadata: ["file": "\(path)", "uid": "\(info.st_uid)"])
        }
        guard mode & ~ceiling != 0 else { return }
        let tightened = mode & ceiling
        if info.st_uid == geteuid(), chmod(path, tightened) == 0 {
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

    private static func kind(_ info: stat) -> mode_t {
        info.st_mode & S_IFMT
    }

    static func describe(errno code: Int32) -> String {
        String(cString: strerror(code))
    }
}
