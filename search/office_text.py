"""Text of office documents (DOCX, XLSX, ODT, ODS), read as streams.

Each reader gets a core.archives.BoundedArchive (the zip bomb guards: directory limits,
a cap on inflated bytes, a deadline) and ADD, a callable taking one block of text that
raises once enough has been collected. The XML of a part is fed in chunks to lxml's
event parser with a target: no tree is built, nothing is kept but the current block, so
memory stays flat whatever the part's size; entities are never resolved and no DTD or
network resource is loaded.
"""

from collections.abc import Callable

from lxml import etree

from core.archives import BoundedArchive

CHUNK = 64 * 1024
MAX_BLOCK_CHARS = 10_000  # a longer block is handed on in pieces
MAX_SHARED_STRINGS = 500_000  # XLSX cells beyond this index are skipped (memory bound)

WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"
CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
Add = Callable[[str], None]


class _BlockTarget:
    """Collects character data into blocks (paragraphs, rows) and hands each to ADD.

    TEXT_TAGS: elements whose character data is text (None: all data inside a block);
    SPECIALS: empty elements that stand for characters (tab, line break, spaces).
    """

    def __init__(self, add: Add, blocks, text_tags=None, specials=None):
        self.add = add
        self.blocks = frozenset(blocks)
        self.text_tags = frozenset(text_tags) if text_tags else None
        self.specials = specials or {}
        self.depth = 0  # open text elements (or blocks, when TEXT_TAGS is None)
        self.parts: list[str] = []
        self.size = 0

    def start(self, tag, attrib):
        watched = self.blocks if self.text_tags is None else self.text_tags
        if tag in watched:
            self.depth += 1
        elif tag in self.specials and self.depth:
            self._keep(self.specials[tag](attrib))

    def end(self, tag):
        watched = self.blocks if self.text_tags is None else self.text_tags
        if tag in watched:
            self.depth -= 1
        if tag in self.blocks:
            self.flush()

    def data(self, text):
        if self.depth:
            self._keep(text)

    def _keep(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size > MAX_BLOCK_CHARS:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            block = "".join(self.parts)
            self.parts, self.size = [], 0
            self.add(block)

    def close(self):
        self.flush()


def _parse(archive: BoundedArchive, name: str, target) -> None:
    parser = etree.XMLParser(
        target=target,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            parser.feed(chunk)
    parser.close()


def _spaces(attrib) -> str:
    try:
        count = int(attrib.get(f"{{{ODF_TEXT}}}c", "1"))
    except ValueError:
        count = 1
    return " " * min(max(count, 1), 100)


def docx(archive: BoundedArchive, add: Add) -> None:
    names = archive.names()
    if "docProps/core.xml" in names:
        properties = {f"{DUBLIN_CORE}title", f"{DUBLIN_CORE}subject", f"{CORE}keywords"}
        _parse(archive, "docProps/core.xml", _BlockTarget(add, properties))
    body = _BlockTarget(
        add,
        blocks={f"{WORD}p"},
        text_tags={f"{WORD}t"},  # not w:instrText (field codes) nor w:delText (deleted)
        specials={
            f"{WORD}tab": lambda _a: "\t",
            f"{WORD}br": lambda _a: "\n",
            f"{WORD}cr": lambda _a: "\n",
        },
    )
    _parse(archive, "word/document.xml", body)


def odf(archive: BoundedArchive, add: Add) -> None:
    text = _BlockTarget(
        add,
        blocks={f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h"},
        specials={
            f"{{{ODF_TEXT}}}s": _spaces,
            f"{{{ODF_TEXT}}}tab": lambda _a: "\t",
            f"{{{ODF_TEXT}}}line-break": lambda _a: "\n",
        },
    )
    _parse(archive, "content.xml", text)


class _SharedStrings:
    """xl/sharedStrings.xml: the text of every string cell, by index (bounded in count
    and in characters: past MAX_CHARS nothing more could be indexed anyway)."""

    def __init__(self, max_chars: int):
        self.strings: list[str] = []
        self.parts: list[str] | None = None
        self.size = 0
        self.in_text = 0
        self.chars_left = max_chars

    def start(self, tag, attrib):
        if tag == f"{SHEET}si":
            self.parts, self.size = [], 0
        elif tag == f"{SHEET}t" and self.parts is not None:
            self.in_text += 1

    def data(self, text):
        if self.in_text and self.size < MAX_BLOCK_CHARS:
            self.parts.append(text)
            self.size += len(text)

    def end(self, tag):
        if tag == f"{SHEET}t" and self.in_text:
            self.in_text -= 1
        elif tag == f"{SHEET}si" and self.parts is not None:
            text = "".join(self.parts)[: max(self.chars_left, 0)]
            self.parts = None
            if len(self.strings) < MAX_SHARED_STRINGS:
                self.chars_left -= len(text)
                self.strings.append(text)

    def close(self):
        pass


class _SheetRows:
    """A worksheet: each row's values, separated by spaces, as one block."""

    def __init__(self, add: Add, shared: list[str]):
        self.add, self.shared = add, shared
        self.values: list[str] = []
        self.cell_type = None
        self.value_parts: list[str] | None = None

    def start(self, tag, attrib):
        if tag == f"{SHEET}c":
            self.cell_type = attrib.get("t", "n")
        elif tag in (f"{SHEET}v", f"{SHEET}t"):
            self.value_parts = []

    def data(self, text):
        if self.value_parts is not None and sum(map(len, self.value_parts)) < MAX_BLOCK_CHARS:
            self.value_parts.append(text)

    def end(self, tag):
        if tag in (f"{SHEET}v", f"{SHEET}t") and self.value_parts is not None:
            value = "".join(self.value_parts)
            self.value_parts = None
            if self.cell_type == "s":
                index = int(value) if value.isdigit() else -1
                value = self.shared[index] if 0 <= index < len(self.shared) else ""
            if value:
                self.values.append(value)
        elif tag == f"{SHEET}row":
            if self.values:
                self.add(" ".join(self.values))
            self.values = []

    def close(self):
        pass


class _SheetTitles:
    def __init__(self, add: Add):
        self.add = add

    def start(self, tag, attrib):
        if tag == f"{SHEET}sheet" and attrib.get("name"):
            self.add(attrib["name"])

    def end(self, tag):
        pass

    def data(self, text):
        pass

    def close(self):
        pass


def _sheet_number(name: str) -> int:
    digits = "".join(char for char in name.rsplit("/", 1)[-1] if char.isdigit())
    return int(digits) if digits else 0


def xlsx(archive: BoundedArchive, add: Add, max_chars: int) -> None:
    names = archive.names()
    if "xl/workbook.xml" in names:
        titles = _SheetTitles(add)
        _parse(archive, "xl/workbook.xml", titles)
    shared = _SharedStrings(max_chars)
    if "xl/sharedStrings.xml" in names:
        _parse(archive, "xl/sharedStrings.xml", shared)
    sheets = [
        name
        for name in names
        if name.startswith("xl/worksheets/") and name.endswith(".xml") and name.count("/") == 2
    ]
    for name in sorted(sheets, key=_sheet_number):
        _parse(archive, name, _SheetRows(add, shared.strings))
