#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The lower-cased search text of every row, in one contiguous byte buffer, so a filter pass over 100,000 rows
/// is a tight byte search and allocates nothing per row.
struct FilterCorpus: Sendable, Equatable {
    private var bytes: [UInt8] = []
    /// Row `i` spans `starts[i]..<starts[i + 1]`.
    private var starts: [Int] = [0]

    init() {}

    var count: Int { starts.count - 1 }

    /// Adds one row: its fields lower-cased, separated by a byte no query contains.
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

    /// The search text of one row: its fields lower-cased, separated by a byte no query contains.
    static func text(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x1F) }
            if SafeText.isPrintableASCII(field) {
                for byte in field.utf8 { bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
            } else {
                bytes.append(contentsOf: field.lowercased().utf8)
            }
        }
        return bytes
    }

    /// The rows among `candidates` (in their order) whose text contains every word of `query`.
    func filter(_ candidates: [Int], _ query: FilterQuery) -> [Int] {
        guard !query.isEmpty else { return candidates }
        return bytes.withUnsafeBufferPointer { buffer in
            candidates.filter { matches($0, query, in: buffer) }
        }
    }

    /// Whether row `row` contains every word of `query`.
    func matches(_ row: Int, _ query: FilterQuery) -> Bool {
        guard !query.isEmpty else { return true }
        guard row >= 0, row < count else { return false }
        return bytes.withUnsafeBufferPointer { matches(row, query, in: $0) }
    }

    private func matches(_ row: Int, _ query: FilterQuery, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[row]
        let length = starts[row + 1] - start
        guard let base = buffer.baseAddress else { return false }
        for word in query.words {
            let found = word.withUnsafeBufferPointer { Self.contains(base + start, length, $0) }
            if !found { return false }
        }
        return true
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

/// A filter as typed: words that must all occur (case-insensitively) somewhere in a row.
struct FilterQuery: Sendable, Equatable {
    /// The lower-cased text the words came from.
    let text: String
    let words: [[UInt8]]

    init(_ typed: String) {
        text = typed.lowercased()
        words = text.split(separator: " ").map { Array($0.utf8) }
    }

    var isEmpty: Bool { words.isEmpty }

    /// True when `self` can only narrow what `other` matched (the typed text extends the earlier text), so
    /// filtering `other`'s result gives the same rows as filtering everything.
    func narrows(_ other: FilterQuery) -> Bool {
        !other.isEmpty && text.hasPrefix(other.text)
    }
}
