public import Logging

/// Runs `body` against a fresh sandbox on 127.0.0.1 (any free port), then stops the server and returns `body`'s
/// result. The server is stopped on every path, including when `body` throws.
public func withSandbox<T: Sendable>(
    _ options: SandboxOptions = .init(),
    logger: Logger = Logger(label: "connect-sandbox", factory: { _ in SwiftLogNoOpLogHandler() }),
    _ body: @Sendable (SandboxEndpoints) async throws -> T
) async throws -> T {
    var options = options
    options.host = "127.0.0.1"
    options.port = 0
    let sandbox = Sandbox(options: options, logger: logger)
    let (ready, readyContinuation) = AsyncStream.makeStream(of: SandboxEndpoints.self)
    return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
        group.addTask {
            defer { readyContinuation.finish() }
            try await sandbox.run { endpoints in readyContinuation.yield(endpoints) }
        }
        var iterator = ready.makeAsyncIterator()
        guard let endpoints = await iterator.next() else {
            // The server stopped before it was ready: surface its error.
            try await group.waitForAll()
            throw SandboxStartError()
        }
        do {
            let result = try await body(endpoints)
            await stop(&group)
            return result
        } catch {
            await stop(&group)
            throw error
        }
    }
}

/// The sandbox server ended before it reported its endpoints.
public struct SandboxStartError: Error, CustomStringConvertible {
    public var description: String { "the sandbox server stopped before it was ready" }
}

/// Cancels the server task and waits for it; errors from a cancelled server are expected and ignored.
private func stop(_ group: inout ThrowingTaskGroup<Void, any Error>) async {
    group.cancelAll()
    while true {
        do {
            guard try await group.next() != nil else { return }
        } catch {
            continue
        }
    }
}
