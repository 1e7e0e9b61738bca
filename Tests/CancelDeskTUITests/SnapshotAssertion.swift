import Foundation
import Testing

@testable import CancelDeskTUI

/// Compares a frame with `Snapshots/<name>.txt` next to this file: the screen's lines (trailing spaces
/// dropped) and where the cursor rests. `UPDATE_SNAPSHOTS=1` rewrites the files; a missing file is written and
/// the test fails once, so a new snapshot is always looked at.
func assertSnapshot(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = snapshotText(frame)
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent("\(name).txt")
    let update = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if update || expected == nil {
        try? FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        if expected == nil {
            Issue.record("recorded a new snapshot \(name).txt; check it and run again", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected, expected != actual else { return }
    Issue.record(
        "snapshot \(name) differs (UPDATE_SNAPSHOTS=1 rewrites it):\n\(diff(expected, actual))",
        sourceLocation: sourceLocation)
}

func snapshotText(_ frame: Frame) -> String {
    var lines = RecordingTerminal.lines(frame).map { line in
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }
    lines.append(
        "-- \(frame.columns)x\(frame.rows) cursor: " + (frame.cursor.map { "\($0.row),\($0.column)" } ?? "hidden"))
    return lines.joined(separator: "\n") + "\n"
}

/// A line-by-line diff: `-` expected, `+` actual, with line numbers.
private func diff(_ expected: String, _ actual: String) -> String {
    let old = expected.components(separatedBy: "\n")
    let new = actual.components(separatedBy: "\n")
    var out: [String] = []
    for index in 0..<max(old.count, new.count) {
        let a = index < old.count ? old[index] : "<none>"
        let b = index < new.count ? new[index] : "<none>"
        if a != b {
            out.append(String(format: "%3d - ", index + 1) + a)
            out.append(String(format: "%3d + ", index + 1) + b)
        }
    }
    return out.joined(separator: "\n")
}
