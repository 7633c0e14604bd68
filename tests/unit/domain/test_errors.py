import pytest

from domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Gone,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    TooManyRequests,
)


@pytest.mark.parametrize("kind", [InvalidInput, NotAuthenticated, Forbidden, NotFound, Conflict, Gone])
def test_every_error_a_user_can_cause_is_a_domain_error_with_its_code_and_params(kind):
    error = kind("some_code", max=5)
    assert isinstance(error, DomainError)
    assert (error.code, error.params, str(error)) == ("some_code", {"max": 5}, "some_code")


def test_without_a_code_the_error_keeps_its_kinds_default():
    assert DomainError().code == "domain_error"
    assert DomainError().params == {}


def test_the_code_of_one_error_does_not_leak_into_its_kind():
    InvalidInput("first_code")
    assert InvalidInput().code == "domain_error"


def test_too_many_requests_tells_when_to_try_again():
    error = TooManyRequests("login_throttled", retry_after=30, login="x")
    assert error.retry_after == 30
    assert error.params == {"retry_after": 30, "login": "x"}
