"""The shapes of the abuse limits, as settings read them: request budgets and open display streams."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RateLimit:
    per_person: int | None
    per_address: int | None
    window_seconds: int = 60

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """``"30,600,60"``: per person, per address (``-`` for none), window in seconds."""
        parts = [part.strip() for part in text.split(",")]
        if len(parts) != 3:
            raise ValueError(f"rate limit {text!r}: expected per_person,per_address,window_seconds")
        person, address, window = parts
        return cls(None if person == "-" else int(person), None if address == "-" else int(address), int(window))


DEFAULT_RATE_LIMITS: dict[str, RateLimit] = {
    "login": RateLimit(per_person=None, per_address=120),  # failures per account are counted apart
    "refresh": RateLimit(per_person=None, per_address=300),
    "attempt": RateLimit(per_person=30, per_address=1200),
    "sync": RateLimit(per_person=10, per_address=600),
    "redemption": RateLimit(per_person=10, per_address=300),
    "display": RateLimit(per_person=None, per_address=600),  # an office of TVs polling when streams fail
    "export": RateLimit(per_person=3, per_address=60, window_seconds=3600),
    # events: a check-in code is 6 digits; a person may not guess at it (a hall of phones shares an address)
    "checkin": RateLimit(per_person=20, per_address=1200),
    # service points and surveys: citizens' public pages and answers (a phone carrier's NAT shares an address)
    "survey_page": RateLimit(per_person=None, per_address=120),
    "survey_answer": RateLimit(per_person=None, per_address=20),
    # complaints: citizens file without signing in (an office's public wifi shares an address); a tracking
    # code is looked up by hand, so a budget far above that bounds guessing
    "complaint": RateLimit(per_person=None, per_address=20, window_seconds=3600),
    "complaint_lookup": RateLimit(per_person=None, per_address=60),
    "credential_verify": RateLimit(per_person=None, per_address=120),  # credentials: anyone checks a credential
}


@dataclass(frozen=True, slots=True)
class StreamLimits:
    per_display: int
    per_address: int

    @classmethod
    def parse(cls, text: str) -> StreamLimits:
        """``"10,50"``: open streams per display token, per client address."""
        parts = [part.strip() for part in text.split(",")]
        if len(parts) != 2 or not all(part.isascii() and part.isdigit() for part in parts):
            raise ValueError(f"display streams {text!r}: expected per_display,per_address")
        return cls(int(parts[0]), int(parts[1]))


def address_for_limits(address: str) -> str:
    """The address a budget counts: an IPv6 host holds a whole /64, so that is one address; an IPv4 address
    mapped into IPv6 is the IPv4 address. Anything else (a test client's name) as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return f"{ipaddress.ip_network(f'{ip}/64', strict=False).network_address}/64"
    return str(ip)
