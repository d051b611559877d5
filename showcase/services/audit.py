"""The audit log: every write to the directory, recorded in the transaction that makes it."""

import getpass

from sqlalchemy import Select, insert, select

from showcase.extensions import db
from showcase.models import AuditEntry


def changed(before: dict | None, after: dict | None) -> bool:
    return before is None or after is None or before != after


def record_change(actor: str, action: str, kind: str, key: str, before: dict | None, after: dict | None) -> AuditEntry | None:
    """Add an audit entry to the write's transaction; a write that changed nothing leaves none."""
    if not changed(before, after):
        return None
    entry = AuditEntry(key_name=actor, action=action, kind=kind, record_key=key, before=before, after=after)
    db.session.add(entry)
    return entry


def record_many_changes(actor: str, action: str, kind: str, changes: list[tuple[str, dict | None, dict | None]]) -> None:
    """Add the entries of many writes, (key, before, after) each, in one executemany: a bulk import's thousands."""
    rows = [{"key_name": actor, "action": action, "kind": kind, "record_key": key, "before": before, "after": after}
            for key, before, after in changes if changed(before, after)]
    if rows:
        db.session.execute(insert(AuditEntry), rows)


def command_actor() -> str:
    """Who the audit log names for a flask command: the operating system's user."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"cli:{user}"


def audit_query(filters: dict) -> Select:
    """Audit entries matching the filters of GET /audit, newest first."""
    statement = select(AuditEntry)
    if "kind" in filters:
        statement = statement.where(AuditEntry.kind == filters["kind"])
    if "key" in filters:
        statement = statement.where(AuditEntry.key_name == filters["key"])
    if "action" in filters:
        statement = statement.where(AuditEntry.action == filters["action"])
    if "record" in filters:
        statement = statement.where(AuditEntry.record_key == filters["record"])
    if "since" in filters:
        statement = statement.where(AuditEntry.at >= filters["since"])
    if "until" in filters:
        statement = statement.where(AuditEntry.at < filters["until"])
    return statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
