"""ZIP-based documents (DOCX, XLSX, ODT, ODS) read without trusting them: zip bombs.

A 2.4 MB DOCX can inflate to 1 GB. Two guards, both here so that the upload form and
text extraction (in a request or in the task worker) apply the same numbers:

- `archive_problem` reads only the archive's central directory (a few kilobytes, no
  inflating): too many entries, too much declared data in total, or a member that
  claims to inflate far more than any real document part does. The upload form
  refuses such a file with the Polish reason it returns.
- `BoundedArchive.open` streams one member through a hard cap on the bytes actually
  inflated, and a deadline: declared sizes can lie (Python's zipfile also stops at the
  declared size and then fails the checksum, but nothing here relies on that). No
  member is ever inflated whole into memory; readers parse the stream as it comes.
"""

import time
import zipfile

from django.template.defaultfilters import filesizeformat

MAX_ENTRIES = 10_000
# A real document's parts add up to a few hundred megabytes at the very most (a huge
# spreadsheet); the 1 GB bomb of issue 13 is far past this.
MAX_DECLARED_BYTES = 512 * 1024 * 1024
# Deflate can reach ~1030:1; office XML reaches ~10–60:1, images ~1:1. A member over the
# floor that inflates more than this is built to explode, not to be read.
MAX_RATIO = 200
RATIO_FLOOR = 4 * 1024 * 1024
# What extraction inflates of one document at most, all members together: the text it
# keeps (search.extraction.MAX_CHARS) is always within the first few megabytes of XML.
MAX_READ_BYTES = 64 * 1024 * 1024
MAX_SECONDS = 20.0

# Exceptions a damaged archive raises while being opened or read.
ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError)


class ArchiveRefused(Exception):
    """The archive is over a limit; str(error) says which, in Polish."""


def archive_problem(archive: zipfile.ZipFile) -> str | None:
    """Why ARCHIVE's directory alone shows it is not a real document, in Polish; or None."""
    members = archive.infolist()
    if len(members) > MAX_ENTRIES:
        return f"archiwum ma {len(members)} plików wewnątrz (dopuszczalne {MAX_ENTRIES})"
    declared = sum(member.file_size for member in members)
    if declared > MAX_DECLARED_BYTES:
        return (
            f"po rozpakowaniu miałby {filesizeformat(declared)} "
            f"(dopuszczalne {filesizeformat(MAX_DECLARED_BYTES)})"
        )
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            return (
                f"część „{member.filename[:80]}” rozpakowuje się z "
                f"{filesizeformat(member.compress_size)} do {filesizeformat(member.file_size)}"
            )
    return None


class _CappedStream:
    """A file-like reader of one member that stops the whole archive past its budget."""

    def __init__(self, raw, owner: "BoundedArchive"):
        self.raw = raw
        self.owner = owner

    def read(self, size: int = -1) -> bytes:
        self.owner.check_time()
        # Never more than a chunk at once, whatever the parser asks for.
        size = 64 * 1024 if size is None or size < 0 or size > 64 * 1024 else size
        data = self.raw.read(size)
        self.owner.count(len(data))
        return data

    def close(self) -> None:
        self.raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class BoundedArchive:
    """A ZIP archive whose members are read as capped streams within a deadline.

    Raises ArchiveRefused when opened if its directory is over the limits, and while
    reading once MAX_READ_BYTES have been inflated or MAX_SECONDS have passed.
    """

    def __init__(self, fileobj, *, max_read_bytes: int = MAX_READ_BYTES, seconds: float = 0):
        self.deadline = time.monotonic() + (seconds or MAX_SECONDS)
        self.max_read_bytes = max_read_bytes
        self.inflated = 0
        self.zip = zipfile.ZipFile(fileobj)
        if problem := archive_problem(self.zip):
            self.zip.close()
            raise ArchiveRefused(problem)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.zip.close()

    def names(self) -> set[str]:
        return set(self.zip.namelist())

    def open(self, name: str) -> _CappedStream:
        return _CappedStream(self.zip.open(name), self)

    def count(self, size: int) -> None:
        self.inflated += size
        if self.inflated > self.max_read_bytes:
            raise ArchiveRefused(
                f"treść po rozpakowaniu przekracza {filesizeformat(self.max_read_bytes)}"
            )

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise ArchiveRefused("odczyt trwał zbyt długo")
