"""The validated shape of the search synonyms editors manage: equivalent sets and one-way rules."""

import marshmallow as ma

from search_index.analysis import words

MAX_SETS = 1000
MAX_TERM_LENGTH = 100


class OneWaySchema(ma.Schema):
    from_ = ma.fields.String(data_key="from", attribute="from", required=True,
                             metadata={"description": "The term typed."})
    to = ma.fields.List(ma.fields.String(), required=True, metadata={"description": "What it also finds."})


class SynonymsSchema(ma.Schema):
    """`sets` of terms that stand for one another; `one_way` rules whose `from` also finds its `to`."""

    sets = ma.fields.List(ma.fields.List(ma.fields.String()), load_default=list, metadata={
        "description": f"At most {MAX_SETS} sets of at least two terms, each at most {MAX_TERM_LENGTH} characters."})
    one_way = ma.fields.List(ma.fields.Nested(OneWaySchema), load_default=list)

    @ma.pre_load
    def check_rules(self, data, **kwargs):
        """Name each wrong place as `sets.3.1` or `one_way.0.to.2`, before the fields load."""
        if not isinstance(data, dict):
            raise ma.ValidationError("Expected an object with sets and one_way.")
        errors = rule_errors(data)
        if errors:
            raise ma.ValidationError(errors)
        return data


def term_error(term) -> str | None:
    if not isinstance(term, str):
        return "Not a string."
    if not term.strip() or not words(term):
        return "Empty term."
    if len(term) > MAX_TERM_LENGTH:
        return f"Longer than {MAX_TERM_LENGTH} characters."
    return None


def rule_errors(data: dict) -> dict:
    """Every broken rule, keyed by its place: no empty term, no set of one, no term twice, limits kept."""
    errors: dict = {}

    def fail(message: str, *place) -> None:
        """Add a message at a place; a place's own messages go under `_schema`, beside its parts' places."""
        node = errors
        for step in place[:-1]:
            node = node.setdefault(str(step), {})
        node.setdefault(str(place[-1]), []).append(message)

    def bounded_list(name: str, noun: str) -> list:
        """The list under `name`; none, with the reason, when it is not a list or is too long."""
        found = data.get(name, [])
        if not isinstance(found, list):
            fail(f"Expected a list of {noun}.", name, "_schema")
            return []
        if len(found) > MAX_SETS:
            fail(f"More than {MAX_SETS} {noun}.", name, "_schema")
            return []
        return found

    def unique_term(term, seen: dict, place: tuple, twice) -> None:
        """Fail a term that is not one, or one already in `seen` (`twice(where)` says so); else note its place."""
        message = term_error(term)
        if message is None:
            folded = tuple(words(term))
            if folded in seen:
                message = twice(seen[folded])
            else:
                seen[folded] = ".".join(map(str, place))
        if message:
            fail(message, *place)

    sets = bounded_list("sets", "sets")
    in_sets: dict[tuple, str] = {}
    for position, terms in enumerate(sets):
        if not isinstance(terms, list):
            fail("Expected a list of terms.", "sets", position, "_schema")
            continue
        if len(terms) < 2:
            fail("A set needs at least two terms.", "sets", position, "_schema")
        for index, term in enumerate(terms):
            unique_term(term, in_sets, ("sets", position, index), lambda where: f"{term!r} is already at {where}.")
    rules = bounded_list("one_way", "rules")
    sources: dict[tuple, str] = {}
    for position, rule in enumerate(rules):
        if not isinstance(rule, dict):
            fail('Expected {"from": ..., "to": [...]}.', "one_way", position, "_schema")
            continue
        unique_term(rule.get("from"), sources, ("one_way", position, "from"),
                    lambda where: f"Already the from of {where.removesuffix('.from')}.")
        targets = rule.get("to")
        if not isinstance(targets, list) or not targets:
            fail("Expected a list of at least one term.", "one_way", position, "to", "_schema")
            continue
        in_rule: dict[tuple, str] = {}
        for index, term in enumerate(targets):
            unique_term(term, in_rule, ("one_way", position, "to", index), lambda where: f"{term!r} is named twice.")
    return errors
