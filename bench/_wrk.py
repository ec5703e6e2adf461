"""wrk run against one URL and its report read into figures, for bench/http.py.

Errors are kept by kind, because they mean different things: a non-2xx answer is a request
answered (and counted in requests/s, often faster than a page), a timeout is an answer
later than --timeout (counted in requests/s too, but left out of the latency percentiles),
and socket errors are connections refused or cut.
"""

import math
import re
import subprocess
from dataclasses import astuple, dataclass, field

LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
TIMEOUT = "5s"


@dataclass(frozen=True)
class Errors:
    """wrk's errors of one run (or of several, added with +), by kind."""

    non_2xx: int = 0
    connect: int = 0
    read: int = 0
    write: int = 0
    timeout: int = 0

    def __add__(self, other: "Errors") -> "Errors":
        return Errors(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def total(self) -> int:
        return sum(astuple(self))

    def __str__(self) -> str:
        """By kind in Polish, e.g. "timeout 3, kod ≠ 2xx/3xx 1"; "" for none."""
        kinds = (
            ("timeout", self.timeout),
            ("kod ≠ 2xx/3xx", self.non_2xx),
            ("połączenie", self.connect),
            ("odczyt", self.read),
            ("zapis", self.write),
        )
        return ", ".join(f"{name} {count}" for name, count in kinds if count)


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    failed: Errors = field(default_factory=Errors)
    cache_state: str = "-"

    @property
    def errors(self) -> int:
        return self.failed.total


def parse(output: str) -> Result:
    """wrk's report (run with --latency) as a Result. When every request timed out, wrk
    prints no latency it measured (0.00us): the percentiles are then NaN, not 0."""
    latencies = {pct: float(value) * UNIT_MS[unit] for pct, value, unit in LATENCY.findall(output)}
    socket = SOCKET_ERRORS.search(output)
    non_2xx = NON_2XX.search(output)
    if not any(latencies.values()):
        latencies = {"50": math.nan, "99": math.nan}
    return Result(
        float(RATE.search(output).group(1)),
        latencies["50"],
        latencies["99"],
        Errors(
            int(non_2xx.group(1)) if non_2xx else 0,
            *(map(int, socket.groups()) if socket else ()),
        ),
    )


def run(url: str, duration: int, connections: int, threads: int) -> Result:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        TIMEOUT,
        "--latency",
        url,
    ]
    return parse(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
