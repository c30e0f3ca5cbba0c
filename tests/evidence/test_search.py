from amicable.evidence import services
from amicable.evidence.search import fts5_query, parse_query, search_items, tsquery

from .base import VaultTestCase


def test_it_parses_words_phrases_and_prefixes():
    terms = parse_query('Invoice "sixth page" pay* ; DROP TABLE x')
    assert [(t.words, t.prefix) for t in terms] == [
        (("invoice",), False), (("sixth", "page"), False), (("pay",), True), (("drop",), False),
        (("table",), False), (("x",), False),
    ]


def test_it_builds_safe_engine_queries():
    terms = parse_query('o\'brien "a b" pay*')
    assert fts5_query(terms) == '{subject body author participants} : ("o" AND "brien" AND "a b" AND "pay"*)'
    assert tsquery(terms) == "'o' & 'brien' & ('a' <-> 'b') & 'pay':*"


class SearchTests(VaultTestCase):
    def setUp(self):
        super().setUp()
        self.invoice = services.evidence_file_item(
            actor=self.owner, case=self.case, kind="email", subject="Invoice INV-7",
            body="Hello Carol, the invoice for the five pages is attached. <b>Thanks</b>")
        self.chat = services.evidence_file_item(actor=self.owner, case=self.case, kind="chat_message",
                                                body="We need a sixth page for the blog.", author="Carol Client")
        services.evidence_file_item(actor=self.stranger, case=self.stranger_case, kind="note",
                                    body="Another invoice entirely")

    def test_it_finds_words_in_this_case_only_with_highlighted_snippets(self):
        hits = search_items(case_id=self.case.pk, query="invoice")
        assert [item.pk for item, _ in hits] == [self.invoice.pk]
        snippet = hits[0][1]
        assert "<mark>invoice</mark>" in snippet.lower() and "<b>" not in snippet  # escaped or dropped

    def test_it_matches_phrases_prefixes_and_authors(self):
        assert [i.pk for i, _ in search_items(case_id=self.case.pk, query='"sixth page"')] == [self.chat.pk]
        assert [i.pk for i, _ in search_items(case_id=self.case.pk, query='"page sixth"')] == []
        assert [i.pk for i, _ in search_items(case_id=self.case.pk, query="invo*")] == [self.invoice.pk]
        assert [i.pk for i, _ in search_items(case_id=self.case.pk, query="carol client")] == [self.chat.pk]

    def test_it_hides_what_the_viewer_may_not_see(self):
        assert search_items(case_id=self.case.pk, query="invoice", visibility=["shared"]) == []
        services.item_set_visibility(actor=self.owner, item=self.invoice, visibility="shared")
        assert len(search_items(case_id=self.case.pk, query="invoice", visibility=["shared"])) == 1

    def test_it_follows_redactions_and_corrections(self):
        services.item_redact(actor=self.owner, item=self.chat, fields=["body"], reason="private")
        assert search_items(case_id=self.case.pk, query="sixth") == []
        new = services.item_correct(actor=self.owner, item=self.invoice, reason="typo", body="the bill for five pages")
        assert [i.pk for i, _ in search_items(case_id=self.case.pk, query="bill")] == [new.pk]
        assert [i.pk for i, _ in search_items(case_id=self.case.pk, query="pages")] == [new.pk]

    def test_it_returns_nothing_for_an_empty_or_symbol_query(self):
        assert search_items(case_id=self.case.pk, query="  ") == []
        assert search_items(case_id=self.case.pk, query="*&^%") == []


def test_it_cuts_a_snippet_around_the_first_match():
    from amicable.evidence.search import make_snippet

    text = "Intro words. " * 30 + "Please pay the INVOICE by Friday <script>. " + "Tail words. " * 30
    snippet = make_snippet([text], parse_query("invoice friday"))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>INVOICE</mark>" in snippet and "<mark>Friday</mark>" in snippet and "&lt;script&gt;" in snippet
    assert make_snippet(["", "Subject about refunds"], parse_query("refund*")) == "Subject about <mark>refunds</mark>"
    assert make_snippet(["no match here"], parse_query("zebra")) == "no match here"


class SearchCandidateTests(VaultTestCase):
    def test_it_still_finds_a_case_whose_matches_are_not_the_newest(self):
        from unittest import mock

        mine = services.evidence_file_item(actor=self.owner, case=self.case, kind="note", body="invoice one")
        for i in range(3):
            services.evidence_file_item(actor=self.stranger, case=self.stranger_case, kind="note",
                                        body=f"invoice other {i}")
        with mock.patch("amicable.evidence.search.CANDIDATES", 1):
            assert [i.pk for i, _ in search_items(case_id=self.case.pk, query="invoice")] == [mine.pk]


class CommonWordTests(VaultTestCase):
    def test_it_ranks_subject_matches_first_for_a_common_word(self):
        from unittest import mock

        body_only = services.evidence_file_item(actor=self.owner, case=self.case, kind="email", subject="Hello",
                                                body="the page is late")
        in_subject = services.evidence_file_item(actor=self.owner, case=self.case, kind="email",
                                                 subject="The page", body="see above")
        newest = services.evidence_file_item(actor=self.owner, case=self.case, kind="note", body="page two")
        with mock.patch("amicable.evidence.search.CANDIDATES", 2):  # "page" now counts as a common word
            found = [i.pk for i, _ in search_items(case_id=self.case.pk, query="page")]
        assert found[0] == in_subject.pk and set(found) >= {newest.pk, in_subject.pk}
        assert body_only.pk not in found[:1]
