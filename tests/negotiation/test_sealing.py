"""Sealed bid figures: only the right round, party and key open them; nothing readable at rest."""

from decimal import Decimal as D

import pytest

from amicable.negotiation.sealing import SealError, open_figure, seal_figure

SECRET = "test-secret-key"


def test_it_round_trips_a_figure_without_storing_it_in_plain_sight():
    sealed = seal_figure(D("4321.50"), secret=SECRET, round_id=7, party="client")
    assert sealed.startswith("v1.") and "4321" not in sealed
    assert open_figure(sealed, secret=SECRET, round_id=7, party="client") == D("4321.50")


def test_it_seals_the_same_figure_differently_each_time():
    a = seal_figure(D("100"), secret=SECRET, round_id=1, party="freelancer")
    b = seal_figure(D("100"), secret=SECRET, round_id=1, party="freelancer")
    assert a != b


@pytest.mark.parametrize(
    "kwargs",
    [
        {"secret": "another-secret", "round_id": 7, "party": "client"},
        {"secret": SECRET, "round_id": 8, "party": "client"},
        {"secret": SECRET, "round_id": 7, "party": "freelancer"},
    ],
)
def test_it_refuses_another_key_round_or_party(kwargs):
    sealed = seal_figure(D("4321.50"), secret=SECRET, round_id=7, party="client")
    with pytest.raises(SealError, match="cannot be opened"):
        open_figure(sealed, **kwargs)


def test_it_detects_tampering_and_garbage():
    import base64

    sealed = seal_figure(D("1"), secret=SECRET, round_id=1, party="client")
    # Flip one bit of the decoded bytes (flipping a base64 character can land in ignored padding bits).
    raw = bytearray(base64.urlsafe_b64decode(sealed[len("v1."):]))
    raw[-1] ^= 0x01
    flipped = "v1." + base64.urlsafe_b64encode(bytes(raw)).decode("ascii")
    assert flipped != sealed
    for bad in (flipped, "v1.!!!", "plain 100"):
        with pytest.raises(SealError):
            open_figure(bad, secret=SECRET, round_id=1, party="client")


def test_it_rejects_unknown_parties_and_floats():
    with pytest.raises(ValueError, match="party"):
        seal_figure(D("1"), secret=SECRET, round_id=1, party="mediator")
    with pytest.raises(ValueError, match="Decimal"):
        seal_figure(1.5, secret=SECRET, round_id=1, party="client")
