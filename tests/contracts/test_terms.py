from decimal import Decimal

from amicable.contracts.analyze import analyze_text
from amicable.contracts.terms import Money, find_money, parse_amount, parse_number


def terms_of(text):
    return {t.name: t for t in analyze_text(text).terms}


def test_it_parses_numbers_in_words_and_digits():
    assert parse_number("fourteen (14)") == 14
    assert parse_number("forty-five") == 45
    assert parse_number("1.5") == Decimal("1.5")
    assert parse_number("soon") is None


def test_it_parses_money_in_several_notations():
    assert parse_amount("1,000.50") == Decimal("1000.50")
    assert parse_amount("1.000,50") == Decimal("1000.50")
    assert parse_amount("2,400") == Decimal("2400")
    found = [m for m, _s, _e in find_money("Pay $1,200, EUR 3.500,00, £45, 60 SEK and 45p.")]
    assert found == [Money(Decimal("1200"), "USD"), Money(Decimal("3500.00"), "EUR"), Money(Decimal("45"), "GBP"),
                     Money(Decimal("60"), "SEK"), Money(Decimal("0.45"), "GBP")]


def test_it_reads_payment_due_days_and_the_late_fee_with_their_clause():
    text = ("1. Payment\n\n1.1 The total fee is $4,000.\n\n1.2 Invoices are payable within fourteen (14) days of the "
            "invoice date.\n\n1.3 Late amounts carry interest at 1.5% per month.")
    t = terms_of(text)
    assert t["payment_due_days"].value == 14
    assert t["payment_due_days"].citation == "clause 1.2"
    assert text[t["payment_due_days"].start:t["payment_due_days"].end] == t["payment_due_days"].quote
    assert t["late_fee"].value == {"kind": "rate", "rate": Decimal("1.5"), "period": "month"}
    assert t["late_fee"].citation == "clause 1.3"
    assert t["fee"].value == Money(Decimal("4000"), "USD")
    assert t["currency"].value == "USD"


def test_it_reads_net_terms_flat_and_statutory_late_fees():
    assert terms_of("Payment. Invoices are due net 30.")["payment_due_days"].value == 30
    flat = terms_of("Late fees. A late fee of £50 applies for each week an invoice is overdue.")["late_fee"]
    assert flat.value == {"kind": "flat", "amount": Money(Decimal("50"), "GBP")} and "per week" in flat.display
    statutory = terms_of("Late payment. Interest on late payment is due at the statutory rate.")["late_fee"]
    assert statutory.value["kind"] == "statutory"


def test_it_reads_deposits_as_percent_or_amount():
    assert terms_of("Deposit. A non-refundable deposit of 30% is payable on signature.")["deposit"].value == {
        "percent": Decimal("30"), "refundable": False}
    assert terms_of("Deposit. A deposit of €5,000 is payable on signing.")["deposit"].value["amount"] == Money(
        Decimal("5000"), "EUR")


def test_it_reads_revision_rounds_and_kill_fee_with_when_it_applies():
    t = terms_of("1. Revisions\n\nThe fee includes two (2) rounds of revisions.\n\n2. Cancellation\n\n"
                 "If the Client cancels after the roughs are delivered, the Client shall pay a kill fee of 50% of "
                 "the total fee.")
    assert t["revision_rounds"].value == 2
    kill = t["kill_fee"]
    assert kill.value["percent"] == Decimal("50")
    assert kill.value["when"].startswith("If the Client cancels after the roughs")


def test_it_reads_notice_and_deemed_acceptance_across_sibling_clauses():
    t = terms_of("1. Termination\n\nEither party may end this Agreement on thirty (30) days' written notice.\n\n"
                 "2. Approval\n\n2.1 The Client shall approve or reject each delivery within seven (7) days.\n\n"
                 "2.2 If the Client does not respond within that period, the delivery is deemed accepted.")
    assert t["termination_notice_days"].value == 30
    accepted = t["deemed_acceptance_days"]
    assert accepted.value == 7 and accepted.citation == "clause 2.2"


def test_it_reads_law_venue_and_the_order_of_dispute_methods():
    t = terms_of("1. Disputes\n\nThe parties will first negotiate in good faith, then go to mediation, and "
                 "finally to binding arbitration in Portland, Oregon.\n\n2. Law\n\nThis Agreement is governed by "
                 "the laws of the State of Oregon.")
    assert t["dispute_methods"].value == ["negotiation", "mediation", "arbitration"]
    assert t["governing_law"].value == "Oregon"
    assert t["venue"].value == {"forum": "arbitration", "place": "Portland, Oregon"}
    t = terms_of("Law. English law governs this contract and the courts of England and Wales have jurisdiction.")
    assert t["governing_law"].value == "England and Wales"
    assert t["venue"].display == "the courts of England and Wales"


def test_it_says_whether_ip_passes_only_on_full_payment():
    assert terms_of("Ownership. Copyright passes to the Client upon full payment of all invoices.")[
        "ip_on_full_payment"].value is True
    assert terms_of("Work product. All deliverables are works made for hire owned by the Company.")[
        "ip_on_full_payment"].value is False
