"""Full-text search over a case's evidence: one interface, two engines.

* SQLite (local mode): an FTS5 external-content table ``evidence_item_fts`` over the item table,
  kept in step by triggers, ranked by bm25 (subject weighs most).
* PostgreSQL (server mode): a stored generated ``tsvector`` column with a GIN index, ranked by
  ``ts_rank_cd``.

Snippets are cut here, from the page of results, the same way for both engines.

Both are created by migration 0002 (``install_sql``). The query language is the same on both: words
must all appear (in any field); ``"two words"`` is a phrase; a trailing ``*`` matches a prefix
(``invoic*``). Anything else in the query is ignored, so user input can never break the SQL.

All SQL here is built from module constants (``_q`` fills in the table names) and placeholders only,
never from user text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.db import connection

from .models import EvidenceItem

TABLE = "evidence_evidenceitem"
FTS = "evidence_item_fts"
MARK_START, MARK_END = "\x02", "\x03"
MAX_TERMS = 12
CANDIDATES = 1000  # matches ranked per query, newest first (bounds the cost of very common words)
SNIPPET_CHARS = 180
SNIPPET_SCAN = 200_000  # look for a match in the first 200,000 characters of a text
_TOKEN = re.compile(r'"([^"]*)"|(\w+)(\*?)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)


def _q(sql: str) -> str:
    """Fill the table names into a statement written with @FTS@ / @TABLE@ markers."""
    return sql.replace("@FTS@", FTS).replace("@TABLE@", TABLE)


def _q_all(statements: list[str]) -> list[str]:
    return [_q(s) for s in statements]


SQLITE_SQL = _q_all([
    """CREATE VIRTUAL TABLE IF NOT EXISTS @FTS@ USING fts5(
        case_id, subject, body, author, participants,
        content='@TABLE@', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS @FTS@_ai AFTER INSERT ON @TABLE@ BEGIN
        INSERT INTO @FTS@(rowid, case_id, subject, body, author, participants)
        VALUES (new.id, new.case_id, new.subject, new.body, new.author, new.participants);
    END""",
    """CREATE TRIGGER IF NOT EXISTS @FTS@_ad AFTER DELETE ON @TABLE@ BEGIN
        INSERT INTO @FTS@(@FTS@, rowid, case_id, subject, body, author, participants)
        VALUES ('delete', old.id, old.case_id, old.subject, old.body, old.author, old.participants);
    END""",
    """CREATE TRIGGER IF NOT EXISTS @FTS@_au AFTER UPDATE OF subject, body, author, participants
        ON @TABLE@ BEGIN
        INSERT INTO @FTS@(@FTS@, rowid, case_id, subject, body, author, participants)
        VALUES ('delete', old.id, old.case_id, old.subject, old.body, old.author, old.participants);
        INSERT INTO @FTS@(rowid, case_id, subject, body, author, participants)
        VALUES (new.id, new.case_id, new.subject, new.body, new.author, new.participants);
    END""",
    "INSERT INTO @FTS@(@FTS@) VALUES ('rebuild')",
])
SQLITE_UNDO = _q_all([f"DROP TRIGGER IF EXISTS @FTS@_{s}" for s in ("ai", "ad", "au")] + ["DROP TABLE IF EXISTS @FTS@"])

POSTGRES_SQL = _q_all([
    """ALTER TABLE @TABLE@ ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(subject, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig,
                              coalesce(author, '') || ' ' || coalesce(participants::text, '')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, left(coalesce(body, ''), 300000)), 'C')
    ) STORED""",
    "CREATE INDEX IF NOT EXISTS evidence_item_search ON @TABLE@ USING GIN (search_vector)",
])
POSTGRES_UNDO = _q_all([
    "DROP INDEX IF EXISTS evidence_item_search",
    "ALTER TABLE @TABLE@ DROP COLUMN IF EXISTS search_vector",
])


def install_sql(vendor: str, *, undo: bool = False) -> list[str]:
    """Return the statements that create (or drop) the search index for a database vendor."""
    if vendor == "sqlite":
        return SQLITE_UNDO if undo else SQLITE_SQL
    if vendor == "postgresql":
        return POSTGRES_UNDO if undo else POSTGRES_SQL
    return []


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase
    prefix: bool = False


def parse_query(text: str) -> list[Term]:
    """Return the terms of a user query: words, "quoted phrases", and word* prefixes."""
    terms: list[Term] = []
    for m in _TOKEN.finditer(text or ""):
        phrase, word, star = m.group(1), m.group(2), m.group(3)
        if phrase is not None:
            words = tuple(w.lower() for w in _WORD.findall(phrase))
            if words:
                terms.append(Term(words))
        elif word:
            terms.append(Term((word.lower(),), prefix=bool(star)))
        if len(terms) >= MAX_TERMS:
            break
    return terms


TEXT_COLUMNS = "subject body author participants"


def fts5_query(terms: list[Term], columns: str = TEXT_COLUMNS, case_id: int | None = None) -> str:
    """Return an FTS5 MATCH expression for the terms in ``columns`` (optionally only in one case)."""
    parts = []
    for t in terms:
        quoted = '"' + " ".join(w.replace('"', '""') for w in t.words) + '"'
        parts.append(quoted + ("*" if t.prefix and len(t.words) == 1 else ""))
    expression = "{" + columns + "} : (" + " AND ".join(parts) + ")"
    return expression if case_id is None else f'case_id : "{int(case_id)}" AND {expression}'



def tsquery(terms: list[Term]) -> str:
    """Return a PostgreSQL to_tsquery('simple', …) expression for the terms."""
    parts = []
    for t in terms:
        lexemes = ["'" + w.replace("'", "''").replace("\\", "") + "'" for w in t.words]
        if len(lexemes) == 1:
            parts.append(lexemes[0] + (":*" if t.prefix else ""))
        else:
            parts.append("(" + " <-> ".join(lexemes) + ")")
    return " & ".join(parts)


def _term_pattern(terms: list[Term]) -> re.Pattern[str]:
    parts = []
    for t in terms:
        words = [re.escape(w) for w in t.words]
        tail = r"\w*" if t.prefix else r"\b"
        parts.append(r"\b" + r"\W+".join(words) + tail)
    return re.compile("|".join(parts), re.IGNORECASE | re.UNICODE)


def make_snippet(texts: list[str], terms: list[Term], width: int = SNIPPET_CHARS) -> str:
    """Return safe HTML: a window of the first text where a term occurs, matches in <mark>.

    Computed here (not by the engine) so both engines give the same snippets, at a cost bounded by the
    page size rather than by the documents' length in the index.
    """
    pattern = _term_pattern(terms)
    for text in texts:
        if not text:
            continue
        head = text[:SNIPPET_SCAN]
        found = pattern.search(head)
        if found is None:
            continue
        start = max(0, found.start() - width // 3)
        if start:
            space = head.find(" ", start, found.start())
            start = space + 1 if space >= 0 else start
        window = " ".join(head[start : start + width].split())
        body = pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, window)
        prefix = "…" if start else ""
        suffix = "…" if start + width < len(text) else ""
        return highlight(prefix + body + suffix)
    first = next((t for t in texts if t), "")
    return highlight(" ".join(first[:width].split()) + ("…" if len(first) > width else ""))


def highlight(raw: str) -> str:
    """Return snippet text as safe HTML: escaped, with the match markers as <mark>."""
    return html.escape(raw or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


@dataclass
class Hit:
    item_id: int
    snippet: str  # safe HTML


# Rare words: bm25 over all their matches (its IDF statistics read each word's whole posting list,
# which is cheap only when the word is rare).
SQLITE_SEARCH = _q(
    "WITH c AS (SELECT rowid AS id, bm25(@FTS@, 0.0, 8.0, 1.0, 3.0, 2.0) AS score FROM @FTS@"
    " WHERE @FTS@ MATCH %s ORDER BY rowid DESC LIMIT %s)"
    " SELECT i.id, i.subject, i.body, i.author FROM c JOIN @TABLE@ i ON i.id = c.id"
    " WHERE i.case_id = %s @VIS@ @NC@ ORDER BY c.score, i.id DESC LIMIT %s OFFSET %s"
)
# A common word: the newest matches (reading only the first postings in rowid order, so the cost
# does not grow with the index), then ranked here: subject matches first, then the newest.
SQLITE_SEARCH_COMMON = _q(
    "WITH c AS (SELECT rowid AS id FROM @FTS@ WHERE @FTS@ MATCH %s ORDER BY rowid DESC LIMIT %s)"
    " SELECT i.id, i.subject FROM c JOIN @TABLE@ i ON i.id = c.id WHERE i.case_id = %s @VIS@ @NC@"
)
PAGE_ROWS = _q("SELECT id, subject, body, author FROM @TABLE@ WHERE id IN (@IDS@)")
SQLITE_PROBE = _q("SELECT count(*) FROM (SELECT rowid FROM @FTS@ WHERE @FTS@ MATCH %s LIMIT %s)")
POSTGRES_SEARCH = _q(
    "WITH q AS (SELECT to_tsquery('simple', %s) AS q),"
    " c AS (SELECT i.id, i.search_vector FROM @TABLE@ i, q WHERE i.case_id = %s AND i.search_vector @@ q.q"
    " @VIS@ @NC@ ORDER BY i.id DESC LIMIT %s)"
    " SELECT i.id, i.subject, i.body, i.author FROM c JOIN @TABLE@ i ON i.id = c.id, q"
    " ORDER BY ts_rank_cd(c.search_vector, q.q) DESC, i.id DESC LIMIT %s OFFSET %s"
)


def _rows(sql: str, params: list[object]) -> list[tuple[int, str, str, str]]:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return list(cur.fetchall())


def _page_by_subject(found: list[tuple[int, str]], terms: list[Term], limit: int, offset: int
                     ) -> list[tuple[int, str, str, str]]:
    """Order candidates with the terms in their subject first, then newest; return the page's rows."""
    pattern = _term_pattern(terms)
    ranked = sorted(found, key=lambda row: (pattern.search(row[1] or "") is None, -row[0]))
    ids = [row[0] for row in ranked[offset : offset + limit]]
    if not ids:
        return []
    rows = {row[0]: row for row in _rows(PAGE_ROWS.replace("@IDS@", ",".join(["%s"] * len(ids))), list(ids))}
    return [rows[i] for i in ids if i in rows]


def _common(terms: list[Term], n: int) -> bool:
    """Return True when any term has more than ``n`` matches in the whole index."""
    return any(_rows(SQLITE_PROBE, [fts5_query([t]), n + 1])[0][0] > n for t in terms)


def _sqlite_search(case_id: int, terms: list[Term], filters: str, params: list[str], limit: int, offset: int
                   ) -> list[tuple[int, str, str, str]]:
    n = max(CANDIDATES, limit + offset)
    common = _common(terms, n)
    tail = [case_id, *params, limit, offset]

    def run(scope: int | None) -> list[tuple[int, str, str, str]]:
        everywhere = fts5_query(terms, case_id=scope)
        if common:
            found = _rows(SQLITE_SEARCH_COMMON.replace("@VIS@ @NC@", filters), [everywhere, n, case_id, *params])
            return _page_by_subject(found, terms, limit, offset)
        return _rows(SQLITE_SEARCH.replace("@VIS@ @NC@", filters), [everywhere, n, *tail])

    rows = run(None)
    if len(rows) < limit:
        # Few of the newest matches are in this case (other cases, or hidden items): ask the index
        # for this case's matches only (slower: it intersects with the case's postings).
        rows = run(case_id)
    return rows


def search_ids(*, case_id: int, query: str, visibility: list[str] | None = None, limit: int = 20,
               offset: int = 0) -> list[Hit]:
    """Return the best matches of ``query`` among the case's current items (corrected ones left out).

    ``visibility`` restricts to items with those visibility values (for room participants). On SQLite,
    words with at most CANDIDATES matches are ranked by bm25 over all their matches; a query with a
    commoner word ranks the newest CANDIDATES matches, subject matches first (bm25 would read the
    word's whole posting list). On PostgreSQL, ts_rank_cd ranks the newest CANDIDATES matches.
    """
    terms = parse_query(query)
    if not terms or limit <= 0:
        return []
    vis_sql, vis_params = "", []
    if visibility is not None:
        vis_sql = " AND i.visibility IN (" + ",".join(["%s"] * len(visibility)) + ")" if visibility else " AND 0=1"
        vis_params = list(visibility)
    not_corrected = _q(" AND NOT EXISTS (SELECT 1 FROM @TABLE@ x WHERE x.corrects_id = i.id)")
    wanted = limit + offset
    if connection.vendor == "sqlite":
        rows = _sqlite_search(case_id, terms, vis_sql + not_corrected, vis_params, limit, offset)
    elif connection.vendor == "postgresql":
        sql = POSTGRES_SEARCH.replace("@VIS@ @NC@", vis_sql + not_corrected)
        rows = _rows(sql, [tsquery(terms), case_id, *vis_params, max(CANDIDATES, wanted), limit, offset])
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"search is not available on {connection.vendor}")
    return [Hit(row[0], make_snippet([row[2], row[1], row[3]], terms)) for row in rows]


def search_items(*, case_id: int, query: str, visibility: list[str] | None = None, limit: int = 20,
                 offset: int = 0) -> list[tuple[EvidenceItem, str]]:
    """Return (item, snippet HTML) pairs for the best matches, best first."""
    hits = search_ids(case_id=case_id, query=query, visibility=visibility, limit=limit, offset=offset)
    items = EvidenceItem.objects.in_bulk([h.item_id for h in hits])
    return [(items[h.item_id], h.snippet) for h in hits if h.item_id in items]
