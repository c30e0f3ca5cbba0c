"""Agreement document: fingerprint over canonical content; deterministic PDF with every acceptance."""

from datetime import UTC, date, datetime

import pypdfium2
import pytest

from amicable.mediation.agreement_doc import Acceptance, AgreementDoc, Party, render_pdf, term_lines
from amicable.negotiation.terms import validate_terms

TERMS = validate_terms(
    {
        "amount": "3800",
        "currency": "EUR",
        "instalments": [{"amount": "1900", "due": "2026-12-01"}, {"amount": "1900", "due": "2027-01-01"}],
        "conditions": ["Rights transfer on “full” payment"],
    },
    engagement_currency="EUR",
    today=date(2026, 11, 25),
)
AT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def doc(**kw):
    base = dict(
        case_label="Case 12: Logo project",
        recorded_at=AT,
        recorded_by="Mia Mediator",
        terms=TERMS,
        parties=(Party("freelancer", "Fay Freelancer", "fay@example.com"), Party("client", "Cal Client")),
        acceptances=(Acceptance("freelancer", "Fay Freelancer", AT), Acceptance("client", "Cal Client", AT)),
    )
    base.update(kw)
    return AgreementDoc(**base)


def test_it_lists_the_terms_in_plain_sentences():
    assert term_lines(TERMS) == [
        "Amount: EUR 3,800.00",
        "Instalment due 2026-12-01: EUR 1,900.00",
        "Instalment due 2027-01-01: EUR 1,900.00",
        "Condition: Rights transfer on “full” payment",
    ]


def test_it_fingerprints_the_content_so_any_change_shows():
    assert len(doc().fingerprint()) == 64
    assert doc().fingerprint() == doc().fingerprint()
    assert doc(acceptances=doc().acceptances[:1]).fingerprint() != doc().fingerprint()
    assert doc(recorded_by="Someone").fingerprint() != doc().fingerprint()


def pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def test_it_renders_the_same_pdf_for_the_same_agreement():
    pdf = render_pdf(doc())
    assert pdf.startswith(b"%PDF-") and pdf == render_pdf(doc())


@pytest.mark.parametrize("font", [None, ""], ids=["unicode-font-if-found", "built-in-font"])
def test_it_prints_terms_acceptances_and_fingerprint(font):
    text = " ".join(pdf_text(render_pdf(doc(), font=font)).split())
    for expected in (
        "Settlement agreement",
        "Amount: EUR 3,800.00",
        "Instalment due 2027-01-01: EUR 1,900.00",
        "Accepted by Fay Freelancer (freelancer) on 2026-11-25T12:00:00+00:00",
        "Accepted by Cal Client (client) on 2026-11-25T12:00:00+00:00",
        doc().fingerprint()[:40],
    ):
        assert expected in text
    assert "full" in text
