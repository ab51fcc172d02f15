"""Helpers for the GUI leak tests (tests/ui/test_gui_leaks.py, SECURITY.md §3 S1, S3-S10, S18-S20).

- canaries: unique tokens put into a copy of seed 003 (item 9 "Anmälningsärenden 2020", whose secret part is
  "Lex Sarah rapport 1531, 1545, 1610, 1646"), written as a PDF or text file outside the project;
- :func:`model_strings` / :func:`widget_strings`: every text a Qt model or widget holds (models walked
  recursively with the standard and the program's own roles; widgets by their texts, titles, tooltips,
  actions and document contents);
- :func:`sweep`: files searched for canaries in UTF-8, UTF-16LE and case-folded forms, ignoring hits inside
  runs of 16 or more hex digits (digests and random ids);
- :func:`scan_memory`: this process's writable memory (``/proc/self/maps`` + ``/proc/self/mem``) searched
  for a secret *without holding the secret contiguously* (see :class:`Needle`), so that the search itself
  never adds a copy.
"""

from __future__ import annotations

import ctypes
import mmap
import os
import secrets
import string
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from tests.conftest import SEED_003

SECRET_BLOCK = "Lex Sarah rapport 1531, 1545, 1610, 1646"
SECRET_ITEM_TITLE = "Anmälningsärenden 2020"
SECRET_LABEL = "Lex Sarah-rapporter"  # the vault's own label of the part (shown only while unlocked)
MEETING_ID = "botkyrka-sn-2020-05-26"
# what must never be visible while locked: the report numbers and the vault's label (the canaries are added)
SECRET_MARKERS = ("1531, 1545", SECRET_LABEL)


def new_canary(prefix: str = "KANARIE") -> str:
    """``KANARIE-7f…``: unique per run (another run's files in the temp dir never count), starting with a
    letter after the digits so no parser takes it for a report number."""
    return f"{prefix}-7f{secrets.token_hex(5)}"


def canary_seed_text(seeds_dir: Path, canary: str) -> str:
    text = (seeds_dir / SEED_003).read_text(encoding="utf-8")
    assert text.count(SECRET_BLOCK) == 1, "seed 003 changed: its secret block is not where the test expects it"
    return text.replace(SECRET_BLOCK, f"{SECRET_BLOCK} {canary}")


def write_canary_seed(seeds_dir: Path, out: Path, canary: str, *, pdf: bool = True) -> Path:
    """A copy of seed 003 whose secret block also carries ``canary``, as a PDF (pdfbuild) or text file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    text = canary_seed_text(seeds_dir, canary)
    if pdf:
        from botkyrka_nämnd.importing.pdfbuild import build_pdf

        build_pdf(text, out, title="Kallelse socialnämnden 2020-05-26")
    else:
        out.write_text(text, encoding="utf-8")
    return out


def hex_token(canary: str) -> str:
    """The canary's second FTS token (the hex part)."""
    return canary.split("-", 1)[1]


# ------------------------------------------------------------------------------------------ Qt texts
_STANDARD_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
)
_CUSTOM_ROLES = tuple(int(Qt.ItemDataRole.UserRole) + i for i in range(24))  # models/roles.py and a margin


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    try:
        return repr(v)
    except Exception:
        return ""


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # QAbstractListModel makes columnCount private: one column
        return 1


def model_strings(model: QAbstractItemModel, parent: QModelIndex | None = None, _depth: int = 0) -> list[str]:
    """Every role's value (as text) of every index of ``model``, children included, plus header data."""
    parent = parent if parent is not None else QModelIndex()
    out: list[str] = []
    if not shiboken6.isValid(model):  # deleted on the C++ side (e.g. a completer's old model): holds nothing
        return out
    if _depth == 0:
        root = QModelIndex()
        for orient in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
            n = _columns(model, root) if orient == Qt.Orientation.Horizontal else min(model.rowCount(root), 500)
            for s in range(n):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    out.append(_text(model.headerData(s, orient, role)))
    if _depth > 8:
        return out
    rows, cols = model.rowCount(parent), max(1, _columns(model, parent))
    for r in range(rows):
        for c in range(cols):
            idx = model.index(r, c, parent)
            if not idx.isValid():
                continue
            for role in (*_STANDARD_ROLES, *_CUSTOM_ROLES):
                out.append(_text(idx.data(role)))
        first = model.index(r, 0, parent)
        if first.isValid() and model.rowCount(first) > 0:
            out += model_strings(model, first, _depth + 1)
    return out


def window_models(window: QWidget) -> list[QAbstractItemModel]:
    """The models parented under the window and those set on its views (without a parent of their own)."""
    models = list(window.findChildren(QAbstractItemModel))
    for view in window.findChildren(QAbstractItemView):
        m = view.model()
        if m is not None and m not in models:
            models.append(m)
    return [m for m in models if shiboken6.isValid(m)]


def _action_strings(a: QAction) -> list[str]:
    out = [a.text(), a.iconText(), a.toolTip(), a.statusTip(), a.whatsThis()]
    menu = a.menu()
    if menu is not None:
        out.append(menu.title())
        for sub in menu.actions():
            out += _action_strings(sub)
    return out


def widget_strings(w: QWidget) -> list[str]:
    """What one widget shows or tells assistive technology: titles, tooltips, its text or document."""
    out = [w.windowTitle(), w.toolTip(), w.statusTip(), w.whatsThis(), w.accessibleName(), w.accessibleDescription()]
    if isinstance(w, QLabel):
        out.append(w.text())
    if isinstance(w, QLineEdit):
        out += [w.text(), w.placeholderText()]
    if isinstance(w, (QTextEdit, QPlainTextEdit)):
        out += [w.toPlainText(), w.document().toHtml(), w.placeholderText()]
    if isinstance(w, QAbstractButton):
        out.append(w.text())
    if isinstance(w, QComboBox):
        out += [w.itemText(i) for i in range(w.count())] + [w.currentText()]
    if isinstance(w, QGroupBox):
        out.append(w.title())
    if isinstance(w, QTabWidget):
        out += [w.tabText(i) for i in range(w.count())] + [w.tabToolTip(i) for i in range(w.count())]
    if isinstance(w, QMenu):
        out.append(w.title())
    if isinstance(w, QMainWindow):
        out.append(w.statusBar().currentMessage())
    for a in w.actions():
        out += _action_strings(a)
    return out


def all_widgets(window: QWidget) -> list[QWidget]:
    """The window, everything under it and every visible top-level widget (dialogs, menus, tooltips)."""
    ws = [window, *window.findChildren(QWidget)]
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top not in ws:
            ws += [top, *top.findChildren(QWidget)]
    return [w for w in ws if shiboken6.isValid(w)]


def gui_strings(window: QWidget) -> list[str]:
    """Every text of every widget and model reachable from the window (widgets already handed to
    ``deleteLater`` are deleted first: they are gone at the next turn of the event loop)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    out: list[str] = []
    for w in all_widgets(window):
        out += widget_strings(w)
    for a in window.findChildren(QAction):
        out += _action_strings(a)
    for m in window_models(window):
        out += model_strings(m)
    return [s for s in out if s]


def found_in(strings: list[str], needles) -> list[tuple[str, str]]:
    """(needle, an excerpt) for every needle found (case-insensitively) in ``strings``."""
    hits = []
    for n in needles:
        low = n.casefold()
        for s in strings:
            i = s.casefold().find(low)
            if i >= 0:
                hits.append((n, s[max(0, i - 40) : i + len(n) + 40]))
                break
    return hits


# ------------------------------------------------------------------------------------------ files
_HEX = frozenset(string.hexdigits.encode())


def needle_forms(tokens) -> list[tuple[bytes, str]]:
    """(bytes, encoding) of each token as UTF-8 and UTF-16LE, as given, case-folded and upper-cased."""
    forms: list[tuple[bytes, str]] = []
    for t in tokens:
        for v in {t, t.casefold(), t.upper()}:
            for enc in ("utf-8", "utf-16-le"):
                b = v.encode(enc)
                if (b, enc) not in forms:
                    forms.append((b, enc))
    return forms


def _in_hex_run(data: bytes, start: int, end: int, enc: str, min_run: int = 16) -> bool:
    """True when ``data[start:end]`` lies inside a run of at least ``min_run`` hex digits."""
    step = 2 if enc == "utf-16-le" else 1

    def is_hex(pos: int) -> bool:
        if pos < 0 or pos + step > len(data):
            return False
        if step == 2:
            return data[pos] in _HEX and data[pos + 1] == 0
        return data[pos] in _HEX

    for pos in range(start, end, step):
        if not is_hex(pos):
            return False
    left, right = start, end
    while is_hex(left - step):
        left -= step
    while is_hex(right):
        right += step
    return (right - left) // step >= min_run


@dataclass
class SweepResult:
    files: int
    bytes: int
    hits: list[tuple[str, str, str]]  # (path, needle as text, encoding)
    swept: list[str]  # the files read


def sweep(roots, tokens, *, only=None, exclude=()) -> SweepResult:
    """Search every regular file under ``roots`` for ``tokens``. ``only(path) -> bool`` limits which files
    count (e.g. new since a snapshot); ``exclude``: paths (files or folders) to leave out."""
    forms = needle_forms(tokens)
    excl = [Path(e).resolve() for e in exclude]
    seen: set[Path] = set()
    files = total = 0
    hits: list[tuple[str, str, str]] = []
    swept: list[str] = []
    for root in roots:
        root = Path(root)
        if not root.exists():
            continue
        for p in [root] if root.is_file() else root.rglob("*"):
            try:
                if p.is_symlink() or not p.is_file():
                    continue
                rp = p.resolve()
            except OSError:
                continue
            if rp in seen or any(rp == e or e in rp.parents for e in excl):
                continue
            if only is not None and not only(rp):
                continue
            seen.add(rp)
            try:
                data = rp.read_bytes()
            except OSError:
                continue
            files += 1
            swept.append(str(rp))
            total += len(data)
            for b, enc in forms:
                i = data.find(b)
                while i >= 0:
                    if not _in_hex_run(data, i, i + len(b), enc):
                        hits.append((str(rp), b.decode(enc), enc))
                        break
                    i = data.find(b, i + 1)
    return SweepResult(files, total, hits, swept)


def snapshot(roots) -> dict[str, tuple[int, int]]:
    """path -> (size, mtime_ns) of every file under ``roots``."""
    out = {}
    for root in roots:
        root = Path(root)
        if not root.exists():
            continue
        for p in root.rglob("*"):
            try:
                if p.is_file() and not p.is_symlink():
                    st = p.stat()
                    out[str(p)] = (st.st_size, st.st_mtime_ns)
            except OSError:
                continue
    return out


# ------------------------------------------------------------------------------------------ memory
class Needle:
    """A secret to look for in memory, held so that the search never adds a contiguous copy of it: the first
    half in clear (half a key is not the key), the second half XOR a random mask, compared byte by byte.

    ``values`` is an iterable of ints (a ``bytearray`` is iterated without copying its buffer)."""

    def __init__(self, name: str, values):
        vals = list(values)
        h = len(vals) // 2
        self.name = name
        self.length = len(vals)
        self.head = bytes(vals[:h])
        self.mask = os.urandom(len(vals) - h)
        self.masked_tail = bytes(a ^ m for a, m in zip(vals[h:], self.mask))
        for i in range(len(vals)):
            vals[i] = 0

    @classmethod
    def hex_of(cls, name: str, key: bytearray) -> Needle:
        """The lower-case hex form of ``key`` (as in ``PRAGMA key = "x'…'"``), built digit by digit."""
        digits = "0123456789abcdef"
        return cls(name, (ord(digits[v]) for b in key for v in (b >> 4, b & 15)))

    @classmethod
    def text(cls, name: str, s: str, encoding: str) -> Needle:
        return cls(name, s.encode(encoding))

    def matches_at(self, buf, i: int, end: int) -> bool:
        t = i + len(self.head)
        if t + len(self.mask) > end:
            return False
        return all(buf[t + j] ^ self.mask[j] == self.masked_tail[j] for j in range(len(self.mask)))


@dataclass
class MemoryHit:
    """Where a needle was found. What precedes it is kept only as two header words and a printable rendering
    (never as raw bytes: the 48 bytes before one key can be another key, and a copy made here would be
    found by the next scan)."""

    needle: str
    address: int
    region: str
    perms: str
    header: tuple[int, int, int]  # the words at -32, -24 and -40 (a bytes object's refcount and type; a str's type)
    context: str  # the 32 bytes before the hit, non-printable bytes as "."


def _word(buf, i: int) -> int:
    return int.from_bytes(buf[i : i + 8], "little") if i >= 0 else 0


def _printable(buf, start: int, end: int) -> str:
    return "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in (buf[j] for j in range(max(0, start), end)))


def _regions():
    with open("/proc/self/maps", encoding="ascii", errors="replace") as f:
        for line in f:
            parts = line.split(None, 5)
            start, end = (int(x, 16) for x in parts[0].split("-"))
            perms = parts[1]
            path = parts[5].strip() if len(parts) > 5 else ""
            if "r" not in perms or "w" not in perms or path.startswith("[v"):
                continue
            yield start, end, perms, path or "[anon]"


def scan_memory(needles: list[Needle], chunk: int = 8 << 20) -> tuple[list[MemoryHit], int]:
    """Search this process's readable, writable mappings for ``needles``; returns the hits and the number
    of bytes scanned. The read buffer is its own anonymous mapping and is left out of the scan."""
    buf = mmap.mmap(-1, chunk)
    holder = ctypes.c_char.from_buffer(buf)
    buf_addr = ctypes.addressof(holder)
    del holder
    overlap = max(n.length for n in needles)
    hits: list[MemoryHit] = []
    scanned = 0
    fd = os.open("/proc/self/mem", os.O_RDONLY)
    try:
        view = memoryview(buf)
        for start, end, perms, path in list(_regions()):
            if start <= buf_addr < end:
                continue
            pos = start
            while pos < end:
                want = min(chunk, end - pos)
                try:
                    got = os.preadv(fd, [view[:want]], pos)
                except OSError:
                    break
                if got <= 0:
                    break
                scanned += got
                for nd in needles:
                    i = buf.find(nd.head, 0, got)
                    while i != -1:
                        if nd.matches_at(buf, i, got) and not any(h.address == pos + i for h in hits):
                            hits.append(
                                MemoryHit(
                                    nd.name,
                                    pos + i,
                                    path,
                                    perms,
                                    (_word(buf, i - 32), _word(buf, i - 24), _word(buf, i - 40)),
                                    _printable(buf, i - 32, i),
                                )
                            )
                        i = buf.find(nd.head, i + 1, got)
                if got < want or pos + got >= end:
                    break
                pos += got - overlap
        view.release()
    finally:
        os.close(fd)
        buf.close()
    return hits, scanned


def describe_hit(h: MemoryHit) -> str:
    """Where a hit lives, as far as the words before it tell (CPython 3.11 object layouts, 64-bit)."""
    refcnt, type_ptr, str_type = h.header
    where = f"{h.needle} at {h.address:#x} in {h.region} ({h.perms})"
    if type_ptr == id(bytes):
        where += f": the data of a Python bytes object (refcount word {refcnt})"
    elif str_type == id(str):
        where += ": the data of a Python str object"
    return where + f"; preceded by {h.context!r}"
