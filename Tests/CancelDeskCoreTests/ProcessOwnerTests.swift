import CancelDeskCore
import Testing

@Suite struct ProcessOwnerTests {
    @Test func writesAndParsesHostPidAndStart() {
        let owner = ProcessOwner(host: "ops-1", pid: 4242, start: "3f2a9c1e-123456")
        #expect(owner.description == "ops-1:4242/3f2a9c1e-123456")
        #expect(ProcessOwner(parsing: owner.description) == owner)
        #expect(ProcessOwner(parsing: "ops-1:4242") == ProcessOwner(host: "ops-1", pid: 4242, start: nil))
        for bad in ["", "ops-1", "ops-1:", ":12", "ops-1:x", "ops-1:0", "ops-1:-3", "ops-1:12/"] {
            #expect(ProcessOwner(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func aReusedPidIsNotTheOwner() {
        let owner = ProcessOwner(host: "ops-1", pid: 4242, start: "boot-100")
        let runs: (Int32) -> Bool = { $0 == 4242 }
        #expect(owner.isAlive(onHost: "ops-1", pidRuns: runs, startToken: { _ in "boot-100" }))
        // The crashed writer's pid now belongs to another process (started later).
        #expect(!owner.isAlive(onHost: "ops-1", pidRuns: runs, startToken: { _ in "boot-900" }))
        #expect(!owner.isAlive(onHost: "ops-1", pidRuns: { _ in false }, startToken: { _ in "boot-100" }))
        #expect(!owner.isAlive(onHost: "ops-2", pidRuns: runs, startToken: { _ in "boot-100" }))
        // Cannot read the start: a pid that runs is treated as the writer (its row is never taken over).
        #expect(owner.isAlive(onHost: "ops-1", pidRuns: runs, startToken: { _ in nil }))
        // An old row without a start token: only the pid can be checked.
        let old = ProcessOwner(host: "ops-1", pid: 4242, start: nil)
        #expect(old.isAlive(onHost: "ops-1", pidRuns: runs, startToken: { _ in "boot-900" }))
    }
}
