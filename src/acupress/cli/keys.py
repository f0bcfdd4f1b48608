"""Reading keys during a session: single keystrokes on a terminal, lines otherwise.

On a terminal a key works at once (cbreak mode, kept for the whole session so
no keystroke is thrown away between two reads). When input is piped (tests,
scripts), each line is one command; a line that is not a session key is left
in place for the next question, so answers are never swallowed.
"""

from __future__ import annotations

import collections
import os
import sys
import threading
from typing import Any, Protocol, TextIO

SESSION_KEYS = {"p", "s"}  # pause and skip; the stop keys come from knowledge/safety.yaml


class KeySource(Protocol):
    @property
    def closed(self) -> bool:
        """No more keys will ever come (end of piped input)."""

    def wait(self, seconds: float) -> str | None:
        """Wait up to `seconds` for a key; return it (lower case), or None."""

    def ask(self, prompt: str) -> str:
        """Ask a question and return the line typed (raises EOFError at end of input)."""

    def close(self) -> None:
        """Give the terminal back as it was."""


class LineKeys:
    """Keys from piped input, one command per line, read by a helper thread."""

    def __init__(self, stream: TextIO | None = None, keys: set[str] | None = None) -> None:
        self._stream = stream or sys.stdin
        self._keys = SESSION_KEYS | (keys or set())
        self._lines: collections.deque[str | None] = collections.deque()
        self._ready = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self._stream:
            with self._ready:
                self._lines.append(line.strip())
                self._ready.notify_all()
        with self._ready:
            self._lines.append(None)  # end of input
            self._ready.notify_all()

    @property
    def closed(self) -> bool:
        with self._ready:
            return bool(self._lines) and self._lines[0] is None

    def wait(self, seconds: float) -> str | None:
        with self._ready:
            self._ready.wait_for(lambda: bool(self._lines), timeout=seconds)
            head = self._lines[0] if self._lines else None
            if head is not None and head.lower() in self._keys:
                self._lines.popleft()
                return head.lower()
        return None

    def ask(self, prompt: str) -> str:
        print(prompt, end=" ", flush=True)
        with self._ready:
            self._ready.wait_for(lambda: bool(self._lines))
            line = self._lines[0]
            if line is None:
                raise EOFError
            self._lines.popleft()
        print(line)
        return line

    def close(self) -> None:
        pass


class TerminalKeys:
    """Single keystrokes from a real terminal (POSIX).

    The terminal stays in cbreak mode from the first wait until `close`, and
    modes change with TCSANOW: switching with the default TCSAFLUSH threw
    away a key pressed just after answering a question.
    """

    closed = False

    def __init__(self) -> None:
        import termios

        self._fd = sys.stdin.fileno()
        self._saved: list[Any] = termios.tcgetattr(self._fd)
        self._cbreak = False

    def _set_cbreak(self, on: bool) -> None:
        import termios
        import tty

        if on and not self._cbreak:
            tty.setcbreak(self._fd, termios.TCSANOW)
        elif not on and self._cbreak:
            termios.tcsetattr(self._fd, termios.TCSANOW, self._saved)
        self._cbreak = on

    def wait(self, seconds: float) -> str | None:
        import select

        self._set_cbreak(True)
        ready, _, _ = select.select([self._fd], [], [], seconds)
        return os.read(self._fd, 1).decode(errors="ignore").lower() if ready else None

    def ask(self, prompt: str) -> str:
        self._set_cbreak(False)
        return input(prompt + " ")

    def close(self) -> None:
        self._set_cbreak(False)


def key_source(keys: set[str] | None = None) -> KeySource:
    """Keystrokes on a terminal, lines from a pipe; `keys` are the extra keys a session listens for."""
    if sys.stdin.isatty() and os.name == "posix":
        return TerminalKeys()
    return LineKeys(keys=keys)
