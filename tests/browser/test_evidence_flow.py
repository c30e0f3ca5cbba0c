"""The evidence vault in a real browser: drop an mbox and a WhatsApp export, see one timeline, find a
message through search, check an item's proof; axe-clean on each page."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from amicable.accounts.models import Membership
from amicable.accounts.services import local_owner_ensure
from amicable.evidence.models import EvidenceItem
from amicable.test import make_case
from tests.evidence.base import MBOX, WHATSAPP

from .conftest import check_accessibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def files_dir(settings):
    folder = tempfile.mkdtemp(prefix="amicable-browser-files-")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": folder, "base_url": None}}}
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


def test_it_imports_mail_and_chat_and_finds_a_message(new_page, files_dir, tmp_path):
    owner = local_owner_ensure()
    case = make_case(owner, Membership.objects.get(user=owner).workspace)
    mbox = tmp_path / "northwind.mbox"
    mbox.write_bytes(MBOX)
    chat = tmp_path / "WhatsApp Chat with Carol.txt"
    chat.write_text(WHATSAPP)

    page = new_page(owner)
    page.goto(f"/cases/{case.pk}/evidence/")
    page.get_by_role("heading", name="Step 8 · Document everything").wait_for()
    page.get_by_text("No evidence yet").wait_for()
    check_accessibility(page, "evidence-01-empty")

    page.set_input_files("#ev-files", [str(mbox), str(chat)])
    page.get_by_text("northwind.mbox, WhatsApp Chat with Carol.txt").wait_for()
    page.get_by_label("Time zone of chat exports").select_option("Europe/Berlin")
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Can you add the blog page too?").wait_for()  # the page reloads with the timeline
    page.get_by_text("Invoice INV-7 for the website").first.wait_for()
    assert EvidenceItem.objects.filter(case=case).count() == 5
    check_accessibility(page, "evidence-02-timeline")

    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Search the evidence").fill('"sixth page"')
    result = page.locator(".ev-results li").first
    result.wait_for()
    assert "sixth page" in result.inner_text().lower()
    assert page.locator(".ev-results mark").count() >= 1
    check_accessibility(page, "evidence-03-search")

    result.get_by_role("link").click()
    page.get_by_role("heading", name="Proof it has not changed").wait_for()
    page.get_by_text("verified").wait_for()
    check_accessibility(page, "evidence-04-item")
