import CancelDeskCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Clocks, memory and small process helpers shared by the benchmarks.
enum Measure {
    /// Wall-clock seconds taken by `body`.
    static func wall<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try await body()
        return (value, seconds(clock.now - start))
    }

    static func seconds(_ duration: Duration) -> Double {
        duration.inSeconds
    }

    /// CPU time of the calling thread, in milliseconds.
    static func threadCPUMillis() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1_000 + Double(spec.tv_nsec) / 1_000_000
    }

    /// A field of `/proc/self/status` in MB (`VmHWM` is the peak resident set, `VmRSS` the current one).
    static func procStatusMB(_ field: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let number = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
            return (number.flatMap { Double($0) } ?? -1) / 1024
        }
        return -1
    }

    /// This executable's path (for re-running it as a child process).
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Runs a program to completion; returns its exit status and standard output (with `capture` false the
    /// output goes to /dev/null). Through `popen`, not `Process`: tmux's client forks its server and exits, and
    /// `Process` did not see that exit here (the client stayed a zombie and `waitUntilExit` never returned).
    @discardableResult
    static func run(_ program: String, _ arguments: [String], capture: Bool = true) throws -> (Int32, String) {
        let command =
            ([program] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ") + (capture ? "" : " >/dev/null 2>&1")
        guard let stream = popen(command, "r") else { throw BenchError("cannot run \(program)") }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, stream)
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        let status = pclose(stream)
        return ((status >> 8) & 0xff, String(decoding: output, as: UTF8.self))
    }

    /// `which`-style lookup on `PATH`.
    static func findProgram(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    /// A fresh private temporary directory.
    static func temporaryDirectory(_ label: String) throws -> String {
        let path = NSTemporaryDirectory() + "canceldesk-bench-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    /// Progress on stderr (stdout carries only the table or the JSON).
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data("canceldesk-bench: \(text)\n".utf8))
    }

    /// Prints each figure to stderr as soon as it is measured (a long run that is cut short still shows them).
    static func reported(_ figures: [Figure]) -> [Figure] {
        for figure in figures {
            let status = figure.pass.map { $0 ? " pass" : " MISS" } ?? ""
            let aim = figure.aim.map { " (aim \($0.text))" } ?? ""
            progress(
                "  = \(figure.label): \(Report.format(figure.value, unit: figure.unit))\(aim)\(status); \(figure.note)")
        }
        return figures
    }
}

/// The machine the figures were taken on.
struct Machine {
    var cpus: Int
    var model: String
    var kernel: String
    var memoryMB: Int

    static func current() -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) }
            ?? "unknown"
        var names = utsname()
        uname(&names)
        let release = withUnsafeBytes(of: &names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let total =
            meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first }
            .flatMap { Int($0) } ?? 0
        return Machine(
            cpus: ProcessInfo.processInfo.activeProcessorCount, model: model, kernel: "Linux \(release)",
            memoryMB: total / 1024)
    }

    var loadAverage: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "")
            .split(separator: " ").prefix(3).joined(separator: " ")
    }
}
