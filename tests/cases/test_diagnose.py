from amicable.cases.diagnose import InvoiceFact, suggest_types


def types(result):
    return [s.type for s in result]


def test_it_finds_non_payment_from_an_overdue_invoice():
    inv = InvoiceFact("INV-1", "1000", "EUR", "2026-01-01", "1000", 40)
    result = suggest_types({}, [inv])
    assert types(result) == ["non_payment"]
    assert "INV-1" in result[0].reasons[0] and "40 days overdue" in result[0].reasons[0]


def test_it_explains_each_suggestion_with_the_words_that_matched():
    result = suggest_types({"client_says": "You asked for extra pages that were not in the brief, and the quality is poor."})
    found = {s.type: s.reasons for s in result}
    assert set(found) >= {"scope_creep", "quality"}
    assert any("extra" in r for r in found["scope_creep"])
    assert all(r.startswith("What the client says") for r in found["quality"])


def test_it_ranks_client_words_and_facts_above_background():
    answers = {"agreed": "a logo with a licence for web use", "client_says": "We will not pay until you fix the bugs"}
    result = suggest_types(answers)
    assert types(result)[:2] == ["non_payment", "quality"] or types(result)[0] in {"non_payment", "quality"}
    assert "ip_usage" in types(result)


def test_it_suggests_late_payment_when_paid_after_due():
    inv = InvoiceFact("INV-2", "500", "EUR", "2026-01-01", "0", 0, days_late_paid=21)
    assert types(suggest_types({}, [inv])) == ["late_payment"]


def test_it_returns_nothing_for_empty_answers():
    assert suggest_types({"client_says": "", "you_say": ""}) == []


def test_it_flags_late_milestones():
    result = suggest_types({}, [], ["Homepage"])
    assert types(result) == ["missed_deadline"] and "Homepage" in result[0].reasons[0]
