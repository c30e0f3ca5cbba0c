from amicable.contracts.analyze import analyze_document, analyze_text
from amicable.contracts.classify import CLAUSE_TYPES
from amicable.contracts.summary import (
    DISPUTE_CLAUSE_MAP,
    DISPUTE_TYPES,
    contract_summary,
    plain_summary,
    quote_text,
    relevant_clauses,
)

from . import samples


def test_it_maps_every_dispute_type_to_known_clause_types():
    assert set(DISPUTE_CLAUSE_MAP) == set(DISPUTE_TYPES)
    for weights in DISPUTE_CLAUSE_MAP.values():
        assert set(weights) <= set(CLAUSE_TYPES)
        assert all(0 < w <= 1 for w in weights.values())


def test_it_writes_the_plain_summary_from_the_terms():
    a = analyze_text("5. Payment\n\n5.1 The fee is $900.\n\n5.2 Invoices are due within 14 days of the invoice "
                     "date; late amounts carry interest at 1.5% per month.")
    clause = next(c for c in a.clauses if c.number == "5.2")
    assert plain_summary(clause, a.terms) == ("Invoices are due 14 days after issue; late amounts carry 1.5% a "
                                              "month (clause 5.2).")


def test_it_falls_back_to_what_the_clause_is_about():
    a = analyze_text("1. Confidentiality\n\nEach party will keep the other's information confidential.")
    assert plain_summary(a.clauses[0], a.terms) == ("This clause keeps each side's information confidential "
                                                    "(clause 1).")


def test_it_ranks_the_clauses_that_bear_on_the_dispute():
    a = analyze_document(samples.as_markdown(), "c.md")
    top = relevant_clauses(a.clauses, a.terms, ["late_payment"])
    assert top[0].clause.number == "3.2"
    assert "late_payment" in top[0].types
    cancel = relevant_clauses(a.clauses, a.terms, ["cancellation"])
    assert [r.clause.number for r in cancel[:2]] == ["4.2", "4.1"]
    assert cancel[0].summary.startswith("If the client cancels after work has started, it owes 25%")


def test_it_quotes_a_clause_with_its_citation_and_page():
    a = analyze_document(samples.as_pdf(page_per_section=True), "c.pdf")
    clause = next(c for c in a.clauses if c.number == "5.1")
    assert quote_text(clause) == f"Clause 5.1, page 5: “{clause.text}”"


def test_it_summarises_the_whole_contract():
    lines = contract_summary(analyze_document(samples.as_markdown(), "c.md").terms)
    assert "Invoices are due 14 days after issue (clause 3.2)." in lines
    assert "The fee includes 2 rounds of revisions (clause 2.2)." in lines
