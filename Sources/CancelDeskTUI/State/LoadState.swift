/// Something the console asked the engine for.
public enum LoadState<Value: Sendable & Equatable>: Sendable, Equatable {
    case idle
    case loading
    case loaded(Value)
    case failed(String)

    /// The value, when loaded.
    public var value: Value? {
        if case .loaded(let value) = self { return value }
        return nil
    }
}
