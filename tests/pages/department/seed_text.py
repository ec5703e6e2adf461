"""Reading the department's own description (a copy of seed/wydzial.txt) into facts."""

import re
from dataclasses import dataclass, field
from pathlib import Path

SEED_TEXT = Path(__file__).resolve().parent / "data" / "wydzial.txt"

ROLE_LINE = re.compile(r"^(?P<role>[^:]+?):\s*(?P<name>.+)$")
DUTY_LINE = re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<text>.+)$")
PHONE = re.compile(r"\b\d{3} \d{3} \d{3}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
NOT_PEOPLE = ("e-mail", "facebook", "tel", "tel.")


def normalise(text: str) -> str:
    """Fold the differences typography makes: dashes, spaces, line breaks."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class SeedFacts:
    people: list[tuple[str, str]] = field(default_factory=list)  # (role, name)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    facebook: list[str] = field(default_factory=list)
    duties: dict[int, str] = field(default_factory=dict)
    teams: list[str] = field(default_factory=list)


def read_seed() -> SeedFacts:
    facts = SeedFacts()
    raw = SEED_TEXT.read_text(encoding="utf-8").replace("\xa0", " ")
    lines = [line.strip() for line in raw.splitlines()]
    current_duty = None
    for line in lines:
        if not line:
            current_duty = None
            continue
        duty = DUTY_LINE.match(line)
        if duty:
            current_duty = int(duty["number"])
            facts.duties[current_duty] = duty["text"]
            continue
        if current_duty is not None:  # a duty continued on the next line
            facts.duties[current_duty] += " " + line
            continue
        facts.phones += PHONE.findall(line)
        facts.emails += EMAIL.findall(line)
        if line.startswith("Zespół"):
            facts.teams.append(line)
        match = ROLE_LINE.match(line)
        if match and match["role"].strip().lower() not in NOT_PEOPLE:
            facts.people.append((match["role"].strip(), match["name"].strip()))
        elif match and match["role"].strip().lower() == "facebook":
            facts.facebook.append(match["name"].strip())
    return facts
