import ConnectWire
import Foundation
import Synchronization

/// Keeps a sandbox's changes across runs (`SandboxOptions.statePath`, used by `canceldesk --demo`): every
/// successful change is appended as one JSON line, and on start the lines are replayed over the same seeded data.
final class SandboxStateLog: Sendable {
    /// One recorded change.
    struct Change: Codable, Sendable {
        /// `approve`, `fail`, `inquire`, `pend`, `assign`, `unassign`, `update` or `vendor_cancel`.
        var kind: String
        var id: String
        var approve: WireApproveBody?
        var fail: WireFailBody?
        var assign: WireAssignBody?
        var update: WireUpdateBody?
        var key: String?
        var cancel: WireVendorCancelBody?
    }

    let path: String
    private let lock = Mutex(())

    init(path: String) {
        self.path = path
    }

    /// The changes recorded so far; lines that cannot be read (a torn last line) are skipped.
    func load() -> [Change] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Change.self, from: Data($0)) }
    }

    /// Appends one change (best effort: the demo's state is a convenience, not a record of truth).
    func append(_ change: Change) {
        guard var line = try? JSONEncoder().encode(change) else { return }
        line.append(UInt8(ascii: "\n"))
        lock.withLock { _ in
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: line)
        }
    }

    /// Replays the recorded changes into fresh stores; the counters then count them too (the state is cumulative).
    static func replay(_ changes: [Change], store: ConnectStore, vendor: VendorStore) async {
        for change in changes {
            switch change.kind {
            case "approve": _ = try? await store.approve(change.id, change.approve ?? .init())
            case "fail": _ = try? await store.fail(change.id, change.fail ?? .init(reason: nil))
            case "inquire": _ = try? await store.inquire(change.id)
            case "pend": _ = try? await store.pend(change.id)
            case "assign": _ = try? await store.assign(change.id, change.assign ?? .init())
            case "unassign": _ = try? await store.unassign(change.id)
            case "update": if let body = change.update { _ = try? await store.update(change.id, body) }
            case "vendor_cancel":
                guard let key = change.key, let body = change.cancel else { continue }
                // Seeded transient failures answer 503 first; the recorded cancel did go through.
                for _ in 0..<5 where await vendor.cancel(subscriptionID: change.id, key: key, body: body).status == 503
                {}
            default: continue
            }
        }
    }
}
