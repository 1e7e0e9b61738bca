internal import Dispatch
internal import Foundation

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Reads a child process's output pipe to its end without blocking any thread (DispatchIO), keeping the first
/// `cap` bytes and discarding the rest, so the child never stalls on a full pipe. Owns the descriptor it is given.
final class OutputCollector: @unchecked Sendable {
    /// Raised when the pipe reached its end, failed, or was closed by ``stop()``.
    let finished = OneShotSignal()
    private let channel: DispatchIO
    private let cap: Int
    // State guarded by `lock`.
    private let lock = NSLock()
    private var bytes = Data()
    private var droppedCount = 0

    /// Starts reading `fileDescriptor` (closed when reading ends).
    init(fileDescriptor: Int32, cap: Int, queue: DispatchQueue) {
        self.cap = cap
        channel = DispatchIO(type: .stream, fileDescriptor: fileDescriptor, queue: queue) { _ in
            close(fileDescriptor)
        }
        channel.setLimit(lowWater: 1)
        channel.read(offset: 0, length: Int.max, queue: queue) { [self] done, chunk, _ in
            if let chunk, !chunk.isEmpty { append(chunk) }
            if done {
                channel.close()
                finished.signal()
            }
        }
    }

    /// What was read so far (at most `cap` bytes) and how many bytes were dropped beyond it.
    var output: (data: Data, dropped: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (bytes, droppedCount)
    }

    /// Stops reading now, e.g. when a grandchild keeps the pipe open after the child exited.
    func stop() {
        channel.close(flags: .stop)
    }

    private func append(_ chunk: DispatchData) {
        lock.lock()
        defer { lock.unlock() }
        let room = max(cap - bytes.count, 0)
        if room > 0 { bytes.append(contentsOf: chunk.prefix(room)) }
        droppedCount += max(chunk.count - room, 0)
    }
}
