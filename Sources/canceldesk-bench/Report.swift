import Foundation

/// An aim from the issue: the figure must stay at or below `limit` (or, with `atLeast`, reach at least `limit`).
struct Aim {
    var limit: Double
    var text: String
    var atLeast = false
}

/// One measured figure.
struct Figure {
    /// Stable id for `--json` consumers, e.g. `auto.1000.c32.ratio`.
    var id: String
    /// What the table shows in its first column.
    var label: String
    var value: Double
    var unit: String
    var aim: Aim?
    /// Extra facts for the JSON (raw times, counts).
    var detail: [String: Double] = [:]
    /// A note for the table (e.g. what the figure was measured against).
    var note: String = ""

    var pass: Bool? { aim.map { value.isFinite && ($0.atLeast ? value >= $0.limit : value <= $0.limit) } }
}

/// The table on stdout, or one JSON document with `--json`.
enum Report {
    static func format(_ value: Double, unit: String) -> String {
        guard value.isFinite else { return "n/a" }
        let digits = value >= 1000 ? 0 : value >= 100 ? 1 : value >= 10 ? 2 : 3
        return String(format: "%.\(digits)f", value) + (unit.isEmpty ? "" : " \(unit)")
    }

    static func table(_ figures: [Figure], machine: Machine, full: Bool, seconds: Double) -> String {
        var lines: [String] = []
        lines.append(
            "canceldesk-bench (\(full ? "full" : "quick") run, release) on \(machine.cpus) CPU \(machine.model), "
                + "\(machine.memoryMB) MB, \(machine.kernel); load average at end \(machine.loadAverage); "
                + String(format: "%.0f s", seconds))
        let header = ["benchmark", "measured", "aim", "", "note"]
        var rows: [[String]] = [header]
        for figure in figures {
            let status = figure.pass.map { $0 ? "pass" : "MISS" } ?? ""
            rows.append([
                figure.label, format(figure.value, unit: figure.unit), figure.aim?.text ?? "", status, figure.note,
            ])
        }
        var widths = Array(repeating: 0, count: header.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        for (number, row) in rows.enumerated() {
            let cells = row.enumerated().map { index, cell in
                index == 1
                    ? String(repeating: " ", count: widths[index] - cell.count) + cell
                    : cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            lines.append(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            if number == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ figures: [Figure], machine: Machine, full: Bool, seconds: Double) -> String {
        let results: [[String: Any]] = figures.map { figure in
            var object: [String: Any] = [
                "id": figure.id, "label": figure.label, "value": figure.value.isFinite ? figure.value : NSNull(),
                "unit": figure.unit,
            ]
            if let aim = figure.aim {
                object["aim"] = [aim.atLeast ? "min" : "max": aim.limit, "text": aim.text]
                object["pass"] = figure.pass ?? false
            } else {
                object["aim"] = NSNull()
                object["pass"] = NSNull()
            }
            if !figure.detail.isEmpty { object["detail"] = figure.detail.mapValues { $0.isFinite ? $0 : 0 } }
            if !figure.note.isEmpty { object["note"] = figure.note }
            return object
        }
        let document: [String: Any] = [
            "benchmark": "canceldesk-bench",
            "mode": full ? "full" : "quick",
            "duration_s": seconds,
            "machine": [
                "cpus": machine.cpus, "model": machine.model, "kernel": machine.kernel, "memory_mb": machine.memoryMB,
                "load_average_at_end": machine.loadAverage,
            ],
            "results": results,
            "all_aims_met": figures.allSatisfy { $0.pass ?? true },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
