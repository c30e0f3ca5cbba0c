from amicable.contracts.classify import (
    CLAUSE_TYPES,
    HEADING_RULES,
    RULES,
    THRESHOLD,
    classify_clauses,
    classify_text,
    detect_roles,
)
from amicable.contracts.segment import segment


def types(text, heading=""):
    return [h.type for h in classify_text(text, heading)]


def test_it_has_rules_for_every_type_in_the_fixed_list():
    assert set(RULES) == set(CLAUSE_TYPES) == set(HEADING_RULES)
    assert len(CLAUSE_TYPES) == 26


def test_it_types_common_clauses():
    assert types("Invoices are payable within 14 days of the invoice date.") == ["payment_terms"]
    assert types("Overdue amounts carry interest at 1.5% per month.") == ["late_payment"]
    assert types("This Agreement is governed by the laws of England and Wales.") == ["governing_law"]
    assert types("Either party may terminate this Agreement on 30 days' written notice.") == ["termination"]
    assert "kill_fee" in types("If the Client cancels after work has begun, a kill fee of 25% applies.")
    assert "confidentiality" in types("Each party will keep the other's information confidential.")


def test_it_explains_each_type_with_its_triggers_and_a_confidence():
    hit = classify_text("The fee includes two rounds of revisions.", "Revisions")[0]
    assert hit.type == "revisions"
    assert "heading: Revisions" in hit.triggers and "revisions" in hit.triggers
    assert THRESHOLD <= hit.confidence < 1


def test_it_does_not_call_force_majeure_a_liability_clause():
    text = "Neither party is liable for delay caused by events beyond its reasonable control, such as flood."
    assert types(text) == ["force_majeure"]


def test_it_does_not_call_a_late_fee_clause_payment_terms():
    assert types("A late fee of $35 is added to any invoice that remains unpaid after its due date.") == [
        "late_payment"]


def test_it_gives_nothing_for_neutral_text():
    assert classify_text("The parties met on a sunny day.") == []


def test_it_lets_an_item_inherit_its_parent_heading():
    clauses = segment("1. Services\n\n(a) twelve posts a month;\n\n(b) one newsletter.")
    result = classify_clauses(clauses)
    inherited = result[1][0]
    assert inherited.type == "scope" and inherited.inherited
    assert inherited.triggers == ["parent heading: Services"]


def test_it_skips_signature_blocks():
    clauses = segment("1. Law\n\nEnglish law governs.\n\nSigned: ________ (Client)")
    assert classify_clauses(clauses)[1] == []


def test_it_reads_the_parties_names_from_the_opening():
    roles = detect_roles('This contract is between Tideway Bank plc ("the Bank") and Fieldnote Ltd ("the Researcher").')
    assert "bank" in roles.client and "researcher" in roles.provider
    roles = detect_roles('Between Orbital, Inc. ("Orbital") and Priya ("Developer").')
    assert "orbital" in roles.client
    hits = classify_text("Orbital shall provide timely access to its APIs.", roles=roles)
    assert [h.type for h in hits] == ["client_obligations"]
