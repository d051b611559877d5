"""schema.org JSON-LD of a cluster and the exhibition, so search engines understand the pages that embed them.

One builder for the widget's pages and for `GET /api/v1/clusters/{slug}` with `Accept: application/ld+json`.
"""

from showcase.config import LANGUAGES
from showcase.models import Cluster, Project
from showcase.schemas.representation import localise
from showcase.services import conference

MEDIA_TYPE = "application/ld+json"
CONTEXT = "https://schema.org"


def tagged(both: dict[str, str | None], lang: str | None):
    """A text in `lang`, or (without one) both languages as language-tagged values."""
    if lang is not None:
        return localise(both, lang)
    return [{"@value": value, "@language": code} for code, value in both.items() if value]


def texts(record, name: str, lang: str | None):
    return tagged({code: getattr(record, f"{name}_{code}") for code in LANGUAGES}, lang)


def cluster_linked_data(cluster: Cluster, lang: str | None, base_url: str) -> dict:
    """The cluster as an Organization with its projects and stand, and the exhibition it shows at.

    `base_url` ends in a slash; records are named by their API URLs.
    """
    exhibition = exhibition_event(lang, base_url)
    organization = {
        "@type": "Organization",
        "@id": f"{base_url}api/v1/clusters/{cluster.slug}",
        "name": texts(cluster, "name", lang),
        "alternateName": cluster.short_name,
        "description": texts(cluster, "description", lang),
        "knowsAbout": texts(cluster, "field", lang),
        "url": cluster.website,
        "address": {"@type": "PostalAddress", "addressLocality": cluster.seat_city, "addressCountry": "DE"},
        "subOrganization": [research_project(project, cluster, lang, base_url) for project in cluster.projects],
        "event": {"@id": exhibition["@id"]},
    }
    if cluster.stand is not None:
        organization["location"] = {
            "@type": "Place",
            "@id": f"{base_url}api/v1/stands/{cluster.stand.number}",
            "name": f"Stand {cluster.stand.number}",
            "description": texts(cluster.stand, "hall_area", lang),
            "containedInPlace": {"@id": exhibition["location"]["@id"]},
        }
    return {"@context": CONTEXT, "@graph": [organization, exhibition]}


def research_project(project: Project, cluster: Cluster, lang: str | None, base_url: str) -> dict:
    found = {
        "@type": "ResearchProject",
        "@id": f"{base_url}api/v1/projects/{project.slug}",
        "name": texts(project, "title", lang),
        "description": texts(project, "summary", lang),
        "parentOrganization": {"@id": f"{base_url}api/v1/clusters/{cluster.slug}"},
        "subjectOf": {"@type": "WebPage", "url": project.source, "datePublished": project.source_date},
    }
    if project.website:
        found["url"] = project.website
    return found


def exhibition_event(lang: str | None, base_url: str) -> dict:
    """The Spitzencluster exhibition: both conference days at WECC Berlin, in German and English."""
    days = {"startDate": conference.FIRST_DAY.isoformat(), "endDate": conference.LAST_DAY.isoformat()}
    venue = {
        "@type": "Place",
        "@id": f"{base_url}#venue",
        "name": conference.VENUE_NAME,
        "address": {"@type": "PostalAddress", **conference.VENUE_ADDRESS},
    }
    return {
        "@type": "ExhibitionEvent",
        "@id": f"{base_url}#exhibition",
        "name": tagged(conference.EXHIBITION_TITLE, lang),
        **days,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": list(LANGUAGES),
        "location": venue,
        "url": f"{base_url}kiosk",
        "superEvent": {"@type": "BusinessEvent", "name": tagged(conference.TITLE, lang), **days,
                       "location": {"@id": venue["@id"]}},
    }


__all__ = ["MEDIA_TYPE", "cluster_linked_data"]
