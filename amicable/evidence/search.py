"""Full-text search over a case's evidence: one interface, two engines.

* SQLite (local mode): an FTS5 external-content table ``evidence_item_fts`` over the item table,
  kept in step by triggers, ranked by bm25 (subject weighs most), snippets by ``snippet()``.
* PostgreSQL (server mode): a stored generated ``tsvector`` column with a GIN index, ranked by
  ``ts_rank_cd``, snippets by ``ts_headline``.

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


def fts5_query(terms: list[Term]) -> str:
    """Return an FTS5 MATCH expression for the terms, restricted to the text columns."""
    parts = []
    for t in terms:
        quoted = '"' + " ".join(w.replace('"', '""') for w in t.words) + '"'
        parts.append(quoted + ("*" if t.prefix and len(t.words) == 1 else ""))
    return "{subject body author participants} : (" + " AND ".join(parts) + ")"


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


def highlight(raw: str) -> str:
    """Return snippet text as safe HTML: escaped, with the engine's match markers as <mark>."""
    return html.escape(raw or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


@dataclass
class Hit:
    item_id: int
    snippet: str  # safe HTML


def search_ids(*, case_id: int, query: str, visibility: list[str] | None = None, limit: int = 20,
               offset: int = 0) -> list[Hit]:
    """Return the best matches of ``query`` among the case's current items (corrected ones left out).

    ``visibility`` restricts to items with those visibility values (for room participants).
    """
    terms = parse_query(query)
    if not terms or limit <= 0:
        return []
    vis_sql, vis_params = "", []
    if visibility is not None:
        vis_sql = " AND i.visibility IN (" + ",".join(["%s"] * len(visibility)) + ")" if visibility else " AND 0=1"
        vis_params = list(visibility)
    not_corrected = _q(" AND NOT EXISTS (SELECT 1 FROM @TABLE@ c WHERE c.corrects_id = i.id)")
    if connection.vendor == "sqlite":
        sql = _q(
            "SELECT i.id, snippet(@FTS@, 2, %s, %s, '…', 16), snippet(@FTS@, 1, %s, %s, '…', 16),"
            " snippet(@FTS@, 3, %s, %s, '…', 8) FROM @FTS@ f JOIN @TABLE@ i ON i.id = f.rowid "
            "WHERE @FTS@ MATCH %s AND i.case_id = %s @VIS@ @NC@ "
            "ORDER BY bm25(@FTS@, 0.0, 8.0, 1.0, 3.0, 2.0), i.id DESC LIMIT %s OFFSET %s"
        )
        match = f'case_id : "{int(case_id)}" AND ' + fts5_query(terms)
        params = [*(MARK_START, MARK_END) * 3, match, case_id, *vis_params, limit, offset]
    elif connection.vendor == "postgresql":
        sql = _q(
            "WITH q AS (SELECT to_tsquery('simple', %s) AS q), hits AS ("
            " SELECT i.id, i.subject, i.body, ts_rank_cd(i.search_vector, q.q) AS r FROM @TABLE@ i, q"
            " WHERE i.case_id = %s AND i.search_vector @@ q.q @VIS@ @NC@"
            " ORDER BY r DESC, i.id DESC LIMIT %s OFFSET %s)"
            " SELECT hits.id, ts_headline('simple', coalesce(nullif(left(hits.body, 100000), ''), hits.subject),"
            " q.q, %s) FROM hits, q ORDER BY hits.r DESC, hits.id DESC"
        )
        options = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=10, MaxFragments=2, "
                   "FragmentDelimiter=…")
        params = [tsquery(terms), case_id, *vis_params, limit, offset, options]
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"search is not available on {connection.vendor}")
    sql = sql.replace("@VIS@", vis_sql).replace("@NC@", not_corrected)
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return [Hit(row[0], highlight(_best(row[1:]))) for row in cur.fetchall()]


def _best(snippets: tuple[str, ...]) -> str:
    """Return the first snippet that shows a match (body, then subject, then author), else the first."""
    for text in snippets:
        if text and MARK_START in text:
            return text
    return snippets[0] or ""


def search_items(*, case_id: int, query: str, visibility: list[str] | None = None, limit: int = 20,
                 offset: int = 0) -> list[tuple[EvidenceItem, str]]:
    """Return (item, snippet HTML) pairs for the best matches, best first."""
    hits = search_ids(case_id=case_id, query=query, visibility=visibility, limit=limit, offset=offset)
    items = EvidenceItem.objects.in_bulk([h.item_id for h in hits])
    return [(items[h.item_id], h.snippet) for h in hits if h.item_id in items]
