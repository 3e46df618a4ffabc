"""Timeliness: the publication date against the legal deadline for the agency's type."""
from __future__ import annotations

from datetime import date

from .config import AuditConfig, Deadline
from .findings import Finding


def agency_type(agency: str | None, config: AuditConfig) -> str | None:
    """The type the first matching pattern of ``deadlines.toml`` gives the agency's name."""
    if not agency:
        return None
    name = "".join(agency.split())
    return next((t.id for t in config.agency_types if t.pattern.search(name)), None)


def deadline_for(year: int, kind: str, config: AuditConfig) -> Deadline | None:
    regime = "2019" if year >= config.regulation_2019_from else "2008"
    return next((d for d in config.deadlines if d.regime == regime and d.agency_type in (kind, "*")), None)


def _parse(day: str | None) -> date | None:
    try:
        return date.fromisoformat(day) if isinstance(day, str) and day else None
    except ValueError:
        return None


def timeliness_finding(rid: str, *, year: int | None, published: str | None, kind: str | None,
                       kind_source: str, config: AuditConfig) -> Finding:
    """Days early (left < right) or late; ``difference`` is days late (negative: early)."""
    rule = "audit.timeliness"
    day = _parse(published)
    if year is None or day is None:
        return Finding(rid, rule, "uncertain", f"no {'year' if year is None else 'publication date'} to compare")
    if kind is None:
        return Finding(rid, rule, "uncertain", "agency type unknown")
    deadline = deadline_for(year, kind, config)
    if deadline is None:
        return Finding(rid, rule, "uncertain", f"no deadline for agency type '{kind}' in {year}")
    due = date(year + 1, deadline.month, deadline.day)
    late = (day - due).days
    status = "fail" if late > 0 else "pass"
    when = f"{late} days late" if late > 0 else f"{-late} days early" if late < 0 else "on the deadline"
    return Finding(rid, rule, status,
                   f"published {day.isoformat()}, due {due.isoformat()} ({kind} from {kind_source}; "
                   f"{deadline.reason}): {when}",
                   (), float(day.toordinal()), float(due.toordinal()), float(late))
