"""One spelling per login, whatever spaces or case were typed (domain/logins.py, no I/O)."""

import pytest

from domain.logins import is_nip_login, normalise_login

NIP = "198504122010031001"


@pytest.mark.parametrize(
    "typed",
    [
        NIP,
        f"  {NIP}\t",
        "19850412 201003 1 001",
        "19850412\u00a0201003\u00a01\u00a0001",  # non-breaking spaces
        "19850412\u3000201003\u20071\u202f001",  # ideographic, figure and narrow spaces
        "1985 0412 2010 0310 01\n",
    ],
)
def test_every_spacing_of_a_nip_is_the_nip(typed):
    assert normalise_login(typed) == NIP
    assert is_nip_login(normalise_login(typed))


@pytest.mark.parametrize(
    "typed",
    [
        "１９８５０４１２２０１００３１００１",  # full-width digits
        "١٩٨٥٠٤١٢٢٠١٠٠٣١٠٠١",  # Arabic-Indic digits
        "19850412\u200b2010031001",  # a zero-width space is not a space
        "1985-0412-2010031001",
        "",
    ],
)
def test_what_is_not_ascii_digits_is_no_nip(typed):
    assert not is_nip_login(normalise_login(typed))


def test_an_email_is_stripped_and_lower_cased():
    assert normalise_login("\u00a0 ASN@Pontianak.Test \n") == "asn@pontianak.test"
