"""Steps 5–6 end to end: options → offer → invite the client (second browser) → counter-offer → both
blind bids overlap → settled at the midpoint → both accept → agreement PDF; axe-clean on every page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from amicable.accounts.services import local_owner_ensure
from amicable.cases import services as case_services
from amicable.negotiation.models import Agreement, BidRound, Offer

from .conftest import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _case(owner):
    workspace = owner.memberships.get().workspace
    client = case_services.client_create(actor=owner, workspace=workspace, name="Northwind Studio",
                                         email="ap@northwind.example")
    engagement = case_services.engagement_create(actor=owner, client=client, title="Brand identity",
                                                 currency="EUR", rate="80")
    today = dt.date.today()
    case_services.milestone_add(actor=owner, engagement=engagement, title="Discovery", amount="1200",
                                status="accepted", delivered_on=today - dt.timedelta(days=40))
    case_services.milestone_add(actor=owner, engagement=engagement, title="Logo concepts", amount="1200",
                                status="delivered", delivered_on=today - dt.timedelta(days=20))
    case_services.milestone_add(actor=owner, engagement=engagement, title="Brand guide", amount="1600",
                                due_date=today + dt.timedelta(days=20))
    case_services.invoice_add(actor=owner, engagement=engagement, number="2026-031", amount="2400",
                              issue_date=today - dt.timedelta(days=30), due_date=today - dt.timedelta(days=10))
    return case_services.case_open(actor=owner, engagement=engagement, title="Unpaid brand work",
                                   dispute_types=["non_payment", "quality"], amount="2400", currency="EUR")


def test_it_negotiates_to_a_signed_agreement_with_the_client(new_page, browser, live_server):
    owner = local_owner_ensure()
    case = _case(owner)
    base = f"/cases/{case.pk}"
    page = new_page(owner)

    # Step 5: the calculator and the options, then an offer made from one of them.
    page.goto(f"{base}/negotiation/")
    page.get_by_role("heading", name="What is owed, on each basis").wait_for()
    check_accessibility(page, "neg-01-overview")
    option = page.get_by_role("article", name="Pay for the completed work")
    assert "EUR 2,400.00" in option.inner_text()
    option.get_by_role("link", name="Make this an offer").click()
    assert page.get_by_label("Amount").input_value() == "2400.00"
    check_accessibility(page, "neg-02-offer-form")
    page.get_by_role("button", name="Send offer").click()
    page.get_by_text("Offer sent.").wait_for()
    check_accessibility(page, "neg-03-offer")

    # Step 6: invite the client; the link is shown once (and emailed).
    page.goto(f"{base}/room/")
    page.locator("summary", has_text="Invite someone").click()
    page.get_by_label("Email address").fill("cal@northwind.example")
    page.get_by_label("Invite as").select_option("client")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Invitation sent to cal@northwind.example").wait_for()
    link = page.locator(".notice code").inner_text()
    check_accessibility(page, "neg-04-room-owner")

    # The client, in a second browser, joins and counters.
    guest = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    cpage = guest.new_page()
    cpage.set_default_timeout(10_000)
    cpage.goto(link)
    check_accessibility(cpage, "neg-05-invitation")
    cpage.get_by_label("Your name").fill("Cal Client")
    cpage.get_by_role("button", name="Join the room").click()
    cpage.get_by_text("Welcome to the case room, Cal Client.").wait_for()
    check_accessibility(cpage, "neg-06-room-client")
    cpage.get_by_role("link", name="Offer from the freelancer: EUR 2,400.00").click()
    cpage.get_by_role("link", name="Make a counter-offer").click()
    cpage.get_by_label("Amount").fill("1800")
    cpage.get_by_role("button", name="Send counter-offer").click()  # the instalments still say 2,400
    cpage.get_by_text("The instalments add up to EUR 2,400.00, not the offered EUR 1,800.00.").wait_for()
    check_accessibility(cpage, "neg-06b-counter-error")
    cpage.get_by_label("Instalments").fill("")
    cpage.get_by_label("Message").fill("We can pay 1,800 now for what we have.")
    cpage.get_by_role("button", name="Send counter-offer").click()
    cpage.get_by_text("Counter-offer sent.").wait_for()
    assert Offer.objects.get(parent__isnull=True).status == "countered"

    # Both enter blind bids that overlap: the freelancer's floor 2,100, the client's ceiling 2,200.
    page.goto(f"{base}/negotiation/bids/")
    page.get_by_role("button", name="Open round 1").click()
    page.get_by_label("Your confidential figure").fill("2100")
    page.get_by_role("button", name="Enter my figure").click()
    page.get_by_text("Your figure is in.").wait_for()
    check_accessibility(page, "neg-07-bids-owner")
    cpage.goto(f"{base}/negotiation/bids/")
    assert "2100" not in cpage.content() and "2,100" not in cpage.content()
    cpage.get_by_label("Your confidential figure").fill("2200")
    cpage.get_by_role("button", name="Enter my figure").click()
    cpage.get_by_text("Both figures are in: the case settled.").wait_for()
    assert BidRound.objects.get().settled_amount == Decimal("2150.00")
    check_accessibility(cpage, "neg-08-bids-client")

    # Both accept the agreement; the PDF is produced and both acceptances are in the log.
    cpage.get_by_role("link", name="open it").click()
    cpage.get_by_role("button", name="I accept this agreement").click()
    cpage.get_by_text("Your acceptance is recorded.").wait_for()
    page.goto(f"{base}/room/")
    page.get_by_role("link", name="Open the agreement").click()
    page.get_by_role("button", name="I accept this agreement").click()
    page.get_by_text("Agreement signed by both parties.").wait_for()
    check_accessibility(page, "neg-09-agreement")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the agreement (PDF)").click()
    assert download.value.suggested_filename == f"agreement-case-{case.pk}.pdf"

    agreement = Agreement.objects.get()
    assert agreement.status == "agreed" and bytes(agreement.pdf).startswith(b"%PDF")
    accepted = list(case.events.filter(kind="negotiation.agreement_accepted").values_list("summary", flat=True))
    assert any("Cal Client accepted the agreement (client)" in s for s in accepted)
    assert any("accepted the agreement (freelancer)" in s for s in accepted)
    assert case.events.filter(kind="negotiation.agreement_agreed").exists()
    guest.close()
