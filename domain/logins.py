"""What a person types to sign in, reduced to the one spelling stored for them.

The lookup and the sign-in throttle both use it, so spelling variants of one login (case, spaces of
any kind, a NIP typed in groups) are one account to both and cannot each get a budget of guesses.
"""

from __future__ import annotations


def normalise_login(raw: str) -> str:
    """An email stripped and lower-cased; anything else is a NIP with every kind of space removed."""
    text = raw.strip()
    if is_email_login(text):
        return text.lower()
    return "".join(character for character in text if not character.isspace())


def is_email_login(login: str) -> bool:
    return "@" in login


def is_nip_login(login: str) -> bool:
    """NIPs are stored as ASCII digits: full-width or other scripts' digits match nobody."""
    return login.isascii() and login.isdigit()
