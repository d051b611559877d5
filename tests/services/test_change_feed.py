"""The outbox records each change's own record and action; the feed serves them in order, never skipping a late commit."""

import threading

import pytest
from sqlalchemy import select

from showcase.extensions import db
from showcase.models import OutboxEntry
from showcase.services import change_feed
from showcase.services.transaction import transaction
from tests.builders import add


def subjects(after: int = 0) -> list[tuple]:
    return [tuple(row) for row in db.session.execute(
        select(OutboxEntry.subject_kind, OutboxEntry.subject_slug, OutboxEntry.action, OutboxEntry.kind)
        .where(OutboxEntry.id > after).order_by(OutboxEntry.id))]


def newest() -> int:
    return db.session.scalar(select(OutboxEntry.id).order_by(OutboxEntry.id.desc()).limit(1)) or 0


def test_each_record_is_recorded_as_itself_with_its_action(app_context):
    add("clusters", "its-owl")
    start = newest()
    add("stands", "A01", cluster="its-owl")
    # The stand as a stand, not indexed; its cluster shows the stand, so it changed too.
    assert subjects(start) == [("cluster", "its-owl", "updated", "cluster"), ("stand", "A01", "created", None)]
    start = newest()
    add("projects", "owl-drives")
    assert subjects(start) == [("project", "owl-drives", "created", "project")]


def test_one_write_is_one_change_however_often_it_flushes(app_context):
    add("clusters", "its-owl")
    start = newest()
    with transaction():
        add("projects", "owl-drives")
        add("organisations", "uni-paderborn", clusters=["its-owl"])
    assert subjects(start) == [("project", "owl-drives", "created", "project"),
                               ("cluster", "its-owl", "updated", "cluster"),
                               ("organisation", "uni-paderborn", "created", "organisation")]


def test_a_renamed_record_is_its_old_slug_deleted_and_its_new_one_created(app_context):
    add("clusters", "its-owl")
    project = add("projects", "owl-drives")
    start = newest()
    with transaction():
        project.slug = "owl-antriebe"
    assert subjects(start) == [("project", "owl-drives", "deleted", None),
                               ("project", "owl-antriebe", "created", "project")]


def test_a_deletion_keeps_the_slug_and_touches_what_shows_the_record(app_context):
    add("clusters", "its-owl")
    add("projects", "owl-drives")
    innovation = add("innovations", "smart-gripper", project="owl-drives")
    start = newest()
    with transaction():
        db.session.delete(innovation)
    assert subjects(start) == [("innovation", "smart-gripper", "deleted", "innovation"),
                               ("project", "owl-drives", "updated", "project")]


def test_the_feed_never_skips_an_id_that_commits_late(app):
    """Two PostgreSQL connections: while a write with a lower id is open, a later one waits its turn."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite's own write lock makes writes take turns; the PostgreSQL lock is under test")
        add("clusters", "its-owl")
        start = newest()
    flushed, release = threading.Event(), threading.Event()

    def slow_writer():
        with app.app_context():
            with transaction():
                add("projects", "slow-project")
                flushed.set()
                release.wait(10)
            db.session.remove()

    def quick_writer():
        with app.app_context():
            add("projects", "quick-project")
            db.session.remove()

    slow, quick = threading.Thread(target=slow_writer), threading.Thread(target=quick_writer)
    slow.start()
    try:
        assert flushed.wait(10)
        quick.start()
        quick.join(1)
        with app.app_context():
            # The quick write waits for the slow one's turn to end: no higher id overtakes the open one.
            assert quick.is_alive()
            held = change_feed.changes_since(start, 100)
            assert (held.changes, held.cursor, held.more) == ([], start, False)
            db.session.rollback()
    finally:
        release.set()
        slow.join()
        quick.join()
    with app.app_context():
        page = change_feed.changes_since(start, 100)
        assert [(c.slug, c.action) for c in page.changes] == [("slow-project", "created"),
                                                              ("quick-project", "created")]
        assert page.cursor == newest() == change_feed.current_cursor()


def test_a_rolled_back_id_holds_nothing_back_once_its_transaction_ended(app_context):
    add("clusters", "its-owl")
    start = newest()
    with pytest.raises(RuntimeError), transaction():
        add("projects", "never-committed")
        raise RuntimeError("rolled back")
    add("projects", "owl-drives")
    page = change_feed.changes_since(start, 100)
    assert [c.slug for c in page.changes] == ["owl-drives"]
