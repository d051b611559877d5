"""A small bilingual corpus modelled on the real Spitzencluster, and indexes built from it."""

from __future__ import annotations

import pytest

from search_index import Document, SearchIndex


def corpus() -> list[Document]:
    """Fourteen documents covering every kind, both languages and the tricky spellings."""
    return [
        Document(
            kind="cluster",
            key="cluster:1",
            slug="its-owl",
            titles={
                "de": "Intelligente Technische Systeme OstWestfalenLippe",
                "en": "Intelligent Technical Systems OstWestfalenLippe",
            },
            texts={
                "de": "Im Spitzencluster it's OWL entwickeln Unternehmen und Hochschulen gemeinsam "
                "intelligente Produkte und Produktionsverfahren für den Maschinenbau.",
                "en": "In the leading-edge cluster it's OWL, companies and universities jointly develop "
                "intelligent products and production processes for mechanical engineering.",
            },
            names=["it's OWL"],
            keywords={"de": ["Industrie 4.0", "Selbstoptimierung"], "en": ["Industry 4.0", "self-optimisation"]},
            cluster="its-owl",
            round=3,
            field="Industrie 4.0",
        ),
        Document(
            kind="cluster",
            key="cluster:2",
            slug="mai-carbon",
            titles={"de": "MAI Carbon", "en": "MAI Carbon"},
            texts={
                "de": "Der Cluster aus München, Augsburg und Ingolstadt bringt Faserverbundwerkstoffe "
                "in die Großserie.",
                "en": "The cluster from Munich, Augsburg and Ingolstadt brings fibre composites "
                "to large-scale production.",
            },
            names=["MAI Carbon"],
            keywords={"de": ["Faserverbund"], "en": ["composites"]},
            cluster="mai-carbon",
            round=3,
            field="Leichtbau",
        ),
        Document(
            kind="cluster",
            key="cluster:3",
            slug="emobil-sw",
            titles={"de": "Elektromobilität Süd-West", "en": "Electric Mobility South-West"},
            texts={
                "de": "Fahrzeughersteller, Zulieferer und Energieversorger in Baden-Württemberg "
                "arbeiten an der Mobilität von morgen.",
                "en": "Vehicle makers, suppliers and utilities in Baden-Württemberg work on the "
                "mobility of tomorrow.",
            },
            names=["Elektromobilität Süd-West"],
            keywords={"de": ["Elektromobilität"], "en": ["electric mobility"]},
            cluster="emobil-sw",
            round=3,
            field="Mobilität",
        ),
        Document(
            kind="cluster",
            key="cluster:4",
            slug="m4",
            titles={"de": "m4 Personalisierte Medizin", "en": "m4 Personalised Medicine"},
            texts={
                "de": "Münchner Biotechnologie-Cluster für personalisierte Medizin und zielgerichtete Therapien.",
                "en": "Munich biotech cluster for personalised medicine and targeted therapies.",
            },
            names=["m4"],
            keywords={"de": ["Biomarker"], "en": ["biomarkers"]},
            cluster="m4",
            round=2,
            field="Medizin",
        ),
        Document(
            kind="cluster",
            key="cluster:5",
            slug="cool-silicon",
            titles={"de": "Cool Silicon", "en": "Cool Silicon"},
            texts={
                "de": "Energieeffizienz durch Mikroelektronik aus Sachsen.",
                "en": "Energy efficiency through microelectronics from Saxony.",
            },
            names=["Cool Silicon"],
            keywords={"de": ["Mikroelektronik"], "en": ["microelectronics"]},
            cluster="cool-silicon",
            round=2,
            field="Mikroelektronik",
        ),
        Document(
            kind="project",
            key="project:1",
            slug="carbon-leichtbauteile",
            titles={
                "de": "Carbon-Leichtbauteile für die Luftfahrt",
                "en": "Carbon components for aviation",
            },
            texts={
                "de": "Wir entwickeln Bauteile aus Faserverbund für Flugzeuge in großer Stückzahl.",
                "en": "We develop fibre composite parts for aircraft in large numbers.",
            },
            keywords={"de": ["Luftfahrt"], "en": ["aviation"]},
            cluster="mai-carbon",
            round=3,
            field="Leichtbau",
        ),
        Document(
            kind="project",
            key="project:2",
            slug="laendliche-elektromobilitaet",
            titles={"de": "Elektromobilität im ländlichen Raum", "en": "Electric mobility in rural areas"},
            texts={
                "de": "Ladeinfrastruktur für Dörfer entlang der Straße zwischen Stuttgart und Ulm.",
                "en": "Charging infrastructure for villages along the road between Stuttgart and Ulm.",
            },
            keywords={"de": ["Ladeinfrastruktur"], "en": ["charging"]},
            cluster="emobil-sw",
            round=3,
            field="Mobilität",
        ),
        Document(
            kind="project",
            key="project:3",
            slug="selbstoptimierende-maschinen",
            titles={"de": "Selbstoptimierende Maschinen", "en": "Self-optimising machines"},
            texts={
                "de": "Maschinen, die ihre Parameter im Betrieb selbst anpassen.",
                "en": "Machines that adapt their own parameters in operation.",
            },
            cluster="its-owl",
            round=3,
            field="Industrie 4.0",
        ),
        Document(
            kind="project",
            key="project:4",
            slug="werkzeugmaschine",
            titles={"de": "Eine lernende Maschine", "en": "A learning machine tool"},
            texts={
                "de": "Eine Werkzeugmaschine, die aus Fehlern lernt.",
                "en": "A machine tool that learns from its mistakes.",
            },
            cluster="its-owl",
            round=3,
            field="Industrie 4.0",
        ),
        Document(
            kind="project",
            key="project:5",
            slug="karosserie",
            titles={"de": "Karosserie aus Aluminium", "en": "Aluminium car bodies"},
            texts={
                "de": "Auch Aluminium eignet sich für den Leichtbau von Fahrzeugen.",
                "en": "Aluminium, too, suits lightweight vehicle construction.",
            },
            cluster="emobil-sw",
            round=3,
            field="Mobilität",
        ),
        Document(
            kind="innovation",
            key="innovation:1",
            slug="funksensor",
            titles={"de": "Energieeffizienter Funksensor", "en": "Energy-efficient wireless sensor"},
            texts={
                "de": "Ein Sensor, der ohne Batterie auskommt.",
                "en": "A sensor that needs no battery.",
            },
            cluster="cool-silicon",
            round=2,
            field="Mikroelektronik",
        ),
        Document(
            kind="innovation",
            key="innovation:2",
            slug="script-filter",
            titles={"de": "Filter gegen <script> Angriffe", "en": "Filter against <script> attacks"},
            texts={
                "de": "Prüft Eingaben wie <script>alert('x')</script> & entfernt sie.",
                "en": "Checks input such as <script>alert('x')</script> & removes it.",
            },
            cluster="its-owl",
            round=3,
            field="Industrie 4.0",
        ),
        Document(
            kind="organisation",
            key="organisation:1",
            slug="grossmann-strassenbau",
            titles={"de": "Großmann Straßenbau GmbH", "en": "Großmann Straßenbau GmbH"},
            texts={"de": "Maßgeschneiderte Fahrbahnen aus Recyclingasphalt.", "en": "Tailor-made road surfaces."},
            names=["Großmann Straßenbau GmbH"],
            cluster="emobil-sw",
            round=3,
        ),
        Document(
            kind="session",
            key="session:1",
            slug="eroeffnung",
            titles={"de": "Eröffnung der Konferenz", "en": "Opening of the conference"},
            texts={
                "de": "Begrüßung durch die Bundesministerin und Überblick über die Spitzencluster.",
                "en": "Welcome by the federal minister and an overview of the leading-edge clusters.",
            },
        ),
    ]


@pytest.fixture(scope="module")
def built_index(tmp_path_factory) -> SearchIndex:
    """A read-only index over the corpus, shared by a module's tests."""
    index = SearchIndex(tmp_path_factory.mktemp("index"), cache_size=0)
    index.rebuild(corpus(), {"cursor": 14})
    yield index
    index.close()


@pytest.fixture
def fresh_index(tmp_path) -> SearchIndex:
    """A writable index over the corpus, for tests that change it."""
    index = SearchIndex(tmp_path / "index")
    index.rebuild(corpus(), {"cursor": 14})
    yield index
    index.close()

