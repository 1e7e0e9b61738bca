/// What is drawn when the terminal is smaller than the console needs: the sizes, and how to go on.
enum TooSmallScreen {
    static func draw(_ state: ConsoleState, into canvas: inout Canvas) {
        let size = state.size
        let lines = [
            "Terminal too small",
            "\(size.columns)×\(size.rows); needs \(ScreenLayout.minimumColumns)×\(ScreenLayout.minimumRows)",
            "Enlarge the window,",
            "or press q to quit.",
        ]
        var wrapped: [String] = []
        for line in lines { wrapped += TextWrap.lines(line, width: max(size.columns, 1)) }
        let top = max((size.rows - wrapped.count) / 2, 0)
        for (offset, line) in wrapped.enumerated() where top + offset < size.rows {
            canvas.text(line, row: top + offset, column: 0, style: Style(bold: offset == 0), align: .center)
        }
        canvas.park(row: min(top, max(size.rows - 1, 0)), column: 0)
    }
}
