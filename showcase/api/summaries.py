"""Linked records as the summary schemas dump them, built as JSON by the database for a page's one query."""

from showcase.api.listing import json_record, json_texts
from showcase.models import Cluster, Innovation, Organisation, Project, Stand

CLUSTER_SUMMARY = json_record(slug=Cluster.slug, short_name=Cluster.short_name,
                              name=json_texts(Cluster.name_de, Cluster.name_en), round=Cluster.round, year=Cluster.year)
ORGANISATION_SUMMARY = json_record(slug=Organisation.slug, name=Organisation.name, type=Organisation.type,
                                   city=Organisation.city)
INNOVATION_SUMMARY = json_record(slug=Innovation.slug, title=json_texts(Innovation.title_de, Innovation.title_en),
                                 kind=Innovation.kind)
# With its cluster, which a project summary links (or inlines with expand): join Cluster where it is used.
PROJECT_SUMMARY = json_record(slug=Project.slug, title=json_texts(Project.title_de, Project.title_en),
                              cluster=CLUSTER_SUMMARY)
STAND_SUMMARY = json_record(number=Stand.number, hall_area=json_texts(Stand.hall_area_de, Stand.hall_area_en),
                            x=Stand.x, y=Stand.y, width=Stand.width, height=Stand.height)
