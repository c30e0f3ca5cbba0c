"""A new freelancer: client → engagement → case → intake → types → stage move; axe-clean on every page."""

from __future__ import annotations

import datetime as dt

import pytest

from amicable.accounts.services import local_owner_ensure
from amicable.cases.models import Case

from .conftest import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_walks_a_new_user_from_nothing_to_a_case(new_page):
    owner = local_owner_ensure()
    page = new_page(owner)
    page.get_by_role("heading", name="No open disputes").wait_for()
    check_accessibility(page, "01-dashboard-empty")

    page.get_by_role("link", name="Add a client").first.click()
    page.get_by_label("Client name").fill("Lumen Bakery")
    page.get_by_label("Country").fill("Germany")
    page.get_by_role("button", name="Save client").click()
    page.get_by_text("Use the two-letter country code").wait_for()
    check_accessibility(page, "02-client-form-error")
    page.get_by_label("Country").fill("DE")
    page.get_by_role("button", name="Save client").click()
    page.get_by_role("heading", name="Lumen Bakery").wait_for()
    check_accessibility(page, "03-client")

    page.get_by_role("link", name="Add an engagement").first.click()
    page.get_by_label("Title").fill("Shop website")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_label("Rate", exact=True).fill("70")
    page.get_by_role("button", name="Save engagement").click()
    page.get_by_role("heading", name="Shop website").wait_for()
    page.locator("summary", has_text="Add an invoice").click()
    page.get_by_label("Invoice number").fill("2026-014")
    page.locator("#id_inv-amount").fill("1,850")
    page.get_by_label("Issued on").fill((dt.date.today() - dt.timedelta(days=45)).isoformat())
    page.get_by_label("Due on").fill((dt.date.today() - dt.timedelta(days=15)).isoformat())
    page.get_by_role("button", name="Add invoice").click()
    page.get_by_text("15 days overdue").wait_for()
    check_accessibility(page, "04-engagement")

    page.get_by_role("link", name="Open a case").first.click()
    page.get_by_label("Case title").fill("Unpaid website invoice")
    page.get_by_role("button", name="Open the case and start the intake").click()
    page.get_by_role("heading", name="Step 3 · Clarify the issue: intake").wait_for()
    page.get_by_label("What was agreed?").fill("A five-page shop website for EUR 1,850, two revision rounds.")
    page.get_by_label("What did you deliver, and when?").fill("The finished site, live since last month.")
    page.get_by_label("What does the client say?").fill("We will not pay until you add a blog, which is extra work.")
    page.get_by_label("What do you say?").fill("The blog was not in the agreed scope.")
    page.get_by_label("Amount in dispute").fill("1850")
    page.locator("#live-suggestions").get_by_text("Scope creep").wait_for()
    check_accessibility(page, "05-intake")
    page.get_by_role("button", name="Save answers").click()
    page.get_by_text("Intake saved").wait_for()
    types = page.get_by_role("group", name="Types of dispute (choose all that apply)")
    assert types.get_by_label("Non-payment").is_checked()
    page.get_by_role("button", name="Confirm types").click()

    page.get_by_role("heading", name="Your playbook").wait_for()
    check_accessibility(page, "06-case")
    page.get_by_label("Move to stage").select_option("clarifying")
    page.get_by_role("button", name="Move").click()
    page.get_by_text("The case is now in clarifying").wait_for()

    case = Case.objects.get(title="Unpaid website invoice")
    assert case.stage == "clarifying" and "non_payment" in case.dispute_types
    assert case.intake["client_says"].startswith("We will not pay")
    kinds = set(case.events.values_list("kind", flat=True))
    assert {"case.opened", "case.intake_saved", "case.types_confirmed", "case.stage_changed"} <= kinds

    page.keyboard.press("Tab")  # the skip link is the first stop and is visible on focus
    assert page.evaluate("document.activeElement.className") == "skip-link"
    for path, name in (("/cases/", "07-case-list"), ("/clients/", "08-client-list"), ("/engagements/", "09-engagements"),
                       ("/settings/", "10-settings"), ("/", "11-dashboard")):
        page.goto(path)
        check_accessibility(page, name)
