"""A record schema dumps through its plan exactly what marshmallow's own dump gives, in every representation."""

from types import SimpleNamespace

import marshmallow as ma
import pytest
from sqlalchemy import select

from showcase.extensions import db
from showcase.schemas import RECORD_SCHEMAS, Representation, represented_as
from showcase.schemas.dumping import RecordSchema
from showcase.schemas.representation import current
from showcase.schemas.fields import Reference, ReferenceList
from showcase.services.records import RECORD_KINDS

REPRESENTATIONS = [Representation(), Representation(lang="de"), Representation(lang="en")]


def marshmallows_own_dump(schema: ma.Schema, records: list) -> list[dict]:
    """What marshmallow's `Field.serialize` gives field by field (`get_value`, then `_serialize`), past the
    plan and the fields' own dumpers."""
    expanded = current().expand
    dumped = []
    for record in records:
        fields = {}
        for name, field in schema.dump_fields.items():
            if getattr(field, "expand_only", False) and name not in expanded:
                continue
            value = ma.fields.Field.serialize(field, name, record, accessor=schema.get_attribute)
            if value is not ma.missing:
                fields[name if field.data_key is None else field.data_key] = value
        dumped.append(fields)
    return dumped


def expandable(schema: ma.Schema) -> frozenset[str]:
    return frozenset(name for name, field in schema.dump_fields.items() if isinstance(field, Reference))


@pytest.fixture
def seeded(app, runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        yield


@pytest.mark.parametrize("kind", sorted(RECORD_SCHEMAS))
def test_every_seeded_record_dumps_as_marshmallow_dumps_it(seeded, kind):
    records = db.session.scalars(select(RECORD_KINDS[kind].model)).all()
    assert records
    schema = RECORD_SCHEMAS[kind]()
    for representation in [*REPRESENTATIONS, Representation(lang="de", expand=expandable(schema))]:
        with represented_as(representation):
            assert schema.dump(records, many=True) == marshmallows_own_dump(schema, records)


class Linked(RecordSchema):
    slug = ma.fields.String()
    name = ma.fields.String()


class Unusual(RecordSchema):
    """Fields the plan leaves to marshmallow: a method, a dump default, a dotted attribute, a data key."""

    title = ma.fields.String(data_key="heading")
    shouted = ma.fields.Method("shout")
    fallback = ma.fields.String(dump_default="none given")
    place = ma.fields.String(attribute="where.city")
    link = Reference(Linked)
    hidden_links = ReferenceList(Linked, expand_only=True)

    def shout(self, record):
        return (record["title"] if isinstance(record, dict) else record.title).upper()


@pytest.mark.parametrize("representation", [Representation(), Representation(expand=frozenset({"link", "hidden_links"}))])
@pytest.mark.parametrize("as_dict", [False, True], ids=["object", "dict"])
def test_fields_the_plan_does_not_shape_itself_dump_as_marshmallow_dumps_them(representation, as_dict):
    values = {"title": "Leichtbau", "where": {"city": "Stade"}, "link": {"slug": "cfk-valley", "name": "CFK Valley"},
              "hidden_links": [{"slug": "m4", "name": "m4"}]}
    records = [values, {"title": "only a title"}] if as_dict else [SimpleNamespace(**values)]
    schema = Unusual()
    with represented_as(representation):
        dumped = schema.dump(records, many=True)
        assert dumped == marshmallows_own_dump(schema, records)
    assert dumped[0]["heading"] == "Leichtbau" and dumped[0]["fallback"] == "none given"
    assert ("hidden_links" in dumped[0]) == ("hidden_links" in representation.expand)
