"""Atomic writes: a temp file in the same folder, then a rename, so a reader never sees half a
file and a crash never leaves one; and never over an input file."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path


class OutputError(Exception):
    """An output would overwrite an input, or cannot be written."""


def guard_outputs(out_dir: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output folder that holds any input file (a plan or roster folder)."""
    out = out_dir.resolve()
    for source in inputs:
        path = source.resolve()
        folder = path if path.is_dir() else path.parent
        if out == folder:
            raise OutputError(
                f"the output folder {out_dir} holds the input {source}; choose another --out"
            )


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes owner-only files; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A CSV file with a UTF-8 BOM, so that Excel on Chinese Windows opens it correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    atomic_write_bytes(path, b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
