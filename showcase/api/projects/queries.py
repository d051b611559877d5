"""The projects a read names, loaded with everything ProjectSchema dumps in a fixed number of queries.

Routes of other resources (a cluster's projects) build on these functions, never on another
resource's routes.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from showcase.api.listing import Listing, apply_sort
from showcase.config import LANGUAGES
from showcase.extensions import db
from showcase.models import Cluster, Organisation, Project, ProjectTopic
from showcase.schemas import CANONICAL, Representation

SORT_COLUMNS = {
    "title": {"de": func.lower(Project.title_de), "en": func.lower(Project.title_en)},
    "slug": Project.slug,
    "funding_start": Project.funding_start,
    "funding_end": Project.funding_end,
    "cluster": Cluster.slug,
}


def project_loading(representation: Representation, *, cluster_joined: bool = False, topics: bool = True) -> list:
    """Loader options for a project as ProjectSchema dumps it: a query each for its topics, partners and innovations.

    The cluster comes in the projects' own query (from the join a list already has, else a join of its
    own). Expanded, the cluster, partners and innovations dump only their own columns, so `expand`
    costs nothing more. A page leaves the topics out (`topics=False`) and reads them with `with_topics`.
    """
    options = [
        contains_eager(Project.cluster) if cluster_joined else joinedload(Project.cluster, innerjoin=True),
        selectinload(Project.organisations),
        selectinload(Project.innovations),
    ]
    if topics:
        options.append(selectinload(Project.topic_rows))
    return options


def filter_projects(args: dict) -> Listing:
    """The projects matching a list request's filters, in its order, with what their dump needs."""
    representation = args["representation"]
    statement = (select(Project).join(Project.cluster)
                 .options(*project_loading(representation, cluster_joined=True, topics=False)))
    if "cluster" in args:
        statement = statement.where(Cluster.slug == args["cluster"])
    if "topic" in args:
        statement = statement.where(Project.topic_rows.any(ProjectTopic.label_folded == args["topic"].strip().lower()))
    if "organisation" in args:
        statement = statement.where(Project.organisations.any(Organisation.slug == args["organisation"]))
    if "organisation_type" in args:
        statement = statement.where(Project.organisations.any(Organisation.type == args["organisation_type"]))
    return Listing(apply_sort(statement, args["sort"], SORT_COLUMNS, Project.id, representation.lang), with_topics)


class ListedProject:
    """A project of a page as ProjectSchema dumps it: the record, with `topics` read apart (see `with_topics`).

    Only for dumping: every other attribute is the record's own. marshmallow reads a field as `obj[name]`
    when it can, before `getattr`: answering that directly spares it a failed lookup of `__getitem__`.
    """

    __slots__ = ("record", "topics")

    def __init__(self, record: Project, topics: dict[str, list[str]]):
        self.record = record
        self.topics = topics

    def __getattr__(self, name):
        return getattr(self.record, name)

    def __getitem__(self, name):
        return self.topics if name == "topics" else getattr(self.record, name)


def with_topics(projects: list[Project]) -> list[ListedProject]:
    """The projects with their topics as `Project.topics` gives them, read in one query of plain rows.

    A page's keywords are a dozen rows a project; loaded as ORM objects they were most of a page's time.
    """
    topics = {project.id: {lang: [] for lang in LANGUAGES} for project in projects}
    rows = db.session.execute(
        select(ProjectTopic.project_id, ProjectTopic.lang, ProjectTopic.label)
        .where(ProjectTopic.project_id.in_(list(topics)))
        .order_by(ProjectTopic.project_id, ProjectTopic.lang, ProjectTopic.position))
    for project_id, lang, label in rows:
        topics[project_id].setdefault(lang, []).append(label)
    return [ListedProject(project, topics[project.id]) for project in projects]


def project_or_404(slug: str, representation: Representation = CANONICAL) -> Project:
    """The project with this slug, loaded for a dump in the representation, or a 404."""
    return db.one_or_404(select(Project).where(Project.slug == slug).options(*project_loading(representation)),
                         description=f"There is no project {slug!r}.")
