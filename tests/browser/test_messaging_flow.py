"""Issue 5's walk-through: two concerns, an angry reply, the coach's calmer wording, the clarifying
questions, and sending by SMTP (a local stub server); axe-clean on each page."""

from __future__ import annotations

import re

import pytest

from amicable.accounts.services import local_owner_ensure
from amicable.messaging.models import Concern, Message
from amicable.test import make_case

from ..messaging.stubs import SmtpStub
from .conftest import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANGRY = ("You NEVER pay on time!!! Per my last email, this is ridiculous. "
         "Obviously you don't care about my work. Pay now.")


def test_it_coaches_an_angry_reply_into_a_calm_sent_message(new_page):
    owner = local_owner_ensure()
    case = make_case(owner, owner.memberships.get().workspace, types=("non_payment", "quality"))
    page = new_page(owner)

    page.goto(f"/cases/{case.pk}/concerns/")
    for quote, kind in (("The homepage does not match the mockup we approved.", "quality"),
                        ("We won't pay until the contact form works on mobile.", "quality")):
        page.locator("#id_quote").fill(quote)
        page.locator("#id_type").select_option(kind)
        page.get_by_role("button", name="Record concern").click()
        page.get_by_text(quote).first.wait_for()
    check_accessibility(page, "msg-01-concerns")
    assert Concern.objects.filter(case=case).count() == 2

    with SmtpStub("accept") as smtp:
        page.goto("/settings/email/")
        page.get_by_label("SMTP server").fill("127.0.0.1")
        page.locator("#id_port").fill(str(smtp.port))
        page.locator("#id_security").select_option("none")
        page.get_by_label("From address").fill("alice@example.com")
        page.get_by_role("button", name=re.compile("Save")).click()

        page.goto(f"/cases/{case.pk}/messages/")
        page.get_by_role("button", name="Start").click()
        page.get_by_role("heading", name="Tone coach").wait_for()
        page.locator("#id_to_email").fill("ap@example.com")
        body = page.locator("#id_body")
        body.fill("")
        body.press_sequentially(ANGRY, delay=2)
        panel = page.locator("#tone-panel")
        panel.get_by_text("Heated: wait before sending").or_(panel.get_by_text("Worth revising")).wait_for()
        assert panel.locator(".finding").count() >= 3
        check_accessibility(page, "msg-02-angry-draft")

        page.get_by_role("button", name="Accept all calmer wording").click()
        page.get_by_role("heading", name="Tone coach").wait_for()
        calmer = page.locator("#id_body").input_value()
        assert "NEVER" not in calmer and "!!!" not in calmer and "Per my last email" not in calmer

        page.goto(f"/cases/{case.pk}/questions/")
        page.get_by_role("button", name="Add the chosen questions").click()
        page.get_by_role("heading", name="Tone coach").wait_for()
        with_questions = page.locator("#id_body").input_value()
        assert "?" in with_questions
        check_accessibility(page, "msg-03-with-questions")

        page.locator("#id_to_email").fill("ap@example.com")
        page.get_by_role("button", name="Save draft").click()
        page.get_by_role("button", name=re.compile("Send by email")).click()
        page.get_by_text(re.compile("[Ss]ent")).first.wait_for()
        assert len(smtp.received) == 1

    message = Message.objects.get(case=case)
    assert message.to_email == "ap@example.com" and "?" in message.body
    check_accessibility(page, "msg-04-sent")
