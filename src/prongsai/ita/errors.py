"""Error types of the ITA engine: every message says, in Thai first, what is wrong and where."""

from __future__ import annotations


class FrameworkError(ValueError):
    """A framework data file is malformed; names the file and the key."""

    def __init__(self, path: str, key: str, message_th: str, message_en: str = ""):
        self.path, self.key = path, key
        self.message_th, self.message_en = message_th, message_en
        super().__init__(f"{path}: {key}: {message_th}" + (f" ({message_en})" if message_en else ""))


class InputError(ValueError):
    """Bad input: names the file, the line or row, and the column or field where known."""

    def __init__(
        self,
        message_th: str,
        message_en: str = "",
        *,
        path: str | None = None,
        line: int | None = None,
        column: str | int | None = None,
    ):
        self.message_th, self.message_en = message_th, message_en
        self.path, self.line, self.column = path, line, column
        super().__init__(self.describe())

    def location(self) -> str:
        parts = []
        if self.path:
            parts.append(str(self.path))
        if self.line is not None:
            parts.append(f"บรรทัด {self.line}")
        if self.column is not None:
            parts.append(f"คอลัมน์/ช่อง {self.column}")
        return ", ".join(parts)

    def describe(self) -> str:
        where = self.location()
        text = self.message_th + (f" — {self.message_en}" if self.message_en else "")
        return f"{where}: {text}" if where else text


class UnknownYearError(InputError):
    """No framework file for the fiscal year."""
