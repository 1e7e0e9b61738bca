import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// canceldesk-bench: the performance figures of the issue, measured side by side in one run.
//
//   swift run -c release canceldesk-bench [--quick] [--json] [--only auto,listing,console,journal,ratelimit]
//
// Every figure of README "Performance" (about 40 minutes on 2 cores, most of it `--auto` with 10,000 requests at
// concurrency 1, whose floor alone is 25 minutes): journal commits/s; listing 10,000 and 100,000 requests
// (sequential versus concurrent pages); the console with 100,000 requests (CPU per keystroke, peak memory, bytes per cursor move in
// tmux); `--auto` with 1,000 and 10,000 requests at concurrency 32, 8 and 1 (in that order, so the aim comes
// first). `--quick` (about 7 minutes) leaves out listing 100,000 and `--auto` with 10,000. Issue 13's rate-limit
// figures (`--only ratelimit`, about 5 minutes): `--auto` with 1,000 requests at concurrency 32 against Connect
// limited to 20 requests/s, fixed concurrency versus the adaptive limits. Each figure is also printed to stderr as
// soon as it is measured.

let usage = """
    usage: canceldesk-bench [--quick] [--json] [--only GROUPS]
      (default)      every figure: about 45 minutes on 2 cores
      --quick        leave out listing 100,000 requests and --auto with 10,000 requests (about 7 minutes)
      --json         one JSON document on stdout (every figure with its aim and a pass flag) instead of the table
      --only GROUPS  comma-separated subset of: journal, listing, console, auto, ratelimit
      --json-file P  also write the JSON document to file P (with the table on stdout)
    Progress goes to stderr. Exit status: 0 when every aim is met, 1 when one is missed, 2 on an error.
    """

var arguments = Array(CommandLine.arguments.dropFirst())

// Child modes (internal): the console measurements run in a process of their own.
if arguments.first == "--child-console", arguments.count >= 3 {
    do {
        try await ConsoleBenchmark.child(connectURL: arguments[1], vendorURL: arguments[2])
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("canceldesk-bench child: \(error)\n".utf8))
        exit(2)
    }
}
if arguments.first == "--child-curses", arguments.count >= 4 {
    do {
        exit(try await CursesBytes.child(connectURL: arguments[1], vendorURL: arguments[2], directory: arguments[3]))
    } catch {
        FileHandle.standardError.write(Data("canceldesk-bench child: \(error)\n".utf8))
        exit(2)
    }
}

var full = true
var json = false
var jsonFile: String?
var groups: Set<String> = ["journal", "listing", "console", "auto", "ratelimit"]
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--full": full = true // the default; kept for scripts written before --quick
    case "--quick": full = false
    case "--json": json = true
    case "--only":
        guard let list = arguments.first else {
            print(usage)
            exit(64)
        }
        arguments.removeFirst()
        groups = Set(list.split(separator: ",").map(String.init))
    case "--json-file":
        guard let path = arguments.first else {
            print(usage)
            exit(64)
        }
        arguments.removeFirst()
        jsonFile = path
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        FileHandle.standardError.write(Data("canceldesk-bench: unknown argument \(argument)\n\(usage)\n".utf8))
        exit(64)
    }
}

signal(SIGPIPE, SIG_IGN)
let clock = ContinuousClock()
let started = clock.now
var figures: [Figure] = []
do {
    if groups.contains("journal") {
        Measure.progress("journal commits per second (3 s)")
        figures += Measure.reported(try await JournalBenchmark.run())
    }
    if groups.contains("listing") {
        for requests in full ? [10_000, 100_000] : [10_000] {
            Measure.progress("listing \(requests) requests, page cap 100, 50 ms latency")
            figures += Measure.reported(try await ListingBenchmark.run(requests: requests, concurrencies: [1, 4, 16]))
        }
    }
    if groups.contains("console") {
        figures += Measure.reported(try await ConsoleBenchmark.run(requests: 100_000))
    }
    if groups.contains("auto") {
        for requests in full ? [1_000, 10_000] : [1_000] {
            for concurrency in [32, 8, 1] {
                Measure.progress(
                    "--auto \(requests) requests at concurrency \(concurrency) (Connect 50 ms, vendor 100 ms)")
                figures += Measure.reported(try await AutoBenchmark.run(requests: requests, concurrency: concurrency))
            }
        }
    }
    if groups.contains("ratelimit") {
        for mode in RateLimitBenchmark.Mode.allCases {
            Measure.progress("--auto 1000 requests at concurrency 32, Connect at most 20 calls/s, \(mode.rawValue)")
            figures += Measure.reported(try await RateLimitBenchmark.run(mode))
        }
    }
} catch {
    FileHandle.standardError.write(Data("canceldesk-bench: \(error)\n".utf8))
    exit(2)
}
let seconds = Measure.seconds(clock.now - started)
let machine = Machine.current()
print(
    json
        ? Report.json(figures, machine: machine, full: full, seconds: seconds)
        : Report.table(figures, machine: machine, full: full, seconds: seconds))
if let jsonFile {
    let document = Report.json(figures, machine: machine, full: full, seconds: seconds) + "\n"
    _ = FileManager.default.createFile(atPath: jsonFile, contents: Data(document.utf8))
}
exit(figures.allSatisfy { $0.pass ?? true } ? 0 : 1)
