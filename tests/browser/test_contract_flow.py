"""Issue 4's walk-through: upload a contract, read its outline, see on the case what it says, quote a
clause into a message, and see what the next contract should add; axe-clean on each page."""

from __future__ import annotations

import pytest

from amicable.accounts.services import local_owner_ensure
from amicable.contracts.models import Contract
from amicable.messaging.models import Draft
from amicable.test import make_case

from .conftest import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTRACT = """# Web Design Services Agreement

This agreement is between Alice Design ("Designer") and Northwind Studio ("Client").

## 1. Services
1.1 The Designer will design and build a five-page website as described in the proposal.
1.2 The Client may request two rounds of revisions. Further changes are billed at EUR 80 per hour.

## 2. Fees and payment
2.1 The total fee is EUR 2,400.
2.2 Invoices are due within 14 days of the invoice date.
2.3 Late payments carry interest of 1.5% per month until paid.

## 3. Termination
3.1 Either party may terminate this agreement with 14 days' written notice.

## 4. Governing law
4.1 This agreement is governed by the laws of Germany.
"""


def test_it_shows_what_the_contract_says_and_quotes_it_into_a_draft(new_page, tmp_path):
    owner = local_owner_ensure()
    case = make_case(owner, owner.memberships.get().workspace)
    path = tmp_path / "agreement.md"
    path.write_text(CONTRACT)
    page = new_page(owner)

    page.goto(f"/engagements/{case.engagement_id}/")
    page.get_by_role("link", name="Contract and terms").click()
    page.get_by_label("File").set_input_files(str(path))
    page.locator("form[enctype] button[type=submit]").click()
    page.get_by_role("heading", name="Clause outline").wait_for()
    page.get_by_role("heading", name="Health check").wait_for()
    check_accessibility(page, "contract-01-outline")
    contract = Contract.objects.get(engagement=case.engagement)
    assert contract.clauses.count() >= 6

    page.goto(f"/cases/{case.pk}/contract/")
    page.get_by_text("14 days").first.wait_for()
    check_accessibility(page, "contract-02-case")
    page.locator("summary", has_text="Quote this").first.click()
    page.get_by_role("link", name="Put it in a draft").first.click()
    page.get_by_role("heading", name="Quote from your contract").wait_for()
    page.get_by_role("button", name="Add the quote").click()
    page.get_by_role("heading", name="Tone coach").wait_for()
    draft = Draft.objects.get(case=case)
    assert "clause" in draft.body.lower() or "Clause" in draft.body
    check_accessibility(page, "contract-03-draft")
