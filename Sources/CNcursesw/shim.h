/*
 * CNcursesw: the wide-character ncurses API as Swift 6 can import it.
 *
 * SwiftPM drops pkg-config's `-D_XOPEN_SOURCE=600`, which hides the wide API (get_wch, cchar_t, setcchar), so
 * NCURSES_WIDECHAR is defined here, before any include. What does not import into Swift 6 gets a `cw_`
 * accessor: function-like macros (COLOR_PAIR, KEY_F, getmaxyx), struct-valued macros (A_BOLD and friends), and
 * the library's mutable globals (stdscr, curscr, LINES, COLS, COLORS, stdout, cur_term), which Swift 6 rejects
 * as "not concurrency-safe". Plain integer macros (KEY_UP, KEY_RESIZE, KEY_CODE_YES, ERR, OK, COLOR_RED) import.
 * Only CancelDeskTUI/Terminal/CursesTerminal.swift calls these (tests read the constants).
 */
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* glibc declares wcwidth only under _XOPEN_SOURCE, which SwiftPM drops. */
extern int wcwidth(wchar_t c);

/* ---- globals (read through functions: Swift 6 rejects the variables) ---- */

static inline WINDOW *cw_stdscr(void) { return stdscr; }
static inline WINDOW *cw_curscr(void) { return curscr; }
static inline int cw_lines(void) { return LINES; }
static inline int cw_cols(void) { return COLS; }
static inline int cw_colors(void) { return COLORS; }
static inline FILE *cw_stdout(void) { return stdout; }
static inline FILE *cw_stdin(void) { return stdin; }
/* ESCDELAY is a variable; set_escdelay is the supported way to write it (curs_threads.3x). */
static inline int cw_set_escdelay(int milliseconds) { return set_escdelay(milliseconds); }
static inline int cw_escdelay(void) { return get_escdelay(); }

/* ---- macros that do not import ---- */

static inline int cw_maxy(WINDOW *w) { return getmaxy(w); }
static inline int cw_maxx(WINDOW *w) { return getmaxx(w); }
static inline attr_t cw_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t cw_a_normal(void) { return A_NORMAL; }
static inline attr_t cw_a_bold(void) { return A_BOLD; }
static inline attr_t cw_a_reverse(void) { return A_REVERSE; }
static inline attr_t cw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cw_a_dim(void) { return A_DIM; }
static inline int cw_key_f(int n) { return KEY_F(n); }

/* ---- input ---- */

/* One wget_wch result: status is ERR (nothing within the timeout), OK (code is a character) or KEY_CODE_YES
 * (code is a KEY_* value). */
typedef struct {
    int status;
    unsigned int code;
} cw_input;

static inline cw_input cw_read(WINDOW *w) {
    wint_t code = 0;
    cw_input input;
    input.status = wget_wch(w, &code);
    input.code = (unsigned int)code;
    return input;
}

/* Puts one read back so the next cw_read returns it (key codes and characters go back differently). */
static inline int cw_unread(cw_input input) {
    if (input.status == KEY_CODE_YES) return ungetch((int)input.code);
    return unget_wch((wchar_t)input.code);
}

/* ---- output ---- */

/* Writes one cell at (y, x): a spacing character followed by up to CCHARW_MAX - 1 combining characters.
 * The caller has already dropped anything that is not printable. */
static inline int cw_put_cell(WINDOW *w, int y, int x, const wchar_t *chars, int count, attr_t attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    cchar_t cell;
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    if (n < 1) {
        text[0] = L' ';
        n = 1;
    } else {
        memcpy(text, chars, (size_t)n * sizeof(wchar_t));
    }
    text[n] = L'\0';
    if (setcchar(&cell, text, attrs, (short)pair, NULL) == ERR) return ERR;
    return mvwadd_wch(w, y, x, &cell);
}

/* ---- terminfo (no screen needed) ---- */

/* Looks `term` up in terminfo without initializing a screen, leaving any current terminal as it was.
 * Returns -1 when terminfo has no such entry, 0 when it cannot address the cursor (no `cup`, e.g. dumb),
 * 1 when usable; *colors gets the `colors` capability (-1 when absent). */
static inline int cw_probe_terminfo(const char *term, int fd, int *colors) {
    int error = 0;
    TERMINAL *previous = cur_term;
    *colors = -1;
    if (setupterm(term, fd, &error) != OK) {
        if (previous != NULL) set_curterm(previous);
        return -1;
    }
    TERMINAL *probe = cur_term;
    const char *cup = tigetstr("cup");
    int usable = (cup != NULL && cup != (const char *)-1) ? 1 : 0;
    *colors = tigetnum("colors");
    if (*colors < 0) *colors = -1;
    set_curterm(previous);
    if (probe != previous) del_curterm(probe);
    return usable;
}

/* Appends terminfo string capability `name` (with `$<..>` padding removed) to buf; returns the new length. */
static inline int cw_append_cap(char *buf, int length, int capacity, const char *value) {
    if (value == NULL || value == (const char *)-1) return length;
    for (const char *p = value; *p != '\0'; ++p) {
        if (p[0] == '$' && p[1] == '<') {
            const char *end = strchr(p, '>');
            if (end != NULL) {
                p = end;
                continue;
            }
        }
        if (length < capacity) buf[length++] = *p;
    }
    return length;
}

/* Fills buf with the bytes that put the current terminal back the way a shell expects it (what endwin sends):
 * attributes off, default colours, cursor visible, keypad off, and out of the alternate screen; without an
 * alternate screen, the cursor goes to the bottom-left corner. Returns the length. Call after newterm. */
static inline int cw_restore_sequence(char *buf, int capacity) {
    int n = 0;
    n = cw_append_cap(buf, n, capacity, tigetstr("sgr0"));
    n = cw_append_cap(buf, n, capacity, tigetstr("op"));
    n = cw_append_cap(buf, n, capacity, tigetstr("cnorm"));
    n = cw_append_cap(buf, n, capacity, tigetstr("rmkx"));
    const char *rmcup = tigetstr("rmcup");
    if (rmcup != NULL && rmcup != (const char *)-1) {
        n = cw_append_cap(buf, n, capacity, rmcup);
    } else {
        const char *cup = tigetstr("cup");
        if (cup != NULL && cup != (const char *)-1) {
            n = cw_append_cap(buf, n, capacity, tiparm(cup, LINES > 0 ? LINES - 1 : 0, 0));
        }
        if (n < capacity) buf[n++] = '\r';
        if (n < capacity) buf[n++] = '\n';
    }
    return n;
}

#endif /* CNCURSESW_SHIM_H */
