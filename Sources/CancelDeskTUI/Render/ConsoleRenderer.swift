/// Draws the whole console for a state: pure, and only the rows on screen are touched, so drawing costs the
/// same with ten requests as with a hundred thousand.
public enum ConsoleRenderer {
    /// The frame for `state`; `hints` names the keys in the hint line and the dialogs.
    public static func render(_ state: ConsoleState, hints: KeyHints) -> Frame {
        var canvas = Canvas(state.size, noColor: state.context.noColor)
        guard canvas.rows > 0, canvas.columns > 0 else { return canvas.frame }
        if ScreenLayout.isTooSmall(state.size) {
            TooSmallScreen.draw(state, into: &canvas)
            return canvas.frame
        }
        Chrome.titleBar(state, into: &canvas)
        // The topmost full screen (list or detail or an overlay view), then a dialog above it if one is on top.
        let top = state.screens.last
        var base: ConsoleScreen?
        for screen in state.screens.reversed() {
            if case .dialog = screen { continue }
            base = screen
            break
        }
        let dialogOnTop: DecisionDialog? = if case .dialog(let dialog) = top { dialog } else { nil }
        let parkBase = dialogOnTop == nil
        switch base {
        case nil:
            ListScreen.draw(state, into: &canvas, parkCursor: parkBase)
        case .detail(let view):
            DetailScreen.draw(state, view, into: &canvas, parkCursor: parkBase)
        case .help(let context, let scroll):
            HelpScreen.draw(state, context: context, scroll: scroll, into: &canvas)
        case .messages(let scroll):
            MessagesScreen.draw(state, scroll: scroll, into: &canvas)
        case .history(let scroll):
            HistoryScreen.draw(state, scroll: scroll, into: &canvas)
        case .dialog:
            break
        }
        Chrome.statusLine(state, into: &canvas, parkCursor: parkBase)
        Chrome.hints(state, hints, into: &canvas)
        if let dialogOnTop { DialogScreen.draw(state, dialogOnTop, hints: hints, into: &canvas) }
        return canvas.frame
    }
}
