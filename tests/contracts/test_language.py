from pathlib import Path

from amicable.contracts.analyze import analyze_document, analyze_text
from amicable.contracts.language import contract_likelihood, detect_language

from . import samples

FRENCH = ("CONTRAT DE PRESTATION\n\n1. Objet\n\nLe prestataire s'engage à réaliser le site internet du client dans "
          "les délais prévus. Le client s'engage à fournir les contenus nécessaires.\n\n2. Prix\n\nLe prix est de "
          "3 000 euros, payable à trente jours à compter de la date de la facture. En cas de retard, des pénalités "
          "sont dues par le client et une indemnité forfaitaire de 40 euros.")
GERMAN = ("DIENSTLEISTUNGSVERTRAG\n\n§ 1 Gegenstand\n\nDer Auftragnehmer erstellt für den Auftraggeber eine "
          "Webseite. Die Vergütung ist innerhalb von 14 Tagen nach Rechnungsstellung zu zahlen, und bei Verzug "
          "werden Zinsen fällig. Das Recht der Bundesrepublik Deutschland ist anzuwenden und es gilt die Frist.")
RECIPE = ("Lemon cake\n\nYou need three eggs, two hundred grams of flour, a lemon and some sugar. Beat the eggs "
          "with the sugar until pale, fold in the flour and the zest of the lemon, then bake for forty minutes in "
          "a warm oven. Let it cool before you slice it and serve it with tea in the garden.")
INVOICE = ("INVOICE\n\nInvoice number: 2026-014\nInvoice date: 3 March 2026\nBill to: Acme Ltd\n\nLogo design  "
           "$1,200\nSubtotal $1,200\nTotal due $1,200\n\nThank you for your business.")


def test_it_detects_english_and_other_languages():
    assert detect_language(Path(__file__).with_name("samples.py").read_text()).code == "en"
    assert detect_language(FRENCH).code == "fr"
    assert detect_language(GERMAN).code == "de"
    assert detect_language("too short").confidence == 0.0


def test_it_warns_that_typing_is_english_only_and_keeps_the_outline():
    a = analyze_text(FRENCH)
    assert a.language.name == "French"
    assert [w.code for w in a.warnings] == ["not_english"]
    assert "French" in a.warnings[0].message and "English only" in a.warnings[0].message
    assert [c.number for c in a.clauses if c.number] == ["1", "2"]
    assert all(not c.types for c in a.clauses) and a.terms == [] and a.health == []


def test_it_says_when_a_file_is_not_a_contract():
    a = analyze_text(RECIPE)
    assert not a.is_contract
    assert [w.code for w in a.warnings] == ["not_a_contract"]
    assert a.health == []
    invoice = contract_likelihood(INVOICE)
    assert not invoice.is_contract and "invoice" in invoice.message


def test_it_accepts_a_real_contract():
    a = analyze_document(samples.as_markdown(), "c.md")
    assert a.is_contract and a.warnings == []
