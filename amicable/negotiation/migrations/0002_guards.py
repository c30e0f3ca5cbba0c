"""Database-level guards, so no code path (a shell, a bug, a future feature) can rewrite history:

- a sent offer's content (terms, message, expiry, parties, thread) never changes; a final status
  (countered, accepted, rejected, expired, withdrawn) never changes; a sent offer never returns to draft;
- a bid figure, once entered, never changes, and a resolved round stays resolved;
- an agreed agreement's terms and acceptance never change.

Triggers for SQLite and PostgreSQL (both surface as IntegrityError: SQLite's RAISE(ABORT) is a constraint
error, PostgreSQL's raises SQLSTATE 23514 check_violation); other databases rely on the services alone.
Note: SQLite drops a table's triggers when Django rebuilds the table in a later migration; such a
migration must re-run `install`.
"""

from django.db import migrations

OFFER_FINAL = "('countered', 'accepted', 'rejected', 'expired', 'withdrawn')"
OFFER_CONTENT = ("terms", "message", "expires_at", "from_party", "case_id", "parent_id", "thread_root_id",
                 "author_id", "sent_at", "content_hash")
ROUND_FIXED = ("case_id", "number", "currency", "gap_percent", "reference_amount")
AGREEMENT_FIXED = ("case_id", "terms", "source", "offer_id", "bid_round_id", "agreed_at", "fingerprint",
                   "pdf_sha256")


def _changed(columns, op):
    return " OR ".join(f"NEW.{c} {op} OLD.{c}" for c in columns)


def _sqlite():
    return [
        f"""CREATE TRIGGER negotiation_offer_guard BEFORE UPDATE ON negotiation_offer FOR EACH ROW
        WHEN (OLD.status IN {OFFER_FINAL} AND NEW.status IS NOT OLD.status)
          OR (OLD.status = 'sent' AND NEW.status = 'draft')
          OR (OLD.status <> 'draft' AND ({_changed(OFFER_CONTENT, "IS NOT")}))
        BEGIN SELECT RAISE(ABORT, 'negotiation_offer_guard: a sent offer cannot change; make a counter-offer');
        END""",
        f"""CREATE TRIGGER negotiation_bidround_guard BEFORE UPDATE ON negotiation_bidround FOR EACH ROW
        WHEN (OLD.freelancer_sealed <> '' AND NEW.freelancer_sealed IS NOT OLD.freelancer_sealed)
          OR (OLD.client_sealed <> '' AND NEW.client_sealed IS NOT OLD.client_sealed)
          OR (OLD.status <> 'open' AND (NEW.status IS NOT OLD.status OR NEW.settled_amount IS NOT OLD.settled_amount))
          OR ({_changed(ROUND_FIXED, "IS NOT")})
        BEGIN SELECT RAISE(ABORT, 'negotiation_bidround_guard: an entered figure or a resolved round cannot change');
        END""",
        f"""CREATE TRIGGER negotiation_agreement_guard BEFORE UPDATE ON negotiation_agreement FOR EACH ROW
        WHEN OLD.status <> 'pending' AND (NEW.status IS NOT OLD.status OR {_changed(AGREEMENT_FIXED, "IS NOT")})
        BEGIN SELECT RAISE(ABORT, 'negotiation_agreement_guard: an agreed or declined agreement cannot change');
        END""",
    ]


def _postgres():
    return [
        f"""CREATE OR REPLACE FUNCTION negotiation_offer_guard() RETURNS trigger AS $$
        BEGIN
          IF (OLD.status IN {OFFER_FINAL} AND NEW.status IS DISTINCT FROM OLD.status)
             OR (OLD.status = 'sent' AND NEW.status = 'draft')
             OR (OLD.status <> 'draft' AND ({_changed(OFFER_CONTENT, "IS DISTINCT FROM")})) THEN
            RAISE EXCEPTION 'negotiation_offer_guard: a sent offer cannot change; make a counter-offer'
              USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER negotiation_offer_guard BEFORE UPDATE ON negotiation_offer
        FOR EACH ROW EXECUTE FUNCTION negotiation_offer_guard()""",
        f"""CREATE OR REPLACE FUNCTION negotiation_bidround_guard() RETURNS trigger AS $$
        BEGIN
          IF (OLD.freelancer_sealed <> '' AND NEW.freelancer_sealed IS DISTINCT FROM OLD.freelancer_sealed)
             OR (OLD.client_sealed <> '' AND NEW.client_sealed IS DISTINCT FROM OLD.client_sealed)
             OR (OLD.status <> 'open' AND (NEW.status IS DISTINCT FROM OLD.status
                 OR NEW.settled_amount IS DISTINCT FROM OLD.settled_amount))
             OR ({_changed(ROUND_FIXED, "IS DISTINCT FROM")}) THEN
            RAISE EXCEPTION 'negotiation_bidround_guard: an entered figure or a resolved round cannot change'
              USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER negotiation_bidround_guard BEFORE UPDATE ON negotiation_bidround
        FOR EACH ROW EXECUTE FUNCTION negotiation_bidround_guard()""",
        f"""CREATE OR REPLACE FUNCTION negotiation_agreement_guard() RETURNS trigger AS $$
        BEGIN
          IF OLD.status <> 'pending' AND (NEW.status IS DISTINCT FROM OLD.status
             OR {_changed(AGREEMENT_FIXED, "IS DISTINCT FROM")}) THEN
            RAISE EXCEPTION 'negotiation_agreement_guard: an agreed or declined agreement cannot change'
              USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER negotiation_agreement_guard BEFORE UPDATE ON negotiation_agreement
        FOR EACH ROW EXECUTE FUNCTION negotiation_agreement_guard()""",
    ]


def _drop(vendor):
    names = ("negotiation_offer_guard", "negotiation_bidround_guard", "negotiation_agreement_guard")
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {n}" for n in names]
    tables = ("negotiation_offer", "negotiation_bidround", "negotiation_agreement")
    return [f"DROP TRIGGER IF EXISTS {n} ON {t}; DROP FUNCTION IF EXISTS {n}()" for n, t in zip(names, tables)]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": _sqlite, "postgresql": _postgres}.get(vendor)
    for sql in statements() if statements else ():
        schema_editor.execute(sql)


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("sqlite", "postgresql"):
        for sql in _drop(vendor):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("negotiation", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
