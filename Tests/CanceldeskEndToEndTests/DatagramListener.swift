import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A Unix datagram socket bound in the test, standing in for systemd's `$NOTIFY_SOCKET`: it collects every datagram
/// sent to it. Closed by ``close()`` (the socket file is removed too).
final class DatagramListener: Sendable {
    /// What to put in `NOTIFY_SOCKET`: the path, or `@name` for an abstract socket.
    let address: String
    private let descriptor: Int32
    private let received = Mutex<[String]>([])

    /// Binds a socket at a fresh path under /tmp, or (with `abstract`) a fresh abstract name.
    init(abstract: Bool = false) throws {
        let name = "cdk-notify-\(UUID().uuidString.prefix(8))"
        address = abstract ? "@" + name : "/tmp/" + name + ".sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        var path = Array(address.utf8)
        if abstract { path[0] = 0 }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: path) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count + (abstract ? 0 : 1))
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            Glibc.close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
    }

    /// Every datagram received so far, in order (reads what is waiting first).
    var messages: [String] {
        drain()
        return received.withLock { $0 }
    }

    /// Waits until `condition` holds for the datagrams received, at most `timeout`; returns them.
    func wait(
        for timeout: Duration, until condition: ([String]) -> Bool
    ) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        var seen = messages
        while !condition(seen) && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            seen = messages
        }
        return seen
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
            }
            guard count > 0 else { return }
            let text = String(decoding: buffer.prefix(count), as: UTF8.self)
            received.withLock { $0.append(text) }
        }
    }

    func close() {
        Glibc.close(descriptor)
        if !address.hasPrefix("@") { unlink(address) }
    }
}
