"""Reading keys during a session: single keystrokes on a terminal, lines otherwise.

On a terminal a key works at once (cbreak mode). When input is piped (tests,
scripts), each line is one command; a line that is not a session key is left
in place for the next question, so answers are never swallowed.
"""

from __future__ import annotations

import collections
import os
import sys
import threading
from typing import Protocol, TextIO

SESSION_KEYS = {"p", "s", "w", "m", "q"}


class KeySource(Protocol):
    def wait(self, seconds: float) -> str | None:
        """Wait up to `seconds` for a session key; return it, or None."""

    def ask(self, prompt: str) -> str:
        """Ask a question and return the line typed (raises EOFError at end of input)."""


class LineKeys:
    """Keys from piped input, one command per line, read by a helper thread."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdin
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

    def wait(self, seconds: float) -> str | None:
        with self._ready:
            self._ready.wait_for(lambda: bool(self._lines), timeout=seconds)
            head = self._lines[0] if self._lines else None
            if head is not None and head.lower() in SESSION_KEYS:
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


class TerminalKeys:
    """Single keystrokes from a real terminal (POSIX)."""

    def wait(self, seconds: float) -> str | None:
        import select
        import termios
        import tty

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            ready, _, _ = select.select([fd], [], [], seconds)
            return os.read(fd, 1).decode(errors="ignore").lower() if ready else None
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def ask(self, prompt: str) -> str:
        return input(prompt + " ")


def key_source() -> KeySource:
    if sys.stdin.isatty() and os.name == "posix":
        return TerminalKeys()
    return LineKeys()
