public import CancelDeskCore
internal import ConnectWire
public import Foundation

/// Decodes a page of requests one element at a time, so one malformed request is reported and skipped
/// while the rest of the page is kept.
public enum RequestPageDecoder {
    /// The decoded requests of a page and the records left out.
    public struct Page: Sendable, Equatable {
        public var requests: [FulfillmentRequest]
        public var skipped: [SkippedRecord]
        /// Elements in the page, decoded or not (the offset advances by this).
        public var count: Int
    }

    /// Decodes `data`, which must be a JSON array; throws ``ServiceError`` (malformedResponse) when it is not.
    public static func decode(_ data: Data) throws -> Page {
        let elements: [LenientElement]
        do {
            elements = try JSONDecoder().decode([LenientElement].self, from: data)
        } catch {
            throw ServiceError(
                service: .connect, kind: .malformedResponse,
                messages: ["request list is not a JSON array: \(DecodingDiagnostics.describe(error))"])
        }
        var page = Page(requests: [], skipped: [], count: elements.count)
        for (index, element) in elements.enumerated() {
            switch element.result {
            case .success(let wire):
                do {
                    page.requests.append(try RequestMapping.request(wire))
                } catch {
                    page.skipped.append(SkippedRecord(id: element.id, cause: .malformed, detail: "\(error)"))
                }
            case .failure(let error):
                page.skipped.append(
                    SkippedRecord(
                        id: element.id, cause: .malformed,
                        detail: "element \(index): \(DecodingDiagnostics.describe(error))"))
            }
        }
        return page
    }

    /// Decodes one request (`GET /requests/{id}` and action responses).
    public static func decodeOne(_ data: Data) throws -> FulfillmentRequest {
        do {
            return try RequestMapping.request(try JSONDecoder().decode(WireRequest.self, from: data))
        } catch {
            throw ServiceError(
                service: .connect, kind: .malformedResponse,
                messages: ["request is malformed: \(DecodingDiagnostics.describe(error))"])
        }
    }
}

/// One array element: the decoded request or the error, plus the id when it could be read.
private struct LenientElement: Decodable {
    var result: Result<WireRequest, any Error>
    var id: String?

    private enum IDKey: String, CodingKey { case id }

    init(from decoder: any Decoder) throws {
        id = try? decoder.container(keyedBy: IDKey.self).decode(String.self, forKey: .id)
        do {
            result = .success(try WireRequest(from: decoder))
        } catch {
            result = .failure(error)
        }
    }
}

/// Short, field-naming descriptions of decoding errors.
enum DecodingDiagnostics {
    static func describe(_ error: any Error) -> String {
        if let error = error as? MappingError { return error.description }
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
            return text.isEmpty ? "(top level)" : text
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type) value"
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return parent == "(top level)" ? "\(key.stringValue): missing" : "\(parent).\(key.stringValue): missing"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
