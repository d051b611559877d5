"""The base of the directory's schemas: a dump runs through a plan worked out once per representation.

marshmallow dumps each field of each record through four calls (`serialize`, `get_value`, the
schema's `get_attribute`, `utils.get_value`), and the bilingual and linked fields looked the
representation up each time (about a sixth of an uncached list page under cProfile). A plan holds
one callable a field, bound to the representation's language and expanded links: a field offers
its own through `dumper(name, representation)` (None to leave the field out), a field that keeps
marshmallow's `serialize` and `get_value` is read and shaped directly, any other field (a
`Method`, a `dump_default`, a dotted attribute) dumps through marshmallow as before.
"""

from collections.abc import Callable
from typing import Any

import marshmallow as ma
from marshmallow import missing

from showcase.schemas.representation import Representation, current

# A field's dump of one record: the record and how to read it (`getattr`, or `dict.get` for a dict).
FieldDump = Callable[[Any, Callable], Any]


class RecordSchema(ma.Schema):
    """A schema whose dumps follow a plan per representation (language and expanded links)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plans: dict[tuple, tuple[tuple[str, FieldDump], ...]] = {}

    def plan(self, representation: Representation) -> tuple[tuple[str, FieldDump], ...]:
        """Each dumped field's key and dump in this representation; worked out once, then shared by every dump."""
        shape = (representation.lang, representation.expand)
        plan = self._plans.get(shape)
        if plan is None:
            steps = ((name if field.data_key is None else field.data_key, self.field_dump(name, field, representation))
                     for name, field in self.dump_fields.items())
            plan = self._plans[shape] = tuple((key, dump) for key, dump in steps if dump is not None)
        return plan

    def field_dump(self, name: str, field: ma.fields.Field, representation: Representation) -> FieldDump | None:
        """How one field dumps a record in the representation (None: the field is left out)."""
        attribute = field.attribute or name
        if field.dump_default is missing and field._CHECK_ATTRIBUTE:
            own = getattr(field, "dumper", None)
            if own is not None:
                return own(name, representation)
            cls = type(field)
            if cls.serialize is ma.fields.Field.serialize and cls.get_value is ma.fields.Field.get_value \
                    and "." not in attribute:
                shape = field._serialize

                def dump(record, read):
                    value = read(record, attribute, missing)
                    return value if value is missing else shape(value, name, record)

                return dump
        return lambda record, read: field.serialize(name, record, accessor=self.get_attribute)

    def _serialize(self, obj, *, many: bool = False):
        """marshmallow's own step of `dump` (its hooks run around it), through the plan."""
        if obj is None:
            return super()._serialize(obj, many=many)
        plan = self.plan(current())
        if many:
            return [self.dump_record(plan, record) for record in obj]
        return self.dump_record(plan, obj)

    def dump_record(self, plan: tuple[tuple[str, FieldDump], ...], record) -> dict:
        """One record (a model, a page's record or a dict the database built) dumped by the plan."""
        if isinstance(record, dict):
            read = dict.get
        elif hasattr(type(record), "__getitem__"):  # a row or a sequence: marshmallow's own lookup
            return super()._serialize(record)
        else:
            read = getattr
        dumped = self.dict_class()
        for key, dump in plan:
            value = dump(record, read)
            if value is not missing:
                dumped[key] = value
        return dumped
