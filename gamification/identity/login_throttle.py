"""Too many wrong passwords for one account or from one address: refuse for the rest of the window.

The account is the caller's to name (``AuthService.login``): the person a login resolves to, or the
normalised login when it names nobody, never the text as typed, whose spellings are countless.
"""

from __future__ import annotations

from domain.errors import TooManyRequests
from gamification.limits.window_counter import WindowCounter
from gamification.storage.settings import Settings


class LoginThrottle:
    def __init__(self, counter: WindowCounter, settings: Settings) -> None:
        self._counter = counter
        self._window = settings.login_window_seconds
        self._limits = {"account": settings.login_failures_per_account, "address": settings.login_failures_per_address}

    def _keys(self, account: str, address: str) -> dict[str, str]:
        return {"account": f"login:account:{account}", "address": f"login:address:{address}"}

    async def attempt(self, account: str, address: str) -> None:
        """Count this try as a failure before its password is checked, and refuse it past the limit.

        Counting first (one atomic increment) is what holds the limit against guesses sent in parallel:
        read first and counted after the slow password check, forty at once all saw the same count.
        """
        for kind, key in self._keys(account, address).items():
            tries, retry_after = await self._counter.add(key, self._window)
            if tries > self._limits[kind]:
                raise TooManyRequests("login_throttled", retry_after=retry_after)

    async def succeeded(self, account: str, address: str) -> None:
        """The right password: the account starts afresh, and the address is not charged for it (an
        office behind one address signs in all morning)."""
        keys = self._keys(account, address)
        await self._counter.clear(keys["account"])
        await self._counter.take_back(keys["address"])
