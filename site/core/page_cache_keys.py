"""Keys of the page cache: an address, the query parameters its page reads, its Vary headers.

A page that reads `?strona=` and `?dzielnica=` gets one entry per combination of those, in
any order; any other parameter (`?utm_source=`, `?fbclid=`, `?x=1`) maps to the same entry,
so no one can fill the cache or force renders by adding parameters. What a page reads is
learnt by handing its view a QueryDict that notes every name asked for; a view that walks
all of them (the API, which refuses unknown ones) keys on the whole query string. The
learnt names and the answer's Vary headers are kept in a record per address.

Each process remembers the last record it read per address (`remembered`), so a hit can
ask for the record, the entry its key names and the entry's tag versions in one round
trip; the record read in that same round trip is the authority, the remembered one only a
guess (core.page_cache checks them against each other).

Tracking parameters are taken off the request before anything sees them: the page is the
same with or without them, and links on it must not carry them on.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.http import QueryDict

from core.cache_tags import FORMAT_VERSION

_PREFIX = f"pagecache:v{FORMAT_VERSION}:"
TRACKING = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl)$",
    re.I,
)
# Headers a Vary may name that do not split the entries: only cookie-less visitors are
# served (Cookie), answers are stored uncompressed (Accept-Encoding), the site has one
# language (Accept-Language).
_VARY_IGNORED = {"cookie", "accept-encoding", "accept-language"}


def strip_tracking(request) -> None:
    """Take tracking parameters off REQUEST's query string (and its GET)."""
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return
    pairs = [part for part in raw.split("&") if part]
    kept = [part for part in pairs if not TRACKING.match(part.split("=", 1)[0])]
    if len(kept) != len(pairs):
        request.META["QUERY_STRING"] = "&".join(kept)
        request.GET = QueryDict(request.META["QUERY_STRING"], encoding=request.encoding)


class _ReadNotingQueryDict(QueryDict):
    """A QueryDict that notes which names were asked for ("*" once all were walked)."""

    def _note(self, name):
        self.__dict__.setdefault("_read", set()).add(name)
        return name

    def __getitem__(self, key):
        return super().__getitem__(self._note(key))

    def __contains__(self, key):
        return super().__contains__(self._note(key))

    def get(self, key, default=None):
        return super().get(self._note(key), default)

    def getlist(self, key, default=None):
        return super().getlist(self._note(key), default)

    def __iter__(self):
        self._note("*")
        return super().__iter__()

    def keys(self):
        self._note("*")
        return super().keys()

    def items(self):
        self._note("*")
        return super().items()

    def lists(self):
        self._note("*")
        return super().lists()

    def values(self):
        self._note("*")
        return super().values()

    def dict(self):
        self._note("*")
        return super().dict()

    def urlencode(self, safe=None):
        self._note("*")
        return super().urlencode(safe)

    def copy(self):
        self._note("*")
        return QueryDict(self.urlencode(), mutable=True, encoding=self.encoding)

    def __len__(self):
        self._note("*")
        return super().__len__()

    def __bool__(self):
        self._note("*")
        return bool(dict.__len__(self))

    def read_names(self) -> set[str]:
        return set(self.__dict__.get("_read", ()))


def track_reads(request) -> _ReadNotingQueryDict:
    tracked = _ReadNotingQueryDict(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
    request.GET = tracked
    return tracked


@dataclass
class AddressRecord:
    """What was learnt about one address: the parameters and headers its answer depends
    on and the tags its entries carry."""

    params: frozenset = field(default_factory=frozenset)  # "*": the whole query string
    vary: frozenset = field(default_factory=frozenset)
    tags: frozenset = field(default_factory=frozenset)

    @staticmethod
    def key(request, address: str | None = None) -> str:
        return _PREFIX + "address:" + _digest(address or address_of(request))

    def keys_alike(self, other: "AddressRecord") -> bool:
        """Whether OTHER names the same entry as this record for any request."""
        return self.params == other.params and self.vary == other.vary

    def learnt(self, read: set, vary_header: str, tags: set) -> "AddressRecord":
        vary = {v.strip().lower() for v in vary_header.split(",") if v.strip()}
        return AddressRecord(
            params=frozenset(self.params | read),
            vary=frozenset(self.vary | (vary - _VARY_IGNORED)),
            tags=frozenset(tags),
        )


def address_of(request) -> str:
    return f"{request.scheme}://{request.get_host()}{request.path}"


# The last record this process read per address key: a guess for the one round trip of a
# hit, never trusted alone. Bounded: emptied when full (a guess missing costs a round trip);
# about 2 KB a record with half a dozen tags, so at most about 20 MB a process.
MAX_REMEMBERED = 10_000
_remembered: dict[str, AddressRecord] = {}


def remembered(record_key: str) -> AddressRecord | None:
    return _remembered.get(record_key)


def remember(record_key: str, record: AddressRecord | None) -> None:
    if record is None:
        _remembered.pop(record_key, None)
        return
    if len(_remembered) >= MAX_REMEMBERED and record_key not in _remembered:
        _remembered.clear()
    _remembered[record_key] = record


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def entry_key(request, record: AddressRecord, address: str | None = None) -> str:
    """The entry's key: address, the read parameters (sorted) and the Vary headers."""
    query = request.GET
    if "*" in record.params:
        chosen = sorted(QueryDict.lists(query))
    else:
        chosen = sorted(
            (name, QueryDict.getlist(query, name))
            for name in record.params
            if dict.__contains__(query, name)
        )
    headers = sorted((name, request.headers.get(name, "")) for name in record.vary)
    address = address or address_of(request)
    return _PREFIX + "page:" + _digest(f"{address}|{chosen!r}|{headers!r}")


def lock_key(key: str) -> str:
    return key + ":render"
