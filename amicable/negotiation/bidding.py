"""Double-blind bidding: resolve a round from two confidential figures. Pure Python.

The freelancer enters the LOWEST amount they would accept (their floor); the client the HIGHEST they
would pay (their ceiling). A round settles when

- the figures overlap (ceiling >= floor), or
- the gap (floor - ceiling) is at most `gap_percent` of the REFERENCE amount,

and then at the midpoint of the two figures, rounded half up to the currency's minor unit.

The reference is the case's amount in dispute: both parties see it before bidding, it does not depend
on either party's figure (so neither can widen or narrow the window by how they bid), and it turns
"10%" into one fixed amount that can be shown up front ("you settle if you are within EUR 450 of each
other"). When the case has no amount in dispute, the midpoint of the two figures is the reference,
which is symmetric between the parties. Within the gap, the midpoint is above the client's ceiling and
below the freelancer's floor: both agreed to that by accepting the gap before bidding.

When a round does not settle, the outcome carries nothing but "no settlement": not the gap, not which
side was higher, not how close it came. At most `MAX_ROUNDS` rounds per case.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from amicable.lib.money import format_money, quantize

MAX_ROUNDS = 3
DEFAULT_GAP_PERCENT = Decimal(10)
MAX_GAP_PERCENT = Decimal(50)
# A figure outside [SANE_LOW, SANE_HIGH] × amount in dispute asks the bidder to confirm it.
SANE_LOW = Decimal("0.1")
SANE_HIGH = Decimal(2)


class BidError(ValueError):
    """A figure or round setting that cannot be used; the message says why."""


@dataclass(frozen=True)
class RoundResult:
    settled: bool
    amount: Decimal | None = None  # only when settled

    def __repr__(self) -> str:  # never leak anything beyond the outcome
        return f"RoundResult(settled={self.settled}, amount={self.amount})"


def check_gap_percent(gap_percent: Decimal) -> Decimal:
    """Return the gap if it is usable (0 to 50 percent), else raise BidError."""
    if isinstance(gap_percent, float) or not isinstance(gap_percent, Decimal | int):
        raise BidError("The agreed gap must be a Decimal percentage.")
    gap = Decimal(gap_percent)
    if not gap.is_finite() or gap < 0 or gap > MAX_GAP_PERCENT:
        raise BidError(f"The agreed gap must be between 0% and {MAX_GAP_PERCENT}%.")
    return gap


def resolve_round(
    *,
    freelancer_floor: Decimal,
    client_ceiling: Decimal,
    currency: str,
    reference: Decimal | None,
    gap_percent: Decimal = DEFAULT_GAP_PERCENT,
) -> RoundResult:
    """Return the round's outcome: settled at the midpoint, or not settled (and nothing more)."""
    gap_pct = check_gap_percent(gap_percent)
    for name, figure in (("freelancer's figure", freelancer_floor), ("client's figure", client_ceiling)):
        if not isinstance(figure, Decimal) or not figure.is_finite() or figure <= 0:
            raise BidError(f"The {name} must be a positive amount.")
    midpoint = (freelancer_floor + client_ceiling) / 2
    base = reference if reference is not None and reference > 0 else midpoint
    allowed = base * gap_pct / 100
    if client_ceiling >= freelancer_floor or freelancer_floor - client_ceiling <= allowed:
        return RoundResult(True, quantize(midpoint, currency))
    return RoundResult(False)


def gap_amount(
    *, reference: Decimal | None, currency: str, gap_percent: Decimal = DEFAULT_GAP_PERCENT
) -> Decimal | None:
    """Return the agreed gap as an amount to show before bidding, or None when it depends on the figures."""
    if reference is None or reference <= 0:
        return None
    return quantize(reference * check_gap_percent(gap_percent) / 100, currency)


def sanity_warning(figure: Decimal, *, amount_in_dispute: Decimal | None, currency: str) -> str | None:
    """Return a message asking to confirm a figure far outside the amount in dispute, else None.

    Raises BidError for a figure that can never be used (zero or negative).
    """
    if not isinstance(figure, Decimal) or not figure.is_finite() or figure <= 0:
        raise BidError("Enter a figure above zero.")
    if amount_in_dispute is None or amount_in_dispute <= 0:
        return None
    low, high = amount_in_dispute * SANE_LOW, amount_in_dispute * SANE_HIGH
    shown, disputed = format_money(figure, currency), format_money(amount_in_dispute, currency)
    if figure > high:
        return (
            f"{shown} is more than twice the amount in dispute ({disputed}). "
            "Check for a typing mistake, then confirm to use it anyway."
        )
    if figure < low:
        return (
            f"{shown} is less than a tenth of the amount in dispute ({disputed}). "
            "Check for a typing mistake, then confirm to use it anyway."
        )
    return None


def check_round_allowed(rounds_so_far: int, *, settled: bool) -> None:
    """Raise BidError when no new round may open (already settled, or MAX_ROUNDS used)."""
    if settled:
        raise BidError("This case already settled in a bidding round.")
    if rounds_so_far >= MAX_ROUNDS:
        raise BidError(f"All {MAX_ROUNDS} bidding rounds have been used; make an offer instead.")
