/// Helpers shared by the fuzz targets.

/// Reads typed values from the fuzzer's bytes, front to back; every read succeeds (zeros when exhausted).
public struct FuzzInput {
    public let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ start: UnsafeRawPointer, _ count: Int) {
        bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var isExhausted: Bool { position >= bytes.count }

    /// All bytes not read yet.
    public var rest: ArraySlice<UInt8> { bytes[min(position, bytes.count)...] }

    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// A value in `0..<bound` (bound ≤ 256).
    public mutating func pick(_ bound: Int) -> Int {
        Int(byte()) % max(bound, 1)
    }

    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// A length-prefixed string (length byte, then that many bytes, decoded as UTF-8 with repairs).
    public mutating func string(maxLength: Int = 255) -> String {
        let length = min(Int(byte()), maxLength)
        let end = min(position + length, bytes.count)
        defer { position = end }
        return String(decoding: bytes[min(position, end)..<end], as: UTF8.self)
    }

    /// A string of arbitrary scalars: 3 bytes each, folded into U+0000…U+10FFFF (surrogates skipped).
    public mutating func scalarString(maxScalars: Int = 64) -> String {
        let count = min(Int(byte()), maxScalars)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count where !isExhausted {
            let raw = UInt32(byte()) << 16 | UInt32(byte()) << 8 | UInt32(byte())
            if let scalar = Unicode.Scalar(raw % 0x11_0000) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}

/// Stops the process when a property does not hold, so libFuzzer records the input as a crash.
public func require(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() { fatalError("property violated: \(message())", file: file, line: line) }
}

/// The scalars of `text` as `U+XXXX` list, for readable failure messages.
public func scalarDump(_ text: String) -> String {
    text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
}
