#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folded search text of every row (``TextFold``: lower case, no accents), in one contiguous byte buffer, so
/// a filter pass over 100,000 rows is a tight byte search and allocates nothing per row. Accents are folded once,
/// when a listing is made ready, never per keystroke.
struct FilterCorpus: Sendable, Equatable {
    /// The byte between a row's fields; no query contains it.
    static let separator: UInt8 = 0x1F

    private var bytes: [UInt8] = []
    /// Row `i` spans `starts[i]..<starts[i + 1]`.
    private var starts: [Int] = [0]

    init() {}

    var count: Int { starts.count - 1 }

    /// Adds one row: its fields folded, separated by ``separator``.
    mutating func append(_ fields: [String]) {
        append(text: Self.text(fields))
    }

    /// Adds one row's search text, as ``text(_:)`` made it.
    mutating func append(text: [UInt8]) {
        bytes.append(contentsOf: text)
        starts.append(bytes.count)
    }

    /// Reserves room for `rows` more rows of about `bytes` bytes in all.
    mutating func reserve(rows: Int, bytes count: Int) {
        starts.reserveCapacity(starts.count + rows)
        bytes.reserveCapacity(bytes.count + count)
    }

    /// The search text of one row: its fields folded (``TextFold``, or `fold` when given: a listing's
    /// ``StringPool`` folds each distinct name once), separated by ``separator``, in the order of ``FilterField``
    /// (``RequestRow`` lists them).
    static func text(_ fields: [String], fold: (String) -> String = TextFold.fold) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(separator) }
            if SafeText.isPrintableASCII(field) {
                for byte in field.utf8 { bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
            } else {
                for byte in fold(field).utf8 where byte != separator { bytes.append(byte) }
            }
        }
        return bytes
    }

    /// The rows among `candidates` (in their order) that `query` matches.
    func filter(_ candidates: [Int], _ query: FilterQuery) -> [Int] {
        guard !query.isEmpty else { return candidates }
        return bytes.withUnsafeBufferPointer { buffer in
            candidates.filter { matches($0, query, in: buffer) }
        }
    }

    /// Whether `query` matches row `row`.
    func matches(_ row: Int, _ query: FilterQuery) -> Bool {
        guard !query.isEmpty else { return true }
        guard row >= 0, row < count else { return false }
        return bytes.withUnsafeBufferPointer { matches(row, query, in: $0) }
    }

    /// Every term holds: a plain term occurs anywhere in the row, a field term in one of its field's columns; a
    /// negated term must not.
    private func matches(_ row: Int, _ query: FilterQuery, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[row]
        let length = starts[row + 1] - start
        guard let base = buffer.baseAddress else { return false }
        let rowBase = base + start
        for term in query.terms {
            let found = term.bytes.withUnsafeBufferPointer { needle in
                guard let field = term.field else { return Self.contains(rowBase, length, needle) }
                return field.columns.contains { column in
                    let (offset, count) = Self.span(of: column, in: rowBase, length)
                    return Self.contains(rowBase + offset, count, needle)
                }
            }
            if found == term.negated { return false }
        }
        return true
    }

    /// Where field number `column` lies in a row's `length` bytes at `row` (empty when the row has fewer fields).
    private static func span(of column: Int, in row: UnsafePointer<UInt8>, _ length: Int) -> (Int, Int) {
        var offset = 0
        for _ in 0..<column {
            guard offset < length, let hit = memchr(row + offset, Int32(separator), length - offset) else {
                return (length, 0)
            }
            offset = UnsafeRawPointer(row).distance(to: UnsafeRawPointer(hit)) + 1
        }
        guard offset < length else { return (length, 0) }
        if let hit = memchr(row + offset, Int32(separator), length - offset) {
            return (offset, UnsafeRawPointer(row).distance(to: UnsafeRawPointer(hit)) - offset)
        }
        return (offset, length - offset)
    }

    /// Whether `needle` occurs in the `length` bytes at `haystack`: `memchr` finds candidates for the first
    /// byte, `memcmp` checks them.
    private static func contains(
        _ haystack: UnsafePointer<UInt8>, _ length: Int, _ needle: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let count = needle.count
        guard count > 0, let needleBase = needle.baseAddress else { return true }
        guard count <= length else { return false }
        let first = Int32(needleBase.pointee)
        let last = length - count
        var offset = 0
        while offset <= last {
            guard let hit = memchr(haystack + offset, first, last - offset + 1) else { return false }
            let position = UnsafeRawPointer(haystack).distance(to: UnsafeRawPointer(hit))
            if memcmp(haystack + position, needleBase, count) == 0 { return true }
            offset = position + 1
        }
        return false
    }
}
