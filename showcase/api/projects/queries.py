"""The projects a read names, loaded with everything ProjectSchema dumps in a fixed number of queries.

Routes of other resources (a cluster's projects) build on these functions, never on another
resource's routes.
"""

from types import SimpleNamespace

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload, selectinload

from showcase.api.listing import Listing, PlainList, in_order, json_record, json_rows
from showcase.api.summaries import CLUSTER_SUMMARY, INNOVATION_SUMMARY, ORGANISATION_SUMMARY
from showcase.config import LANGUAGES
from showcase.extensions import db
from showcase.models import Cluster, Innovation, Organisation, Project, ProjectTopic
from showcase.models.associations import project_organisation
from showcase.schemas import CANONICAL, Representation

SORT_COLUMNS = {
    "title": {"de": func.lower(Project.title_de), "en": func.lower(Project.title_en)},
    "slug": Project.slug,
    "funding_start": Project.funding_start,
    "funding_end": Project.funding_end,
    "cluster": Cluster.slug,
}


# What ProjectSchema dumps of a project; its cluster and, as JSON arrays, its collections.
LISTED_COLUMNS = (Project.slug, Project.title_de, Project.title_en, Project.summary_de, Project.summary_en,
                  Project.funding_start, Project.funding_end, Project.website, Project.source, Project.source_date)
PARTNERS = {"select_from": project_organisation.join(Organisation)}
PROJECT_LINKS = (
    Cluster.slug.label("cluster"),
    json_rows(Organisation.slug, Project, project_organisation.c.project_id == Project.id, **PARTNERS)
    .label("organisations"),
    json_rows(Innovation.slug, Project, Innovation.project_id == Project.id).label("innovations"),
    json_rows(json_record(lang=ProjectTopic.lang, position=ProjectTopic.position, label=ProjectTopic.label), Project,
              ProjectTopic.project_id == Project.id).label("topics"),
)
# Expanded, a link is its record's summary instead of its slug.
EXPANDED_LINKS = {
    "cluster": (CLUSTER_SUMMARY.label("cluster"),),
    "organisations": (json_rows(ORGANISATION_SUMMARY, Project, project_organisation.c.project_id == Project.id,
                                **PARTNERS).label("organisations"),),
    "innovations": (json_rows(INNOVATION_SUMMARY, Project, Innovation.project_id == Project.id).label("innovations"),),
}


def project_loading(representation: Representation) -> list:
    """Loader options for one project as ProjectSchema dumps it: its cluster joined, a query per collection.

    Expanded, the cluster, partners and innovations dump only their own columns, so `expand` costs nothing more.
    """
    return [joinedload(Project.cluster, innerjoin=True), selectinload(Project.organisations),
            selectinload(Project.innovations), selectinload(Project.topic_rows)]


def filter_projects(args: dict) -> Listing:
    """The projects matching a list request's filters, in its order: a page is one query of plain rows."""
    values = {name: args[name] for name in ("cluster", "organisation", "organisation_type") if name in args}
    if "topic" in args:
        values["topic"] = args["topic"].strip().lower()
    return PROJECTS.listing(args, values, args["representation"].expand)


def topics_by_language(project: SimpleNamespace) -> None:
    """A listed project's topics as ProjectSchema dumps them: each language's labels in order."""
    topics = {lang: [] for lang in LANGUAGES}
    for topic in in_order(project.topics, "position"):
        topics[topic["lang"]].append(topic["label"])
    project.topics = topics


PROJECTS = PlainList(
    model=Project,
    matching=select(Project.id).join(Project.cluster),
    filters={
        "cluster": Cluster.slug == bindparam("cluster"),
        "topic": Project.topic_rows.any(ProjectTopic.label_folded == bindparam("topic")),
        "organisation": Project.organisations.any(Organisation.slug == bindparam("organisation")),
        "organisation_type": Project.organisations.any(Organisation.type == bindparam("organisation_type")),
    },
    sort_columns=SORT_COLUMNS, columns=(*LISTED_COLUMNS, *PROJECT_LINKS), joins=(Project.cluster,),
    expandable=EXPANDED_LINKS, ordered=("organisations", "innovations"), finish=topics_by_language)


def project_or_404(slug: str, representation: Representation = CANONICAL) -> Project:
    """The project with this slug, loaded for a dump in the representation, or a 404."""
    return db.one_or_404(select(Project).where(Project.slug == slug).options(*project_loading(representation)),
                         description=f"There is no project {slug!r}.")
