/// The rows of a ``RequestTable`` in listing order. A view: the table keeps each row in its listing entry, so a
/// listing becomes a table without copying 100,000 rows.
public struct RequestRows: RandomAccessCollection, Sendable, Equatable {
    let listed: [ListedRequest]

    public var startIndex: Int { listed.startIndex }
    public var endIndex: Int { listed.endIndex }

    public subscript(position: Int) -> RequestRow { listed[position].row }

    public static func == (lhs: RequestRows, rhs: RequestRows) -> Bool {
        lhs.elementsEqual(rhs)
    }
}
