/// The fields a filter term can name (`customer:acme`), and which of a row's search fields each covers.
enum FilterField: String, Sendable, Equatable, CaseIterable {
    case customer, product, env, mp, id, sub, assignee

    /// The search fields of ``RequestRow/searchFields(_:)`` this name covers: the name shown and the id behind it.
    var columns: [Int] {
        switch self {
        case .id: [0]
        case .customer: [1, 7]
        case .product: [2, 8]
        case .sub: [3, 10]
        case .env: [4]
        case .mp: [5, 9]
        case .assignee: [6, 11]
        }
    }

    /// The field a typed name means, long names included (`marketplace:`, `environment:`, `subscription:`).
    static func named(_ name: Substring) -> FilterField? {
        switch name {
        case "customer": .customer
        case "product": .product
        case "env", "environment": .env
        case "mp", "marketplace": .mp
        case "id", "request": .id
        case "sub", "subscription": .sub
        case "assignee": .assignee
        default: nil
        }
    }
}
