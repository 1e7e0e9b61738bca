/// Percent-encoding for text placed in a URL (RFC 3986).
///
/// Only the unreserved characters (`A-Z a-z 0-9 - . _ ~`) stay as they are; every other byte of the UTF-8
/// form, including `/`, `?`, `#`, `%`, `+`, `&`, `=` and spaces, becomes `%XX`. A value made only of dots
/// (`.` or `..`) is encoded too, so that it can never act as a dot-segment and climb the path.
enum PercentEncoding {
    /// The text encoded for use as one path segment or one query value.
    static func component(_ text: String) -> String {
        let onlyDots = !text.isEmpty && text.utf8.allSatisfy { $0 == UInt8(ascii: ".") }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) && !(onlyDots && byte == UInt8(ascii: ".")) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hex[Int(byte >> 4)] + hex[Int(byte & 0x0F)]
            }
        }
        return out
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static let hex = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
}
