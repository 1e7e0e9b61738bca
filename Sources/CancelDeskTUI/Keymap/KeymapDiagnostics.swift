/// Where a binding was written: which file, and where in it.
struct KeymapOrigin: Equatable, Sendable {
    /// The file's name in messages (a path, or `built-in keymap.json`).
    let file: String
    let path: KeymapPath
    /// True when the user's file wrote it (not the defaults, not a hard-wired rule).
    let fromUser: Bool

    /// `path` alone when `other` is in the same file, else `file: path`.
    func reference(from other: KeymapOrigin) -> String {
        other.file == file ? "\(path)" : "\(file): \(path)"
    }
}

/// One key of a binding, with the text it was written as.
struct PlacedKey: Equatable, Sendable {
    let key: Key
    let notation: String
    let origin: KeymapOrigin
}

/// The problems (which refuse the keymap) and warnings found while loading one, in the order found.
struct KeymapDiagnostics: Sendable {
    private(set) var problems: [String] = []
    private(set) var warnings: [String] = []

    /// `file: path "notation": message`.
    static func line(_ origin: KeymapOrigin, notation: String? = nil, _ message: String) -> String {
        let shown = notation.map { " " + $0.keymapQuoted } ?? ""
        return "\(origin.file): \(origin.path)\(shown): \(message)"
    }

    mutating func problem(_ origin: KeymapOrigin, notation: String? = nil, _ message: String) {
        problems.append(Self.line(origin, notation: notation, message))
    }

    mutating func problem(file: String, _ message: String) {
        problems.append("\(file): \(message)")
    }

    mutating func warning(_ origin: KeymapOrigin, notation: String? = nil, _ message: String) {
        warnings.append(Self.line(origin, notation: notation, message))
    }
}
