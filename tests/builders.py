"""Valid records for tests, written through the same service the API and the importer use."""

import datetime as dt

from showcase.services.records import RECORD_KINDS, save_record
from showcase.services.transaction import transaction


def text(de: str, en: str) -> dict:
    return {"de": de, "en": en}


def cluster_data(slug: str = "its-owl", **overrides) -> dict:
    data = {
        "slug": slug,
        "name": text(f"Cluster {slug}", f"Cluster {slug}"),
        "short_name": slug.upper(),
        "round": 3,
        "year": 2012,
        "field": text("Intelligente technische Systeme", "Intelligent technical systems"),
        "region": "Ostwestfalen-Lippe",
        "states": ["Nordrhein-Westfalen"],
        "seat": {"city": "Paderborn", "lat": 51.72, "lon": 8.75},
        "description": text("Ein Spitzencluster.", "A leading-edge cluster."),
        "website": "https://www.its-owl.de",
        "managing_body": "it's OWL Clustermanagement GmbH",
    }
    data.update(overrides)
    return data


def organisation_data(slug: str = "uni-paderborn", **overrides) -> dict:
    data = {"slug": slug, "name": f"Organisation {slug}", "type": "university", "city": "Paderborn",
            "website": None, "clusters": []}
    data.update(overrides)
    return data


def project_data(slug: str = "intelligent-drives", cluster: str = "its-owl", **overrides) -> dict:
    data = {
        "slug": slug,
        "cluster": cluster,
        "title": text(f"Projekt {slug}", f"Project {slug}"),
        "summary": text("Eine Zusammenfassung.", "A summary."),
        "topics": {"de": ["Antriebe"], "en": ["drives"]},
        "funding_start": dt.date(2012, 7, 1),
        "funding_end": dt.date(2017, 6, 30),
        "organisations": [],
        "website": None,
        "source": "https://www.example.org/press/owl-drives",
        "source_date": "2013-05",
    }
    data.update(overrides)
    return data


def innovation_data(slug: str = "smart-gripper", cluster: str = "its-owl", **overrides) -> dict:
    data = {
        "slug": slug,
        "cluster": cluster,
        "project": None,
        "title": text(f"Innovation {slug}", f"Innovation {slug}"),
        "description": text("Eine Beschreibung.", "A description."),
        "kind": "prototype",
        "maturity": "pilot",
        "image_url": None,
        "source": "https://www.example.org/press/smart-gripper",
        "source_date": "2014-02-11",
    }
    data.update(overrides)
    return data


def stand_data(number: str = "A01", cluster: str = "its-owl", **overrides) -> dict:
    data = {"number": number, "cluster": cluster, "hall_area": text("Nordseite", "north side"),
            "x": 2.0, "y": 2.0, "width": 6.0, "height": 4.0, "innovations": []}
    data.update(overrides)
    return data


def session_data(slug: str = "day1-opening", **overrides) -> dict:
    data = {
        "slug": slug,
        "kind": "opening",
        "title": text("Eröffnung", "Opening"),
        "description": text("Eröffnung der Konferenz.", "Opening of the conference."),
        "starts_at": dt.datetime(2015, 6, 30, 10, 0),
        "ends_at": dt.datetime(2015, 6, 30, 10, 30),
        "room": "Saal A",
        "languages": ["de", "en"],
        "topic": None,
        "source": "http://www.bmbf.de/de/25852.php",
        "source_date": "2015-02-19",
        "times_provisional": True,
    }
    data.update(overrides)
    return data


def kiosk_data(id: str = "eingang", **overrides) -> dict:
    data = {"id": id, "name": text("Kiosk am Eingang", "Kiosk by the entrance"), "x": 30.0, "y": 32.0,
            "facing": 180.0, "default_language": "de", "idle_seconds": 90}
    data.update(overrides)
    return data


BUILDERS = {
    "clusters": cluster_data, "organisations": organisation_data, "projects": project_data,
    "innovations": innovation_data, "stands": stand_data, "programme": session_data,
    "kiosks": kiosk_data,
}


def add(kind: str, /, *args, **overrides):
    """Create a record of a kind from valid defaults, in a transaction of its own."""
    with transaction():
        return save_record(RECORD_KINDS[kind], BUILDERS[kind](*args, **overrides))
