import Prometheus

/// Reads Prometheus text exposition: each sample line `series value`, keyed by its series (`name{labels}`).
struct Exposition {
    let text: String
    let samples: [String: Double]

    init(_ text: String) {
        self.text = text
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        self.samples = samples
    }

    init(_ registry: PrometheusCollectorRegistry) {
        self.init(registry.emitToString())
    }

    /// The value of `name` with exactly these labels, in this order; nil when the series is absent.
    func value(_ name: String, _ labels: [(String, String)] = []) -> Double? {
        samples[Self.series(name, labels)]
    }

    /// `name{a="1",b="2"}`, or `name` without labels.
    static func series(_ name: String, _ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return name }
        return name + "{" + labels.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ",") + "}"
    }
}
