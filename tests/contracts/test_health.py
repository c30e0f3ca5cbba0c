from amicable.contracts.analyze import analyze_document, analyze_text
from amicable.contracts.health import CHECKS

from . import samples

BARE = ("SERVICES AGREEMENT\n\nThis agreement is between Acme Ltd (\"Client\") and Jo (\"Designer\").\n\n"
        "1. Services\n\nThe Designer shall design a website for the Client.\n\n2. Fees\n\nThe Client shall pay the "
        "fee of $3,000 on completion.\n\n3. Confidentiality\n\nEach party shall keep the other's information "
        "confidential.")


def test_it_lists_every_missing_protection_with_why_and_what_to_add():
    health = {h.key: h for h in analyze_text(BARE).health}
    assert set(health) == {c.key for c in CHECKS}
    missing = {k for k, h in health.items() if not h.present}
    assert missing == {"payment_terms", "late_payment", "deposit", "revision_limit", "change_requests", "kill_fee",
                       "ip_on_payment", "acceptance_period", "dispute_path", "governing_law"}
    assert "scope creep" in health["revision_limit"].why
    assert health["kill_fee"].suggestion.startswith("If the client cancels")


def test_it_finds_protections_where_the_contract_has_them():
    health = {h.key: h for h in analyze_document(samples.as_markdown(), "c.md").health}
    assert health["late_payment"].present and health["late_payment"].found_in == ["clause 3.2"]
    assert health["kill_fee"].present and health["ip_on_payment"].present
    assert health["revision_limit"].present
    assert not health["acceptance_period"].present
    assert not health["dispute_path"].present


def test_it_puts_missing_items_first():
    items = analyze_document(samples.as_markdown(), "c.md").health
    flags = [h.present for h in items]
    assert flags == sorted(flags)
