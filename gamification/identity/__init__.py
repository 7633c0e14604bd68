"""Sign-in: passwords, access and refresh tokens, the login throttle."""

from gamification.storage.exports import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "AuthService": "sign_in",
        "LoginThrottle": "login_throttle",
    },
)
