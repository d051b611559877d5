"""Commands: a cluster's accepted meetings as CSV, erasure by address, the purge after the conference."""

import csv
import io

from sqlalchemy import func, select

from showcase.extensions import db
from showcase.models import MatchmakingParticipant, MeetingRequest
from tests.matchmaking.conftest import bearer, register


def meeting(client, secrets, email, table, status="accepted", cluster="its-owl"):
    token = register(client, email=email, name=f"Person {table}", topics=["=SUM(A1)"])["token"]
    request_id = client.post("/api/v1/matchmaking/requests", headers=bearer(token),
                             json={"cluster": cluster, "message": f"Nachricht {table}"}).get_json()["id"]
    key = secrets.owl if cluster == "its-owl" else secrets.carbon
    answer = {"status": status} if status != "accepted" else {"status": status, "slot": "day1-matchmaking@17:00",
                                                                 "table": table}
    assert client.patch(f"/api/v1/matchmaking/clusters/{cluster}/requests/{request_id}", headers=bearer(key),
                        json=answer).status_code == 200
    return token


def counts(app):
    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(MatchmakingParticipant)),
                db.session.scalar(select(func.count()).select_from(MeetingRequest)))


def test_export_writes_a_clusters_accepted_meetings(client, runner, secrets, tmp_path):
    meeting(client, secrets, "b@example.org", 5)
    meeting(client, secrets, "a@example.org", 2)
    meeting(client, secrets, "c@example.org", 1, status="declined")
    meeting(client, secrets, "d@example.org", 3, cluster="mai-carbon")
    result = runner.invoke(args=["matchmaking-export", "--cluster", "its-owl"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["table"], row["email"]) for row in rows] == [("2", "a@example.org"), ("5", "b@example.org")]
    assert rows[0]["slot"] == "day1-matchmaking@17:00" and rows[0]["starts_at"] == "2015-06-30 17:00"
    assert rows[0]["room"] == "Matchmaking-Lounge" and rows[0]["message"] == "Nachricht 2"
    # A cell a spreadsheet would run as a formula is written as text.
    assert rows[0]["topics"] == "'=SUM(A1)"
    output = tmp_path / "owl.csv"
    assert runner.invoke(args=["matchmaking-export", "--cluster", "its-owl", "-o", str(output)]).exit_code == 0
    assert len(output.read_text(encoding="utf-8").splitlines()) == 3
    missing = runner.invoke(args=["matchmaking-export", "--cluster", "nope"])
    assert missing.exit_code == 1 and "no cluster" in missing.output


def test_delete_by_address_removes_every_registration_of_it(app, client, runner, secrets):
    meeting(client, secrets, "weg@example.org", 4)
    register(client, email="WEG@example.org")
    register(client, email="bleibt@example.org")
    result = runner.invoke(args=["matchmaking-delete", "--email", " Weg@Example.org"])
    assert result.exit_code == 0 and "Deleted 2 registration(s)" in result.output
    assert "weg@" not in result.output.lower()
    assert counts(app) == (1, 0)
    # The table is free again.
    meeting(client, secrets, "neu@example.org", 4)
    assert runner.invoke(args=["matchmaking-delete", "--email", "kein-at"]).exit_code == 1


def test_purge_deletes_everything_only_after_the_retention_period(app, client, runner, secrets):
    app.config["SHOWCASE_MATCHMAKING_RETENTION_DAYS"] = 30
    meeting(client, secrets, "x@example.org", 1)
    register(client)
    early = runner.invoke(args=["matchmaking-purge", "--today", "2015-07-30"])
    assert early.exit_code == 0 and "Nothing to purge before 2015-07-31" in early.output
    assert counts(app) == (2, 1)
    late = runner.invoke(args=["matchmaking-purge", "--today", "2015-07-31"])
    assert late.exit_code == 0 and "Purged 2 registration(s)" in late.output
    assert counts(app) == (0, 0)


def test_create_key_binds_a_cluster_key_to_its_cluster(app, client, runner, directory):
    made = runner.invoke(args=["create-key", "--role", "cluster", "--cluster", "its-owl", "--name", "OWL"])
    assert made.exit_code == 0 and "for its-owl" in made.stderr
    key = made.stdout.strip()
    assert client.get("/api/v1/matchmaking/clusters/its-owl/requests", headers=bearer(key)).status_code == 200
    assert client.get("/api/v1/matchmaking/clusters/mai-carbon/requests", headers=bearer(key)).status_code == 404
    for args in (["--role", "cluster", "--cluster", "nowhere"], ["--role", "editor", "--cluster", "its-owl"]):
        refused = runner.invoke(args=["create-key", "--name", f"x{len(args[1])}", *args])
        assert refused.exit_code == 1
