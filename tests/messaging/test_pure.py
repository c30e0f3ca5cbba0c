"""Pure helpers: restating concerns, the question bank, composer templates, .eml export."""

from __future__ import annotations

import datetime as dt
import email

from amicable.messaging import compose, questions
from amicable.messaging.eml import build_eml
from amicable.messaging.restate import acknowledgement_body, flip_perspective, restate_concern
from amicable.messaging.tone import check


def test_it_restates_a_you_didnt_quote_as_a_concern():
    r = restate_concern("You didn't follow the approved mockup for the homepage!")
    assert r.text == "You're concerned that I didn't follow the approved mockup for the homepage."
    assert check(r.text).negatives == []


def test_it_takes_the_heat_out_and_swaps_perspective():
    r = restate_concern("The homepage looks NOTHING like what we agreed and you never answer my emails!!!")
    assert r.text == ("You're concerned that the homepage looks quite different from what we agreed and I don't "
                      "answer your emails.")
    assert flip_perspective("you sent me the wrong files") == "I sent you the wrong files"
    assert restate_concern("anything", summary="the layout differs from the mockup").text == (
        "You're concerned that the layout differs from the mockup.")
    assert restate_concern("Why should I pay for a logo I never approved?").text.startswith("You're asking: why")


def test_it_restates_their_blame_as_their_view_not_my_admission():
    assert restate_concern("This is all your fault.").text == "You feel this is my fault."
    r = restate_concern("I'm NOT paying for a second round, that was YOUR mistake.")
    assert r.text == "You're concerned that you're not paying for a second round, and you feel that was my mistake."


def test_it_writes_an_acknowledgement_that_passes_the_coach():
    rs = [restate_concern("You didn't follow the mockup."), restate_concern("The invoice is too high.")]
    body = acknowledgement_body(rs, client_name="Sam", sender_name="Alice")
    assert "1. You're concerned that I didn't follow the mockup." in body
    assert "2. You're concerned that the invoice is too high." in body
    assert check(body).verdict == "send"


def test_it_filters_questions_by_what_the_intake_answers():
    ids = [q.id for q in questions.suggested(["quality"], {})]
    assert ids[:4] == ["q.items", "q.reference", "q.fix", "q.deadline"] and "gen.outcome" in ids
    ids = [q.id for q in questions.suggested(["quality"], {"client_says": "bugs", "agreed": "5 pages"})]
    assert "q.items" not in ids and "q.reference" not in ids
    assert "q.fix" not in [q.id for q in questions.suggested(["quality"], {}, answered_ids=["q.fix"])]
    assert [q.id for q in questions.suggested(["unknown"], {})][0] == "o.summary"


def test_it_fills_question_placeholders_without_leaving_braces():
    q = questions.question("np.received")
    assert questions.fill(q.text, {"invoice": "INV-7"}).startswith("Could you confirm that you received invoice INV-7")
    assert "{" not in questions.fill(q.text, {})
    body = questions.clarifying_body([q], {"invoice": "INV-7"}, client_name="Sam", sender_name="Alice")
    assert "1. Could you confirm" in body and check(body).verdict == "send"


def facts() -> compose.CaseFacts:
    return compose.CaseFacts(
        client_name="Northwind Studio", contact_name="Sam", sender_name="Alice Owner",
        engagement_title="Website redesign", currency="EUR", amount_in_dispute="€2,400.00",
        total_outstanding="€2,400.00",
        invoices=[compose.InvoiceLine("INV-7", "€2,400.00", "€2,400.00", dt.date(2026, 9, 15), 71)],
        milestones=[compose.MilestoneLine("Design", "€800.00", "delivered"),
                    compose.MilestoneLine("Build", "€1,600.00", "planned")],
        clauses=[compose.ClauseLine("clause 4.2", "invoices are payable within 14 days")],
        today=dt.date(2026, 11, 25))


def test_it_fills_every_template_from_the_facts_and_each_passes_the_coach():
    for kind, fn in compose.SIMPLE.items():
        subject, body = fn(facts())
        report = check(body, allow_legal=kind in compose.LEGAL_KINDS)
        assert report.verdict == "send", (kind, [(f.category, f.text) for f in report.negatives])
        assert subject
    _s, firm = compose.firm_reminder(facts())
    assert "INV-7" in firm and "€2,400.00" in firm and "71 days overdue" in firm and "clause 4.2" in firm
    assert "2 December 2026" in firm
    _s, final = compose.final_notice(facts())
    assert "9 December 2026" in final and "small claims" in final
    _s, proposal = compose.propose(facts())
    assert "Design: €800.00" in proposal and "Build" in proposal


def test_it_exports_a_draft_as_eml():
    raw = build_eml(subject="Payment reminder: INV-7", body="Hi Sam,\n\nÜber 2.400 €.\n", from_addr="a@example.com",
                    to_addr="sam@example.com", when=dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC))
    msg = email.message_from_bytes(raw)
    assert msg["Subject"] == "Payment reminder: INV-7" and msg["To"] == "sam@example.com"
    assert msg["X-Unsent"] == "1"
    assert "Über 2.400 €." in msg.get_payload(decode=True).decode("utf-8")
