"""Reading HR spreadsheets: encodings, separators, headers, and the report every import returns.

Shared by the people and enrolment imports (and later the web upload and the API), so that a
file exported by a French spreadsheet (semicolons, a BOM) reads like any other, and every
problem comes back as a ``RowError`` naming the line and the column instead of a traceback.
"""

import csv
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from tandem.operations.text import text_problem
from tandem.people.errors import PeopleError

HEADER_LINE = 1
LIST_SEPARATOR = "|"
PROGRESS_THRESHOLD = 1000


@dataclass(frozen=True)
class RowError:
    """One problem: the file line (1 is the header), the column and what is wrong."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("line %(line)s, column %(column)s: %(message)s") % self.as_dict()
        return _("line %(line)s: %(message)s") % self.as_dict()

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": str(self.message)}


@dataclass
class ImportReport:
    """What an import did; ``fatal`` means the file itself could not be read (nothing written)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    fatal: bool = False
    written: bool = False
    notes: list[str] = field(default_factory=list)  # what the import decided, in plain words

    def counts(self) -> dict[str, int]:
        """The four counts, as the summary, the API and the audit event give them."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }

    def summary(self) -> str:
        return (
            _(
                "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(rejected)s rejected"
            )
            % self.counts()
        )

    def as_dict(self) -> dict:
        return {
            **self.counts(),
            "written": self.written,
            "errors": [error.as_dict() for error in self.errors],
            "notes": [str(note) for note in self.notes],
        }


@dataclass
class CsvTable:
    """The rows of a file as ``(line, {column: text})``, values stripped."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    errors: list[RowError] = field(default_factory=list)


class CsvFileError(PeopleError):
    """The file as a whole is unreadable; ``errors`` says where."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


def read_bytes(source) -> bytes | str:
    """Accept a path, bytes, text, or a binary/text file object (e.g. a Django upload)."""
    if isinstance(source, Path):
        return source.read_bytes()
    if isinstance(source, bytes | bytearray | str):
        return source
    data = source.read()
    return data if isinstance(data, bytes | str) else bytes(data)


def decode(data: bytes | str) -> str:
    """UTF-8 with or without BOM; anything else gets a message saying how to fix it."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = _(
            "the file is not UTF-8 encoded (byte 0x%(byte)02x); it looks like a Latin-1 or "
            "Windows export: save it as “CSV UTF-8” and import it again"
        ) % {"byte": data[exc.start]}
        raise CsvFileError([RowError(line, "", message)]) from None


def sniff_delimiter(header_line: str) -> str:
    """Spreadsheets in French locales write semicolons; pick what the header line uses."""
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_table(source, *, required: Iterable[str], optional: Iterable[str] = ()) -> CsvTable:
    """Parse the whole file, checking the header; raise ``CsvFileError`` if it is unusable."""
    text = decode(read_bytes(source))
    required, optional = list(required), list(optional)
    header_line = text.split("\n", 1)[0]
    if not header_line.strip():
        raise CsvFileError([RowError(HEADER_LINE, "", _("the file is empty or has no header"))])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header_line))
    try:
        columns = [name.strip().lower() for name in next(reader)]
        _check_header(columns, required, optional)
        table = CsvTable(columns=columns, rows=[])
        _read_rows(reader, table)
    except csv.Error as exc:
        raise CsvFileError([RowError(reader.line_num, "", _("unreadable CSV: %s") % exc)]) from None
    return table


def _check_header(columns: list[str], required: list[str], optional: list[str]) -> None:
    known = set(required) | set(optional)
    errors = []
    seen = set()
    for name in columns:
        if name in seen:
            errors.append(RowError(HEADER_LINE, name, _("this column appears twice")))
        elif name not in known:
            message = _("unknown column; the columns are: %s") % ", ".join(required + optional)
            errors.append(RowError(HEADER_LINE, name or "?", message))
        seen.add(name)
    for name in required:
        if name not in seen:
            errors.append(RowError(HEADER_LINE, name, _("required column missing from the header")))
    if errors:
        raise CsvFileError(errors)


def _read_rows(reader, table: CsvTable) -> None:
    columns = table.columns
    width = len(columns)
    for values in reader:
        if not any(value.strip() for value in values):
            continue  # blank lines and rows of empty cells, common at the end of exports
        if len(values) > width and any(v.strip() for v in values[width:]):
            message = _("%(found)s values for %(expected)s columns (a separator too many?)") % {
                "found": len(values),
                "expected": width,
            }
            table.errors.append(RowError(reader.line_num, "", message))
            continue
        values = [value.strip() for value in values[:width]]
        values += [""] * (width - len(values))
        if _refuse_bad_text(reader.line_num, columns, values, table):
            continue
        table.rows.append((reader.line_num, dict(zip(columns, values, strict=True))))


def _refuse_bad_text(line: int, columns: list[str], values: list[str], table: CsvTable) -> bool:
    """A cell with a control character (NUL, a line break inside quotes…) names its line and
    column; the row is refused."""
    refused = False
    for column, value in zip(columns, values, strict=True):
        problem = text_problem(value, one_line=True)
        if problem:
            table.errors.append(RowError(line, column, problem))
            refused = True
    return refused


def split_list(value: str) -> list[str]:
    """``fr|en`` → ``["fr", "en"]``; empty items are dropped."""
    return [item.strip() for item in (value or "").split(LIST_SEPARATOR) if item.strip()]


def as_text(value) -> str:
    """Values from the API may be numbers, lists or None; the CSV gives text. Make them text."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value).strip()


def progress(iterable, *, total: int, enabled: bool, desc: str):
    """A tqdm bar on stderr for large files at a terminal; plain iteration otherwise."""
    if not enabled or total <= PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return iterable
    from tqdm import tqdm  # about 0.2 s to load: only for a bar that is shown

    return tqdm(iterable, total=total, desc=desc, unit="row", file=sys.stderr, leave=False)


def open_for_import(path: str) -> IO[bytes]:
    """Open a file named on the command line, with a user-facing message if it cannot be."""
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise PeopleError(
            _("cannot open %(path)s: %(reason)s")
            % {
                "path": path,
                "reason": exc.strerror,
            }
        ) from None
