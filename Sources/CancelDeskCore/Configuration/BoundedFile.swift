public import Foundation

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Reads a small file (configuration, keymap, secret) without trusting its size: the file is checked with `stat`
/// before any byte is read (a regular file no larger than the limit), and then read with a cap, so that a file
/// growing meanwhile, a FIFO or `/dev/zero` can never make canceldesk read more than the limit.
public enum BoundedFile {
    /// Largest configuration or keymap file accepted: 1 MiB.
    public static let configurationLimit = 1 << 20
    /// Largest secret file accepted: 64 KiB.
    public static let secretLimit = 64 << 10

    /// Why a file was not read; each case words the problem for a message that names the file.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case missing
        case directory
        case notRegular
        case tooLarge(limit: Int)
        case unreadable(String)

        public var description: String {
            switch self {
            case .missing: "no such file"
            case .directory: "is a directory"
            case .notRegular: "not a regular file"
            case .tooLarge(let limit): "larger than \(Self.size(limit)); refused before reading"
            case .unreadable(let why): "cannot be read (\(why))"
            }
        }

        private static func size(_ bytes: Int) -> String {
            bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
        }
    }

    /// The file's bytes, when it is a regular file (symbolic links followed) of at most `limit` bytes.
    public static func read(_ path: String, limit: Int) throws(Refusal) -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { throw .missing }
            throw .unreadable(String(cString: strerror(code)))
        }
        if info.st_mode & S_IFMT == S_IFDIR { throw .directory }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegular }
        guard Int(info.st_size) <= limit else { throw .tooLarge(limit: limit) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { _ = close(descriptor) }
        // The file may have been swapped between stat and open: check what was opened, too.
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else { throw .notRegular }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limit { throw .tooLarge(limit: limit) }
        }
        return data
    }
}

/// `read(2)`, under a name the enum's own `read` does not shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
