"""Benchmark: a worker's memory growth (peak RSS) and time on a generated 1 GB zip bomb.

Builds a DOCX whose word/document.xml inflates to 1 GB (issue 13: a 2.4 MB DOCX, 1 GB
inflated, left the worker holding 1.9 GB), then runs each step in a fresh process, as a
task worker would, and prints how much that process's peak RSS grew over its baseline
(Django loaded, the file's bytes in memory). Target: at most ~100 MB in every row.

- upload check: the admin form's check (core.documents.validate_document_content);
- extraction: search.extraction.extract_text as the worker runs it;
- extraction, directory checks off: the same with core.archives' directory limits
  lifted in that process, so that only the streaming cap and the deadline stop it;
- extraction, lying directory: the bomb with its sizes rewritten to look harmless;
- the same for a 1 GB XLSX bomb, and for a DOCX bomb of paragraphs without text (no
  text limit can stop its reader: only the inflated-bytes cap or the deadline).

    .venv/bin/python bench/zip_bomb.py [GIGABYTES]
"""

import _project  # noqa: F401 - first: the project on the path, bench/ off it

# isort: split
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

STEPS = {
    "upload check": "upload",
    "extraction": "extract",
    "extraction, directory checks off": "extract-unchecked",
    "extraction, lying directory": "extract-lying",
}


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB
    raise LookupError(field)


def reset_peak_rss() -> float:
    """The current RSS; from now on the peak counts from it (Linux: clear_refs 5 resets
    VmHWM). Without it, ru_maxrss would keep the peak of Django's start-up."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_mb("VmRSS")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb() -> float:
    try:
        return _status_mb("VmHWM")
    except (OSError, LookupError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_step(step: str, path: str, kind: str, label: str) -> None:
    """In the child process: one step on the bomb at PATH; prints one line of figures."""
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)  # the extraction's own warning says what we print
    from django.core.files.uploadedfile import SimpleUploadedFile

    import core.archives
    from core.documents import validate_document_content
    from search.extraction import extract_text
    from tests.factories.bombs import understate_sizes

    data = Path(path).read_bytes()
    if step == "extract-lying":
        data = understate_sizes(data)
    if step == "extract-unchecked":
        core.archives.MAX_RATIO = core.archives.MAX_DECLARED_BYTES = 10**15
    baseline = reset_peak_rss()
    started = time.perf_counter()
    if step == "upload":
        try:
            validate_document_content(SimpleUploadedFile(f"bomba.{kind}", data))
            outcome = "przyjęty"
        except Exception as error:
            outcome = "odrzucony: " + " ".join(str(m) for m in getattr(error, "messages", [error]))
    else:
        result = extract_text(data, kind)
        outcome = f"{len(result.text)} znaków; {result.error or 'bez błędu'}"
    elapsed = time.perf_counter() - started
    growth = peak_rss_mb() - baseline
    print(f"{label:34} {growth:8.1f} MB {elapsed:7.2f} s  {outcome[:100]}", flush=True)


def main() -> None:
    gigabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    import django

    django.setup()  # the factories build documents with the project's libraries
    from tests.factories.bombs import zip_bomb

    workdir = Path(tempfile.mkdtemp(prefix="bench-bomb-"))
    bombs = [
        ("DOCX", "docx", False, list(STEPS)),
        ("XLSX", "xlsx", False, list(STEPS)),
        ("DOCX of paragraphs without text", "docx", True, ["extraction, directory checks off"]),
    ]
    for title, kind, empty, steps in bombs:
        started = time.perf_counter()
        data = zip_bomb(kind, int(gigabytes * 1024**3), empty_paragraphs=empty)
        path = workdir / f"bomb.{kind}"
        path.write_bytes(data)
        print(
            f"== {title} bomb: {len(data) / 1024**2:.1f} MB, inflates to "
            f"{gigabytes:g} GB (built in {time.perf_counter() - started:.0f} s)"
        )
        print(f"{'step':34} {'RSS growth':>11} {'time':>9}  outcome", flush=True)
        for label in steps:
            command = [sys.executable, __file__, "--step", STEPS[label], str(path), kind, label]
            subprocess.run(command, check=True)
        path.unlink()
    workdir.rmdir()


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--step":
        run_step(*sys.argv[2:6])
    else:
        main()
