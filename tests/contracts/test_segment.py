from amicable.contracts.extract import Heading
from amicable.contracts.segment import candidates, is_caps_heading, roman_value, segment


def outline(text, **kw):
    return [(c.number, c.heading, c.level, c.kind) for c in segment(text, **kw)]


def test_it_follows_decimal_numbering_and_sub_items():
    text = ("SERVICES AGREEMENT\n\nThis agreement is between A and B.\n\n1. Payment\n\n1.1 The fee is $100.\n\n"
            "(a) half on signing;\n\n(b) half on delivery.\n\n1.2 Invoices are due in 14 days.\n\n2. Termination\n\n"
            "Either party may end it.")
    assert outline(text) == [
        ("", "", 1, "preamble"), ("1", "Payment", 1, "clause"), ("1.1", "", 2, "clause"),
        ("(a)", "", 3, "clause"), ("(b)", "", 3, "clause"), ("1.2", "", 2, "clause"), ("2", "Termination", 1, "clause"),
    ]


def test_it_keeps_offsets_that_slice_the_text():
    text = "1. Fees\n\nThe fee is $5.\n\n2. Law\n\nEnglish law applies."
    clauses = segment(text)
    assert [text[c.start:c.end] for c in clauses] == ["1. Fees\n\nThe fee is $5.", "2. Law\n\nEnglish law applies."]


def test_it_does_not_take_a_wrapped_reference_for_a_clause():
    text = ("1. Payment\nThe Client pays as set out in clause\n5.2 applies to late amounts and the rest of the\n"
            "sentence goes on.\n2. Law\nEnglish law.")
    assert [c.number for c in segment(text)] == ["1", "2"]


def test_it_reads_i_as_a_letter_after_h_and_as_roman_elsewhere():
    items = "\n\n".join(f"({ch}) item {ch};" for ch in "abcdefghij")
    assert [c.number for c in segment("1. List\n\n" + items)][1:] == [f"({ch})" for ch in "abcdefghij"]
    roman = "1. List\n\n(a) first:\n\n(i) one;\n\n(ii) two;\n\n(b) second."
    assert outline(roman) == [("1", "List", 1, "clause"), ("(a)", "", 2, "clause"), ("(i)", "", 3, "clause"),
                              ("(ii)", "", 3, "clause"), ("(b)", "", 2, "clause")]


def test_it_reads_articles_with_their_heading_on_the_next_line_and_sections():
    text = ("ARTICLE I\nSERVICES\n\nSection 1.01 Scope. The work.\n\nSection 1.02 Changes. In writing.\n\n"
            "ARTICLE II\nFEES\n\nSection 2.01 Fees. $10 per hour.")
    assert outline(text) == [
        ("Article I", "SERVICES", 1, "clause"), ("Section 1.01", "Scope", 2, "clause"),
        ("Section 1.02", "Changes", 2, "clause"), ("Article II", "FEES", 1, "clause"),
        ("Section 2.01", "Fees", 2, "clause"),
    ]
    assert segment(text)[1].citation == "Section 1.01"


def test_it_reads_roman_headings_with_lettered_items():
    text = "I. SCOPE\n\nA. Translate.\n\nB. Proofread.\n\nC. Deliver.\n\nII. FEES\n\nA. EUR 0.10 per word."
    assert [(c.number, c.level) for c in segment(text)] == [("I.", 1), ("A.", 2), ("B.", 2), ("C.", 2), ("II.", 1),
                                                           ("A.", 2)]


def test_it_uses_all_caps_headings_when_there_are_no_numbers():
    text = "CONSULTING AGREEMENT\n\nBetween A and B.\n\nFEES\n\nThe fee is $10.\n\nLATE PAYMENT\n\nInterest applies."
    assert outline(text) == [("", "", 1, "preamble"), ("", "FEES", 1, "clause"), ("", "LATE PAYMENT", 1, "clause")]


def test_it_splits_a_letter_by_its_inline_headings():
    text = ("Dear Sam,\n\nThis letter sets out our terms.\n\nThe work. I will write ten articles.\n\n"
            "Fees: the fee is $900.\n\nTiming. Within two weeks.\n\nThis letter is our whole agreement.\n\n"
            "Yours sincerely,\n\nAlex")
    assert outline(text) == [("", "", 1, "preamble"), ("", "The work", 1, "clause"), ("", "Fees", 1, "clause"),
                             ("", "Timing", 1, "clause"), ("", "", 1, "clause"), ("", "Signatures", 1, "signature")]


def test_it_marks_definitions_and_splits_unnumbered_definition_lists():
    text = ('1. Definitions\n\n"Deliverables" means the logo.\n\n"Fee" means $100.\n\n2. Services\n\nThe work.')
    clauses = segment(text)
    assert [(c.kind, c.heading, c.level) for c in clauses] == [
        ("definitions", "Definitions", 1), ("definitions", "Deliverables", 2), ("definitions", "Fee", 2),
        ("clause", "Services", 1)]


def test_it_finds_the_signature_block_after_the_last_clause():
    text = ("1. Law\n\nEnglish law applies.\n\nIN WITNESS WHEREOF the parties sign.\n\nACME LTD\nBy: ______\n"
            "Name: A. Person")
    clauses = segment(text)
    assert clauses[-1].kind == "signature"
    assert clauses[-1].text.startswith("IN WITNESS WHEREOF")
    assert [c.kind for c in clauses] == ["clause", "signature"]


def test_it_recognises_a_cover_page():
    text = "SERVICES CONTRACT\n\nPrepared for: Bank\nVersion 2\n\n1. Parties\n\nA and B."
    pages = [0, text.index("1. Parties")]
    assert segment(text, pages=pages)[0].kind == "cover"
    assert segment(text, pages=pages)[1].page == 2


def test_it_uses_heading_hints_and_restarts_numbering_under_each_heading():
    text = "Contract\n\n1. Fees\n\n1. Deposit $5.\n\n2. Balance $5.\n\n2. Law\n\nIrish law."
    hints = [Heading(text.index("1. Fees"), 2), Heading(text.index("2. Law"), 2)]
    assert outline(text, headings=hints) == [("", "", 1, "preamble"), ("1", "Fees", 1, "clause"),
                                             ("1", "", 2, "clause"), ("2", "", 2, "clause"), ("2", "Law", 1, "clause")]
    assert segment(text, headings=hints)[2].citation == "clause 1(1)"


def test_it_reads_numbering_markers():
    assert [c.scheme for c in candidates("(i) one")] == ["paren_roman", "paren_alpha"]
    assert candidates("1.5% per month applies") == []
    assert candidates("Section 4.2 Fees")[0].value == (4, 2)
    assert roman_value("xiv") == 14 and roman_value("iiii") is None
    assert is_caps_heading("LIMITATION OF LIABILITY") and not is_caps_heading("The CLIENT shall pay.")


def test_it_returns_nothing_for_blank_text():
    assert segment("\n\n  \n") == []


def test_it_finds_numbers_buried_in_run_on_lines():
    body = " ".join(f"{n}. Heading {n}. The parties agree to the terms of this part, which run on for a while "
                    f"without any line break at all." for n in range(1, 6))
    text = "SERVICES AGREEMENT made between A and B. " + body
    clauses = segment(text)
    assert [c.number for c in clauses if c.number] == ["1", "2", "3", "4", "5"]
    assert text[clauses[1].start:].startswith("1. Heading 1.")
