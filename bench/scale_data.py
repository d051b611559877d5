"""Synthetic, seeded import bundles of thousands of records, for measuring how the directory scales.

    python bench/scale_data.py --size 20000 --out /work/scale/bundle-20000.json [--seed 14]

SYNTHETIC DATA, for benchmarks and tests only; it must never land in seed_data/. Every generated record
says so: slugs start with `synth-`, sources and websites point under `https://example.org/synthetic/`,
and every project and innovation text ends with a sentence saying it is synthetic.

The bundle holds organisations, projects and innovations in the seed's proportions (100 : 62 : 49), in
German and English, built from the seed's own bilingual topics (each cluster's projects from that
cluster's vocabulary) and a fixed list of sentence templates, so searches over it meet the words visitors
use. References are real: projects name seed clusters and generated organisations (mostly members of the
project's cluster), innovations name a generated project of their own cluster (or none, as in the seed).
The same size and seed give the same bundle, byte for byte.
"""

import argparse
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "seed_data"
MARKER = "synth"
SOURCE_BASE = "https://example.org/synthetic"
# The seed's counts of organisations, projects and innovations: generated bundles keep these proportions.
SEED_PROPORTIONS = {"organisations": 100, "projects": 62, "innovations": 49}
# (share, count) of the seed's projects by number of partners, and of organisations by number of clusters.
PARTNER_COUNTS = ((29, 0), (31, 1), (16, 2), (11, 3), (5, 4), (3, 5), (2, 6), (2, 7), (1, 10))
MEMBERSHIP_COUNTS = ((2, 0), (87, 1), (10, 2), (1, 3))
ORGANISATION_TYPES = ((39, "company"), (25, "research_institute"), (25, "university"), (8, "sme"),
                      (2, "association"), (1, "public_body"))
INNOVATION_KINDS = ((15, "prototype"), (12, "method"), (11, "platform"), (6, "product"), (5, "service"))
MATURITY_LEVELS = ((29, "research"), (8, "prototype"), (6, "pilot"), (6, "market"))
CITIES = ("Heidelberg", "Stuttgart", "Hamburg", "Dresden", "Freiburg im Breisgau", "Augsburg", "Darmstadt",
          "Erlangen", "München", "Mainz", "Dortmund", "Paderborn", "Mannheim", "Halle (Saale)", "Leuna", "Leipzig",
          "Karlsruhe", "Köln", "Bonn", "Freiberg", "Ilmenau", "Frankfurt am Main", "Duisburg", "Bayreuth",
          "Saarbrücken", "Kaiserslautern", "Rosenheim", "Nürnberg", "Bielefeld", "Jena", "Magdeburg", "Ulm",
          "Aachen", "Bremen", "Chemnitz", "Würzburg", "Regensburg", "Göttingen", "Kiel", "Rostock")
SURNAMES = ("Albrecht", "Bauer", "Becker", "Brandt", "Dietrich", "Engel", "Fischer", "Franke", "Graf", "Hahn",
            "Hartmann", "Heinrich", "Hoffmann", "Horn", "Jung", "Kaiser", "Keller", "Kessler", "Koch", "Krämer",
            "Krause", "Kühn", "Lang", "Lehmann", "Lorenz", "Ludwig", "Maier", "Martin", "Möller", "Neumann",
            "Otto", "Peters", "Pohl", "Richter", "Roth", "Sauer", "Schäfer", "Scholz", "Schreiber", "Schubert",
            "Schulz", "Schwarz", "Seidel", "Sommer", "Stein", "Thomas", "Vogel", "Vogt", "Walter", "Weber",
            "Werner", "Winkler", "Wolf", "Ziegler", "Zimmermann", "Arnold", "Böhm", "Frank", "Haas", "Kraft")
# German and English name parts of an organisation's field of work.
FIELDS = (("Sensorik", "Sensors"), ("Leichtbau", "Lightweight Engineering"), ("Photonik", "Photonics"),
          ("Werkstofftechnik", "Materials Engineering"), ("Medizintechnik", "Medical Technology"),
          ("Biotechnologie", "Biotechnology"), ("Logistik", "Logistics"), ("Energiesysteme", "Energy Systems"),
          ("Mikroelektronik", "Microelectronics"), ("Automatisierung", "Automation"), ("Software", "Software"),
          ("Verfahrenstechnik", "Process Engineering"), ("Solartechnik", "Solar Technology"),
          ("Luftfahrttechnik", "Aeronautics"), ("Elektromobilität", "Electric Mobility"),
          ("Diagnostik", "Diagnostics"), ("Robotik", "Robotics"), ("Chemie", "Chemistry"),
          ("Kunststofftechnik", "Plastics Engineering"), ("Datenanalyse", "Data Analytics"),
          ("Antriebstechnik", "Drive Technology"), ("Oberflächentechnik", "Surface Engineering"),
          ("Messtechnik", "Metrology"), ("Bioökonomie", "Bioeconomy"), ("Faserverbundtechnik", "Fibre Composites"))
COMPANY_FORMS = ("GmbH", "AG", "GmbH & Co. KG", "SE", "KG")
SME_FORMS = ("GmbH", "UG (haftungsbeschränkt)", "GmbH & Co. KG", "e.K.")
PROJECT_TITLES = (
    ("{a} – neue Verfahren für {t1} und {t2}", "{a} – new methods for {t1} and {t2}"),
    ("{a}: {t1} für die industrielle Anwendung", "{a}: {t1} for industrial use"),
    ("{a} – Plattform für {t1}", "{a} – a platform for {t1}"),
    ("{a}: {t1} im Verbund mit {t2}", "{a}: {t1} combined with {t2}"),
    ("{a} – Demonstrator für {t1}", "{a} – a demonstrator for {t1}"),
)
PROJECT_SENTENCES = (
    ("Das Verbundprojekt {a} des Spitzenclusters {c} verbindet {t1} mit {t2}.",
     "The joint project {a} of the {c} cluster combines {t1} with {t2}."),
    ("Die Partner entwickeln Werkzeuge und Prozesse, mit denen sich {t1} schneller in Produkte überführen lässt.",
     "The partners develop tools and processes that bring {t1} into products faster."),
    ("Im Mittelpunkt stehen {t1}, {t2} und die Frage, wie kleine und mittlere Unternehmen davon profitieren.",
     "The focus is on {t1}, {t2} and how small and medium-sized enterprises can benefit."),
    ("Erste Ergebnisse zu {t1} wurden in {city} an einer Pilotanlage erprobt.",
     "First results on {t1} were tested on a pilot line in {city}."),
    ("Hochschulen, Forschungsinstitute und Unternehmen der Region arbeiten dafür an {t2} zusammen.",
     "Universities, research institutes and companies of the region work together on {t2} for this."),
    ("Ziel ist es, {t1} wirtschaftlich nutzbar zu machen und neue Arbeitsplätze zu schaffen.",
     "The aim is to make {t1} commercially viable and to create new jobs."),
    ("Das Vorhaben wird vom Bundesministerium für Bildung und Forschung gefördert.",
     "The project is funded by the Federal Ministry of Education and Research."),
)
INNOVATION_TITLES = (
    ("{t1}: {kind_de} aus dem Projekt {a}", "{t1}: a {kind_en} from the {a} project"),
    ("{kind_de} für {t1} und {t2}", "A {kind_en} for {t1} and {t2}"),
    ("{a} – {t1} in der Praxis", "{a} – {t1} in practice"),
)
INNOVATION_SENTENCES = (
    ("Die Entwicklung zeigt, wie sich {t1} im Alltag von Unternehmen einsetzen lässt.",
     "The development shows how {t1} can be used in companies' daily work."),
    ("Sie verbindet {t1} mit {t2} und wurde gemeinsam mit Anwendern in {city} erprobt.",
     "It combines {t1} with {t2} and was tested together with users in {city}."),
    ("Am Stand des Clusters {c} ist eine Vorführung zu sehen.",
     "A demonstration can be seen at the stand of the {c} cluster."),
    ("Die Entwicklung senkt Kosten und Energiebedarf bei {t2}.",
     "The development lowers costs and energy use in {t2}."),
)
SYNTHETIC_SENTENCE = ("Synthetischer Testdatensatz, kein echtes Vorhaben.", "Synthetic test record, not a real project.")
KIND_WORDS = {"prototype": ("Prototyp", "prototype"), "method": ("Verfahren", "method"),
              "platform": ("Plattform", "platform"), "product": ("Produkt", "product"),
              "service": ("Dienst", "service")}
ACRONYM_SYLLABLES = ("KO", "RA", "VI", "TA", "NO", "LE", "MA", "SE", "PRO", "TEC", "BIO", "EN", "OP", "LU", "XI",
                     "AM", "DI", "GE", "IN", "MO")


def weighted(rng: random.Random, table: tuple[tuple[int, object], ...]):
    return rng.choices([value for _, value in table], weights=[weight for weight, _ in table])[0]


def slugify(text: str) -> str:
    """A slug as the seed writes them: umlauts spelt out, anything else folded to ASCII, single hyphens."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def read_seed(seed_dir: Path) -> tuple[list[dict], dict[str, list[tuple[str, str]]]]:
    """The seed's clusters, and each cluster's bilingual topics (German and English label pairs)."""
    clusters = json.loads((seed_dir / "clusters.json").read_text(encoding="utf-8"))["clusters"]
    topics: dict[str, list[tuple[str, str]]] = {cluster["slug"]: [] for cluster in clusters}
    for path in sorted(seed_dir.glob("content-*.json")):
        for project in json.loads(path.read_text(encoding="utf-8")).get("projects", []):
            pairs = topics.setdefault(project["cluster"], [])
            for pair in zip(project["topics"]["de"], project["topics"]["en"]):
                if pair not in pairs:
                    pairs.append(pair)
    return clusters, topics


def vocabulary(seed_dir: Path = SEED_DIR) -> list[tuple[str, str]]:
    """Every bilingual topic the generated texts are built from, in a fixed order: what bench queries use."""
    _, topics = read_seed(seed_dir)
    pairs = [pair for cluster_slug in sorted(topics) for pair in topics[cluster_slug]]
    pairs.extend(FIELDS)
    return list(dict.fromkeys(pairs))


def counts_for(size: int) -> dict[str, int]:
    """How many records of each kind make `size` in the seed's proportions (summing exactly to `size`)."""
    total = sum(SEED_PROPORTIONS.values())
    counts = {kind: size * share // total for kind, share in SEED_PROPORTIONS.items()}
    counts["organisations"] += size - sum(counts.values())
    return counts


def source_date(rng: random.Random) -> str:
    year = rng.randint(2008, 2015)
    precision = rng.random()
    if precision < 0.3:
        return str(year)
    if precision < 0.5:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def unique_slug(base: str, taken: set[str]) -> str:
    """`synth-<base>`, cut to fit 80 characters, numbered when taken."""
    stem = f"{MARKER}-{slugify(base)}"[:72].strip("-")
    slug, number = stem, 2
    while slug in taken:
        slug = f"{stem}-{number}"
        number += 1
    taken.add(slug)
    return slug


def organisation_name(rng: random.Random, kind: str, city: str) -> str:
    field_de, field_en = rng.choice(FIELDS)
    if kind == "university":
        return rng.choice((f"Hochschule {city}, Fachgebiet {field_de}",
                           f"Universität {city}, Lehrstuhl für {field_de} {rng.choice(SURNAMES)}"))
    if kind == "research_institute":
        return f"Institut für {field_de} {city} ({rng.choice(SURNAMES)}-Labor)"
    if kind == "association":
        return f"Netzwerk {field_de} {city} e.V."
    if kind == "public_body":
        return f"Landesagentur für {field_de} {city}"
    owners = rng.choice((rng.choice(SURNAMES), f"{rng.choice(SURNAMES)} & {rng.choice(SURNAMES)}"))
    forms = SME_FORMS if kind == "sme" else COMPANY_FORMS
    return f"{owners} {rng.choice((field_de, field_en))} {rng.choice(forms)}"


def organisations(rng: random.Random, count: int, cluster_slugs: list[str], taken: set[str]) -> list[dict]:
    records = []
    for _ in range(count):
        kind = weighted(rng, ORGANISATION_TYPES)
        city = rng.choice(CITIES)
        name = organisation_name(rng, kind, city)
        slug = unique_slug(name, taken)
        members = sorted(rng.sample(cluster_slugs, weighted(rng, MEMBERSHIP_COUNTS)))
        records.append({"slug": slug, "name": name, "type": kind, "city": city,
                        "website": f"{SOURCE_BASE}/sites/{slug}" if rng.random() < 0.6 else None,
                        "clusters": members})
    return records


def acronym(rng: random.Random) -> str:
    return "".join(rng.choice(ACRONYM_SYLLABLES) for _ in range(rng.randint(2, 3)))


def fill(templates: tuple[str, str], words: dict) -> dict[str, str]:
    de, en = templates
    return {"de": de.format(**words["de"]), "en": en.format(**words["en"])}


def slot_words(rng: random.Random, topics: list[tuple[str, str]], extra: dict) -> dict:
    """The words one sentence is filled with, in both languages: two distinct topics and the extras."""
    (t1_de, t1_en), (t2_de, t2_en) = rng.sample(topics, 2)
    return {"de": {"t1": t1_de, "t2": t2_de, **extra["de"]}, "en": {"t1": t1_en, "t2": t2_en, **extra["en"]}}


def text(rng: random.Random, sentences: tuple, topics: list, extra: dict, count: int) -> dict[str, str]:
    """Some sentences, the same in both languages, then the sentence saying the record is synthetic."""
    chosen = rng.sample(sentences, count)
    filled = [fill(template, slot_words(rng, topics, extra)) for template in chosen]
    filled.append(fill(SYNTHETIC_SENTENCE, {"de": {}, "en": {}}))
    return {lang: " ".join(sentence[lang] for sentence in filled) for lang in ("de", "en")}


def projects(rng: random.Random, count: int, clusters: list[dict], topics: dict, members: dict,
             organisation_slugs: list[str], taken: set[str]) -> list[dict]:
    records = []
    for _ in range(count):
        cluster = rng.choice(clusters)
        vocabulary_of = topics[cluster["slug"]]
        name = acronym(rng)
        extra = {lang: {"a": name, "c": cluster["short_name"], "city": rng.choice(CITIES)} for lang in ("de", "en")}
        title = fill(rng.choice(PROJECT_TITLES), slot_words(rng, vocabulary_of, extra))
        chosen_topics = rng.sample(vocabulary_of, min(len(vocabulary_of), rng.choice((4, 5, 5, 6))))
        partner_count = weighted(rng, PARTNER_COUNTS)
        pool = members.get(cluster["slug"]) or organisation_slugs
        partners = rng.sample(pool, min(partner_count, len(pool)))
        funded = rng.random() < 0.21
        start_year = rng.randint(2009, 2014)
        slug = unique_slug(f"{name}-{title['en'].split('–')[-1].split(':')[-1]}"[:50], taken)
        records.append({
            "slug": slug,
            "cluster": cluster["slug"],
            "title": title,
            "summary": text(rng, PROJECT_SENTENCES, vocabulary_of, extra, 4),
            "topics": {"de": [de for de, _ in chosen_topics], "en": [en for _, en in chosen_topics]},
            "funding_start": f"{start_year}-{rng.randint(1, 12):02d}-01" if funded else None,
            "funding_end": f"{start_year + rng.randint(2, 5)}-{rng.randint(1, 12):02d}-28" if funded else None,
            "organisations": sorted(partners),
            "website": f"{SOURCE_BASE}/sites/{slug}" if rng.random() < 0.07 else None,
            "source": f"{SOURCE_BASE}/projects/{slug}",
            "source_date": source_date(rng),
        })
    return records


def innovations(rng: random.Random, count: int, clusters: list[dict], topics: dict, project_records: list[dict],
                taken: set[str]) -> list[dict]:
    by_cluster: dict[str, list[dict]] = {}
    for project in project_records:
        by_cluster.setdefault(project["cluster"], []).append(project)
    records = []
    for _ in range(count):
        project = rng.choice(project_records) if rng.random() < 0.9 else None
        cluster = next(c for c in clusters if c["slug"] == project["cluster"]) if project else rng.choice(clusters)
        name = project["title"]["en"].split(" ")[0].rstrip(":") if project else acronym(rng)
        kind = weighted(rng, INNOVATION_KINDS)
        kind_de, kind_en = KIND_WORDS[kind]
        extra = {"de": {"a": name, "c": cluster["short_name"], "city": rng.choice(CITIES), "kind_de": kind_de},
                 "en": {"a": name, "c": cluster["short_name"], "city": rng.choice(CITIES), "kind_en": kind_en}}
        vocabulary_of = topics[cluster["slug"]]
        title = fill(rng.choice(INNOVATION_TITLES), slot_words(rng, vocabulary_of, extra))
        slug = unique_slug(f"{name}-{kind_en}-{title['en'].split(':')[0].split('–')[-1]}"[:50], taken)
        records.append({
            "slug": slug,
            "cluster": cluster["slug"],
            "project": project["slug"] if project else None,
            "title": title,
            "description": text(rng, INNOVATION_SENTENCES, vocabulary_of, extra, 3),
            "kind": kind,
            "maturity": weighted(rng, MATURITY_LEVELS),
            "image_url": None,
            "source": f"{SOURCE_BASE}/innovations/{slug}",
            "source_date": source_date(rng),
            "featured": rng.random() < 0.02,
        })
    return records


def generate(size: int, *, seed: int = 14, seed_dir: Path = SEED_DIR) -> dict[str, list[dict]]:
    """A synthetic bundle of about `size` records (organisations, projects, innovations) over the seed's clusters."""
    rng = random.Random(f"showcase-scale-{seed}-{size}")
    clusters, topics = read_seed(seed_dir)
    cluster_slugs = [cluster["slug"] for cluster in clusters]
    counts = counts_for(size)
    taken: set[str] = set()
    organisation_records = organisations(rng, counts["organisations"], cluster_slugs, taken)
    members: dict[str, list[str]] = {}
    for organisation in organisation_records:
        for cluster_slug in organisation["clusters"]:
            members.setdefault(cluster_slug, []).append(organisation["slug"])
    organisation_slugs = [organisation["slug"] for organisation in organisation_records]
    project_records = projects(rng, counts["projects"], clusters, topics, members, organisation_slugs, taken)
    return {
        "organisations": organisation_records,
        "projects": project_records,
        "innovations": innovations(rng, counts["innovations"], clusters, topics, project_records, taken),
    }


def write_bundle(bundle: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(bundle, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="records in all (organisations, projects, innovations)")
    parser.add_argument("--out", type=Path, required=True, help="the bundle file to write")
    parser.add_argument("--seed", type=int, default=14, help="random seed; the same seed gives the same bundle")
    args = parser.parse_args(argv)
    if resolved_inside(args.out, SEED_DIR):
        sys.exit("Synthetic data never goes into seed_data/.")
    bundle = generate(args.size, seed=args.seed)
    write_bundle(bundle, args.out)
    print(f"Wrote {args.out}: " + ", ".join(f"{len(records)} {kind}" for kind, records in bundle.items()))


def resolved_inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


if __name__ == "__main__":
    main()
