"""Seeded synthetic bilingual corpora and query sets for the search benchmark.

Words follow a Zipf distribution over a German and an English vocabulary. Each vocabulary starts
with real words (function words first, then the technical vocabulary of the cluster programme)
and continues with synthetic words built from real affixes and stems, so prefixes such as
``ver``, ``aus`` and ``con`` expand to thousands of terms as they do in real text. German
vocabularies include compounds (``Leichtbauteile``, ``Netzsteuerungsverfahren``).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from search_index import Document

#: Exponent of the Zipf distribution of word frequencies (about 1 in natural language).
ZIPF_EXPONENT = 1.05

GERMAN_FUNCTION_WORDS = """
der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an
werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum
war haben nur oder aber vor zur bis mehr durch man sein wurde sei ihre neue neuen
""".split()

GERMAN_WORDS = """
Leichtbau Fahrzeug Fahrzeuge Batterie Batterien Sensor Sensoren Maschine Maschinen Energie
Netz Netze Daten Forschung Entwicklung Verfahren Werkstoff Werkstoffe Anlage Anlagen Steuerung
System Systeme Produkt Produkte Prozess Prozesse Qualität Mobilität Elektromobilität Medizin
Therapie Therapien Zelle Zellen Chip Halbleiter Solarzelle Photovoltaik Logistik Wasser Luft
Bau Teil Teile Faser Fasern Verbund Carbon Kunststoff Aluminium Stahl Glas Holz Strom Wärme
Speicher Ladung Ladestation Infrastruktur Region Unternehmen Hochschule Hochschulen Institut
Universität Mittelstand Innovation Innovationen Projekt Projekte Cluster Spitzencluster Partner
Netzwerk Wissen Technologie Technologien Lösung Lösungen Markt Märkte Kunden Anwendung
Anwendungen Herstellung Fertigung Produktion Automatisierung Digitalisierung Industrie Software
Plattform Dienstleistung Effizienz Energieeffizienz Nachhaltigkeit Klimaschutz Umwelt Gesundheit
Diagnose Biomarker Wirkstoff Patienten Klinik Krankenhaus Labor Messung Messtechnik Optik Laser
Licht Photonik Mikroelektronik Elektronik Funk Kommunikation Sicherheit Qualitätssicherung
Simulation Modell Modelle Konstruktion Bauteil Bauteile Leichtbauteile Luftfahrt Flugzeug
Automobil Antrieb Motor Getriebe Straße Schiene Verkehr Logistikzentrum Hafen Großserie Serie
Prototyp Pilotanlage Demonstrator Förderung Bundesministerium Wettbewerb Strategie Zukunft
intelligent intelligente neue effizient nachhaltig digital technische wirtschaftliche regionale
entwickelt erforscht verbessert gemeinsam schnell sicher günstig flexibel modular vernetzt
selbstoptimierend personalisierte zielgerichtete biologische chemische elektrische mechanische
""".split()

ENGLISH_FUNCTION_WORDS = """
the of and to in a is that for it as was with be by on not he this are or his from at which but
have an they you were her she there been one all we their has would when if more can its new
into than them about these so some other only also such
""".split()

ENGLISH_WORDS = """
lightweight vehicle vehicles battery batteries sensor sensors machine machines energy grid data
research development process processes material materials plant plants control system systems
product products quality mobility electric medicine therapy therapies cell cells chip
semiconductor solar photovoltaics logistics water air construction part parts fibre fibres
composite carbon plastic aluminium steel glass wood power heat storage charging infrastructure
region company companies university universities institute innovation innovations project
projects cluster partner network knowledge technology technologies solution solutions market
markets customer customers application applications manufacturing production automation
digitalisation industry software platform service efficiency sustainability climate environment
health diagnosis biomarker drug patients clinic hospital laboratory measurement optics laser light
photonics microelectronics electronics wireless communication security simulation model models
design component components aviation aircraft automotive drive engine gearbox road rail traffic
port prototype pilot demonstrator funding ministry competition strategy future intelligent
efficient sustainable digital technical economic regional developed improved jointly fast safe
flexible modular connected personalised targeted biological chemical electrical mechanical
""".split()

GERMAN_PREFIXES = "ver be ent zer ge an auf aus ein um ab vor nach mit über unter durch".split()
GERMAN_STEMS = """
bau werk stoff zeug fahr richt halt leit trieb stell leg setz zieh spann schalt press
kraft strom netz licht bahn land stadt feld berg zell stein glas holz metall wärm kühl
wasch misch schweiß mess prüf steuer lager lade speich form guss dreh fräs bohr schleif
""".split()
GERMAN_SUFFIXES = "ung ungen er en e keit heit schaft lich isch ig nis tum anlage technik system".split()

ENGLISH_PREFIXES = "con pro re de in ex com trans inter sub pre dis over under multi micro".split()
ENGLISH_STEMS = """
struct form port duct gen tech log graph net sys tem volt cell mat fab sens dyn flux
therm chem bio opt magn spect phot elect mot grad vert ject tract press scrib
""".split()
ENGLISH_SUFFIXES = "tion tions ment ments ness able ing ed er ers ity ous al ive ize ized".split()

CLUSTERS = [
    ("its-owl", 3, "Industrie 4.0"),
    ("mai-carbon", 3, "Leichtbau"),
    ("emobil-sw", 3, "Elektromobilität"),
    ("m4", 2, "Medizin"),
    ("cool-silicon", 2, "Mikroelektronik"),
    ("biopharma", 1, "Biotechnologie"),
    ("solarvalley", 1, "Photovoltaik"),
    ("forum-organic", 1, "Organische Elektronik"),
    ("software-cluster", 2, "Software"),
    ("effizienzcluster", 2, "Logistik"),
    ("medical-valley", 1, "Medizintechnik"),
    ("luftfahrtcluster", 1, "Luftfahrt"),
    ("microtec", 2, "Mikrosystemtechnik"),
    ("bioeconomy", 3, "Bioökonomie"),
    ("optence", 3, "Photonik"),
]
KINDS = ("cluster", "project", "innovation", "organisation", "session")
KIND_WEIGHTS = (1, 40, 20, 35, 4)


def _synthetic_words(rng: random.Random, prefixes, stems, suffixes, count: int) -> list[str]:
    """Make plausible words from affixes and stems, unique and in random order."""
    made = set()
    attempts = 0
    while len(made) < count and attempts < count * 20:
        attempts += 1
        parts = []
        if rng.random() < 0.6:
            parts.append(rng.choice(prefixes))
        parts.extend(rng.choice(stems) for _ in range(rng.choice((1, 1, 2))))
        if rng.random() < 0.8:
            parts.append(rng.choice(suffixes))
        made.add("".join(parts))
    words = sorted(made)
    rng.shuffle(words)
    return words


def _german_compounds(rng: random.Random, nouns: list[str], count: int) -> list[str]:
    """Join two nouns the German way (``Leichtbau`` + ``Teile`` = ``Leichtbauteile``)."""
    made = set()
    for _ in range(count * 3):
        head, tail = rng.choice(nouns), rng.choice(nouns)
        if head != tail:
            joint = rng.choice(("", "", "s"))
            made.add(head + joint + tail.lower())
        if len(made) >= count:
            break
    words = sorted(made)
    rng.shuffle(words)
    return words


@dataclass
class Vocabulary:
    """Words of one language in Zipf rank order, with a sampler."""

    words: list[str]
    cumulative: list[float]

    @classmethod
    def zipf(cls, words: list[str]) -> "Vocabulary":
        """Give the word at rank r a weight of 1/r^s."""
        weights = [1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, len(words) + 1)]
        return cls(words, list(itertools.accumulate(weights)))

    def sample(self, rng: random.Random, count: int) -> list[str]:
        """Draw words by frequency."""
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def rank_of(self, word: str) -> int:
        """Rank of a word (0 = most frequent); slow, for building queries only."""
        return self.words.index(word)


def vocabularies(seed: int) -> tuple[Vocabulary, Vocabulary]:
    """Build the German and English vocabularies (about 45k and 30k words)."""
    rng = random.Random(seed)
    german_nouns = [word for word in GERMAN_WORDS if word[0].isupper()]
    german_synthetic = _synthetic_words(rng, GERMAN_PREFIXES, GERMAN_STEMS, GERMAN_SUFFIXES, 25_000)
    german_compounds = _german_compounds(rng, german_nouns + [w.capitalize() for w in german_synthetic[:3000]], 15_000)
    german_tail = german_synthetic + german_compounds
    rng.shuffle(german_tail)
    german = GERMAN_FUNCTION_WORDS + GERMAN_WORDS + german_tail
    english_synthetic = _synthetic_words(rng, ENGLISH_PREFIXES, ENGLISH_STEMS, ENGLISH_SUFFIXES, 30_000)
    english = ENGLISH_FUNCTION_WORDS + ENGLISH_WORDS + english_synthetic
    return Vocabulary.zipf(list(dict.fromkeys(german))), Vocabulary.zipf(list(dict.fromkeys(english)))


def _sentence(words: list[str]) -> str:
    """Join words into sentence-like text with some punctuation."""
    pieces = []
    for position, word in enumerate(words):
        pieces.append(word)
        if position % 11 == 10:
            pieces[-1] += "."
        elif position % 7 == 6:
            pieces[-1] += ","
    text = " ".join(pieces)
    return text[:1].upper() + text[1:]


def make_corpus(size: int, seed: int = 42) -> tuple[list[Document], Vocabulary, Vocabulary]:
    """Generate ``size`` bilingual documents; the same seed gives the same corpus.

    Titles have 3 to 10 words, bodies 30 to 150 words per language (about 600 characters on
    average), documents 3 keywords per language, organisations a name.
    """
    german, english = vocabularies(seed)
    rng = random.Random(seed + size)
    documents = []
    kinds = rng.choices(KINDS, weights=KIND_WEIGHTS, k=size)
    for number, kind in enumerate(kinds):
        cluster, round_, field = CLUSTERS[number % len(CLUSTERS)]
        title_length = rng.randint(3, 10)
        body_length = rng.randint(30, 150)
        names = []
        if kind == "organisation":
            names = [" ".join(w.capitalize() for w in german.sample(rng, 2)) + rng.choice([" GmbH", " AG", " e.V.", ""])]
        documents.append(
            Document(
                kind=kind,
                key=f"{kind}:{number}",
                slug=f"{kind}-{number}",
                titles={"de": _sentence(german.sample(rng, title_length)), "en": _sentence(english.sample(rng, title_length))},
                texts={"de": _sentence(german.sample(rng, body_length)), "en": _sentence(english.sample(rng, body_length))},
                names=names,
                keywords={"de": german.sample(rng, 3), "en": english.sample(rng, 3)},
                cluster=cluster,
                round=round_,
                field=field,
            )
        )
    return documents, german, english


@dataclass
class BenchQuery:
    """One benchmark query in both dialects: what a person types, and the FTS5 MATCH string."""

    kind: str
    typed: str
    fts: str
    words: tuple[str, ...]


def _content_word(rng: random.Random, vocabulary: Vocabulary, low: int, high: int, min_length: int = 3) -> str:
    """Draw a word of mid frequency (ranks low..high): what people search for."""
    while True:
        word = vocabulary.words[rng.randint(low, min(high, len(vocabulary.words) - 1))]
        if len(word) >= min_length and word.isalpha():
            return word


def _misspell(rng: random.Random, word: str) -> str:
    """Introduce one edit (two for words of 8+ letters), never at the first letter."""
    edits = 2 if len(word) >= 8 else 1
    letters = list(word.lower())
    for _ in range(edits):
        position = rng.randint(1, len(letters) - 1)
        operation = rng.choice(("substitute", "delete", "insert", "swap"))
        if operation == "substitute":
            letters[position] = rng.choice("abcdefghiklmnoprstuz")
        elif operation == "delete" and len(letters) > 4:
            del letters[position]
        elif operation == "insert":
            letters.insert(position, rng.choice("aeinrst"))
        elif position + 1 < len(letters):
            letters[position], letters[position + 1] = letters[position + 1], letters[position]
    return "".join(letters)


def make_queries(documents: list[Document], german: Vocabulary, english: Vocabulary, per_kind: int, seed: int = 7) -> list[BenchQuery]:
    """Draw ``per_kind`` distinct queries of each type: term, two terms, phrase, prefix, typo.

    Terms come from vocabulary ranks 30 to 5000 (content words, not function words). Two-term
    and phrase queries are taken from a random document's body, so they have at least one match.
    A complete word is typed with a trailing space (it is not being typed any more); the prefix
    query is the first 3 to 5 letters of a word, typed without one.
    """
    rng = random.Random(seed)
    queries: list[BenchQuery] = []
    seen: set[str] = set()

    def add(kind: str, typed: str, fts: str, words: tuple[str, ...]) -> bool:
        if typed in seen:
            return False
        seen.add(typed)
        queries.append(BenchQuery(kind, typed, fts, words))
        return True

    def language() -> Vocabulary:
        return german if rng.random() < 0.5 else english

    def body_words(document: Document) -> list[str]:
        lang = rng.choice(("de", "en"))
        return [w.strip(".,").lower() for w in document.texts[lang].split()]

    for kind in ("term", "term-typing", "two-terms", "phrase", "prefix", "typo"):
        made = 0
        while made < per_kind:
            if kind in ("term", "term-typing"):
                word = _content_word(rng, language(), 30, 5000).lower()
                typed = word + (" " if kind == "term" else "")
                made += add(kind, typed, f'"{word}"' if kind == "term" else f'"{word}"*', (word,))
            elif kind == "two-terms":
                candidates = [w for w in body_words(rng.choice(documents)) if len(w) > 3]
                if len(candidates) < 2:
                    continue
                first, second = rng.sample(candidates, 2)
                made += add(kind, f"{first} {second} ", f'"{first}" "{second}"', (first, second))
            elif kind == "phrase":
                tokens = body_words(rng.choice(documents))
                start = rng.randint(0, len(tokens) - 2)
                pair = tokens[start : start + 2]
                if not all(w.isalpha() for w in pair):
                    continue
                made += add(kind, f'"{pair[0]} {pair[1]}"', f'"{pair[0]} {pair[1]}"', tuple(pair))
            elif kind == "prefix":
                word = _content_word(rng, language(), 30, 5000, min_length=6).lower()
                prefix = word[: rng.randint(3, 5)]
                made += add(kind, prefix, f'"{prefix}"*', (prefix,))
            else:
                word = _content_word(rng, language(), 30, 5000, min_length=5).lower()
                typo = _misspell(rng, word)
                if typo == word:
                    continue
                made += add(kind, typo + " ", f'"{typo}"', (typo,))
    return queries


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the values lie (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = max(0, min(len(ordered) - 1, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[index]


__all__ = ["BenchQuery", "Vocabulary", "make_corpus", "make_queries", "percentile"]
