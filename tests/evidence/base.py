"""Shared set-up for the evidence tests: a private blob store per test class and small source files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.test import override_settings

from amicable.test import BaseTestCase

MBOX = b"""From alice@example.com Mon Mar  2 10:00:00 2026
From: Alice Owner <alice@example.com>
To: Carol Client <carol@northwind.example>
Subject: Invoice INV-7 for the website
Date: Mon, 02 Mar 2026 10:00:00 +0100
Message-ID: <m1@example.com>

Hello Carol, please find the invoice for the five pages.

From carol@northwind.example Tue Mar  3 09:30:00 2026
From: Carol Client <carol@northwind.example>
To: Alice Owner <alice@example.com>
Subject: Re: Invoice INV-7 for the website
Date: Tue, 03 Mar 2026 09:30:00 +0100
Message-ID: <m2@example.com>
In-Reply-To: <m1@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

We also need a sixth page for the blog; I will pay when it is done.
--XX
Content-Type: application/pdf
Content-Disposition: attachment; filename="brief.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSPj4Kc3RyZWFtCg==
--XX--

"""

WHATSAPP = (
    "12/03/2026, 14:05 - Carol Client: Can you add the blog page too?\n"
    "12/03/2026, 14:07 - Alice Owner: Sure, that is a scope change: 300 EUR extra.\n"
    "12/03/2026, 14:09 - Carol Client: OK, agreed. I promise to pay by Friday.\n"
)


class VaultTestCase(BaseTestCase):
    """BaseTestCase with its own blob storage directory and helpers to write source files."""

    @classmethod
    def setUpClass(cls) -> None:
        cls._files_dir = tempfile.mkdtemp(prefix="amicable-test-files-")
        cls._storage = override_settings(STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                        "OPTIONS": {"location": cls._files_dir, "base_url": None}},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        })
        cls._storage.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls._storage.disable()
        shutil.rmtree(cls._files_dir, ignore_errors=True)

    def setUp(self) -> None:
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="amicable-test-src-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def write(self, name: str, data: bytes | str) -> Path:
        path = self.tmp / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    def blob_path(self, sha256: str) -> Path:
        return Path(self._files_dir) / "blobs" / sha256[:2] / sha256[2:4] / sha256
