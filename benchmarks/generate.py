"""(N, seed) → synthetic ESF pages (layouts a, b, c), ERDF-style JSON/CSV lists, truth.

The corpus imitates the real documents in ``../shared/corpus`` and ``seeds/``: the
three project-bank page layouts with their site chrome, label conventions and number
formats, and the bulk project list of Tillväxtverket's project bank. Owners and
partners come from a heavy-tailed actor population (the hubs of
``graphkit/ontology/actors.yaml`` and many generated one-off organisations), written
with the spelling variants and noise lines real pages show. ``truth.jsonl`` says, per
document, what a reader should find in it.

Every project ``i`` is drawn from its own ``random.Random(f"{seed}/{i}")``, so the
output is byte-identical for the same arguments, and the first ``k`` projects of a
bigger corpus are the ``k`` projects of a smaller one.

Example (not executed)::

    python benchmarks/generate.py --projects 1000 --seed 1 -o /tmp/corpus
    graphkit build /tmp/corpus/pages -o /tmp/exports
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

__all__ = [
    "FORMATS",
    "Project",
    "generate",
    "list_record",
    "main",
    "make_project",
    "render_page",
]

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "graphkit" / "data"
ACTORS = ROOT / "graphkit" / "ontology" / "actors.yaml"

#: Output formats: one page per project, or all projects in one JSON / CSV list.
FORMATS = ("pages", "json", "csv")

#: Columns of the bulk list, as in Tillväxtverket's project bank (erdf/sample.json).
LIST_COLUMNS = (
    "_source",
    "ärende-id",
    "stödmottagare",
    "beviljat_belopp_sek",
    "beviljat_belopp_eur",
    "projektnamn",
    "projektbeskrivning",
    "projekt_starttid",
    "projekt_sluttid",
    "projektledare",
    "telnr",
    "e-post",
    "län",
    "kommuner",
    "uppdateringsdatum",
    "område",
    "insatsområde",
    "tematiskt_mål",
)

NBSP = "\u00a0"

# ------------------------------------------------------------------ reference data


#: A registry actor: id, name, aliases, type, weight (~ 1/rank).
_Hub = tuple[str, str, tuple[str, ...], str, float]


@dataclass(frozen=True)
class _Reference:
    municipalities: tuple[tuple[str, str, str], ...]  # code, short name, county code
    counties: dict[str, str]  # county code -> short name
    regions: tuple[tuple[str, tuple[str, ...]], ...]  # ESF region name, county codes
    hubs: tuple[_Hub, ...]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


#: Hubs first, in falling order of how often they take part (weight ~ 1/rank).
_HUB_ORDER = (
    "arbetsformedlingen",
    "coompanion-sverige",
    "skr",
    "skoopi",
    "forsakringskassan",
    "coompanion-skane",
    "coompanion-goteborgsregionen",
    "coompanion-stockholms-lan",
    "reves",
    "coompanion-uppsala",
    "coompanion-jonkopings-lan",
    "coompanion-sjuharad",
    "kooperativ-utveckling-dalarna",
    "coompanion-roslagen",
    "kfo",
    "tillvaxtverket",
    "esf-radet",
    "svenska-roda-korset",
    "hela-sverige-ska-leva",
    "mikrofonden",
    "ekobanken",
    "region-skane",
    "forum-ideburna-organisationer",
    "vagen-ut",
)


def _load_reference() -> _Reference:
    municipalities = tuple(
        (r["municipality_code"], r["municipality_name_short"], r["county_code"])
        for r in _read_csv(DATA / "municipalities.csv")
    )
    counties = {
        r["county_code"]: r["county_name_short"]
        for r in _read_csv(DATA / "counties.csv")
    }
    regions = tuple(
        (
            r["region_name"].replace("och öarna", "och Öarna"),
            tuple(r["county_codes"].split(";")),
        )
        for r in _read_csv(DATA / "esf_regions.csv")
    )
    entries = yaml.safe_load(ACTORS.read_text(encoding="utf-8"))
    hubs = []
    for entry in entries:
        rank = (
            _HUB_ORDER.index(entry["id"])
            if entry["id"] in _HUB_ORDER
            else len(_HUB_ORDER) + 10
        )
        aliases = tuple(a for a in entry.get("aliases", ()) if len(a) > 3)
        hubs.append(
            (entry["id"], entry["name"], aliases, entry["type"], 1.0 / (rank + 1))
        )
    return _Reference(municipalities, counties, regions, tuple(hubs))


# ------------------------------------------------------------------ words

_FIRST = (
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Anders",
    "Eva",
    "Johan",
    "Sara",
    "Per",
    "Lena",
    "Mikael",
    "Åsa",
    "Olof",
    "Ingrid",
    "Fredrik",
    "Sandra",
    "Tina",
    "Ulrica",
    "Maud",
    "Jonas",
    "Susanne",
    "Ronny",
    "Björn",
    "Märta",
    "Göran",
)
_LAST = (
    "Johansson",
    "Andersson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindelöf",
    "Bengtsson",
    "Andreasson",
    "Widheimer",
    "Landin",
    "Hallberg",
    "Juuso",
    "Engström",
    "Åberg",
    "Öhman",
    "Sjöberg",
    "Holm",
)
_WORDS = (
    "Vägen",
    "Framtid",
    "Gemenskap",
    "Resurs",
    "Hopp",
    "Kraft",
    "Växthuset",
    "Kompassen",
    "Bryggan",
    "Navet",
    "Lärkan",
    "Linnea",
    "Trädgården",
    "Verkstan",
    "Ljuset",
    "Solrosen",
    "Ankaret",
    "Fyren",
    "Källan",
    "Mötesplatsen",
    "Steget",
    "Nytta",
    "Allköp",
    "Bygdekraft",
    "Tillsammans",
)
_VILLAGES = (
    "Björkby",
    "Ekeby",
    "Lindås",
    "Sörby",
    "Norrvik",
    "Hagalund",
    "Backa",
    "Rinkeby",
    "Tensta",
    "Rosengård",
    "Hammarkullen",
    "Gottsunda",
    "Skäggetorp",
    "Fittja",
    "Alby",
    "Kroksbäck",
    "Vivalla",
    "Navestad",
    "Bergsjön",
    "Husby",
)
#: Templates of one-off organisations: '<Place> <Kooperativ|Förening|Stiftelse|...>'.
_ORG_TEMPLATES = (
    "{place}s Kooperativ",
    "Kooperativet {word} i {place}",
    "{word} ekonomisk förening",
    "Föreningen {word} {place}",
    "Stiftelsen {word}",
    "{place} folkhögskola",
    "{place}s folkhögskola",
    "Samordningsförbundet {place}",
    "{place} Företagarförening",
    "{word} Arbetskooperativ",
    "{place}s Hembygdsförening",
    "{word} Sociala Företag AB",
    "Studieförbundet {word} {place}",
    "{place}s Idrottsförening",
    "Byalaget {place}",
    "{place} Utvecklingscentrum",
    "Stadsmissionen i {place}",
    "{word} Kooperativ",
    "Stiftelsen {place}gården",
    "{place} Kvinnojour",
    "Brukarföreningen {word}",
    "{place}s Föreningsråd",
    "Ekonomiska föreningen {word}",
    "{word} i {place} ideell förening",
)
_UNITS = (
    "Personalavdelningen",
    "Ledningsstaben Regional utveckling",
    "Arbetsmarknadsenheten",
    "Socialtjänsten",
    "Vuxenutbildningen",
)
_PARTNER_UNITS = (
    "Central förvaltning",
    "Region Stockholm",
    "Arbetsmarknadssektionen",
    "Socialförvaltningen",
    "Regionala utvecklingsförvaltningen",
)
_TOPICS = (
    "sociala företag",
    "arbetsintegrerande sociala företag",
    "kooperativt företagande",
    "den sociala ekonomin",
    "idéburet företagande",
    "socialt entreprenörskap",
    "kompetensutveckling i föreningslivet",
    "unga utanför arbetsmarknaden",
    "utrikes födda kvinnor",
    "personer med funktionsnedsättning",
    "långtidsarbetslösa",
    "landsbygdens utveckling",
)
_TITLE_TEMPLATES = (
    "{Topic} i {place}",
    "Kompetent social ekonomi {place}",
    "{Word} – {topic}",
    "Vägar till arbete genom {topic}",
    "Förstudie {topic}",
    "{Word} {place}",
    "Socialt företagande för ökad välfärd i {place}",
    "Steget vidare {year}",
    "Nätverk för {topic}",
    "{Word} II",
    "Kvinnor i {place}",
    "{Word}",
)
#: Titles real pages have that begin with a header label word (a trap for layout a).
_LABEL_TITLES = (
    "Regional samverkan för {topic}",
    "Regionalt resurscentrum {place}",
    "Telefonrådgivning för {topic}",
)


# ------------------------------------------------------------------ the project


@dataclass
class Project:
    """One synthetic project: what is true about it, before it is written down."""

    number: int
    layout: str  # a (2007–2013), b (2014–2020), c (2021–2027)
    title: str
    phase: str
    owner: str  # as written
    owner_actor: str  # org/<id>, municipality/<code> or new/<name>
    contact: str
    email: str
    phone: str
    grant: int
    total: int
    start: str
    end: str
    region: str
    county_codes: tuple[str, ...]
    partners: list[tuple[str, str]] = field(default_factory=list)  # written, actor
    noise: list[str] = field(default_factory=list)  # noise lines of the partner list
    municipalities: list[tuple[str, str]] = field(default_factory=list)  # written, code
    mentioned: list[str] = field(default_factory=list)  # actors named in the free text
    paragraphs: list[tuple[str, list[str]]] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)  # the real pages' traps it contains


def _weighted(rng: random.Random, items: Sequence[tuple[_Hub, float]]) -> _Hub:
    total = sum(w for _, w in items)
    x = rng.random() * total
    for item, weight in items:
        x -= weight
        if x <= 0:
            return item
    return items[-1][0]


def _one_off(seed: int, rank: int, ref: _Reference) -> str:
    """The generated organisation of a rank: the same name for the same (seed, rank)."""
    rng = random.Random(f"{seed}/org/{rank}")
    place = (
        rng.choice(ref.municipalities)[1]
        if rng.random() < 0.6
        else rng.choice(_VILLAGES)
    )
    return rng.choice(_ORG_TEMPLATES).format(place=place, word=rng.choice(_WORDS))


def _actor(
    rng: random.Random, seed: int, ref: _Reference, hub_share: float
) -> tuple[str, str, str]:
    """(canonical name, actor key, type) from the heavy-tailed population."""
    if rng.random() < hub_share:
        hub = _weighted(rng, [(h, h[4]) for h in ref.hubs])
        return hub[1], f"org/{hub[0]}", hub[3]
    # Pareto ranks: a few generated organisations recur, most appear once.
    rank = min(int((rng.paretovariate(0.7) - 1) * 1000), 10**9)
    name = _one_off(seed, rank, ref)
    return name, f"new/{name}", "new"


def _spell(rng: random.Random, name: str, actor: str, ref: _Reference) -> str:
    """A name as a page writes it: mostly as registered, sometimes a variant."""
    x = rng.random()
    hub = next((h for h in ref.hubs if f"org/{h[0]}" == actor), None)
    if x < 0.08 and hub and hub[2]:
        return rng.choice(hub[2])
    if x < 0.12:
        return name.upper()
    if x < 0.15 and re.search(r"förbund(et)?\b", name):
        return re.sub(r"förbund(et)?\b", "förb.", name, count=1)
    if x < 0.18 and not name.endswith(("s", "AB", ")")):
        # genitive, as in "Arbetsförmedlingens"; "HSO:s" after an acronym
        return name + (":s" if name.split()[-1].isupper() else "s")
    if x < 0.20 and not name.endswith("AB"):
        return name + " AB"
    return name


def _municipality_owner(
    rng: random.Random, ref: _Reference, counties: Sequence[str]
) -> tuple[str, str]:
    code, name, _ = rng.choice([m for m in ref.municipalities if m[2] in counties])
    style = rng.random()
    if name in ("Göteborg", "Malmö", "Stockholm") and style < 0.5:
        written = (
            f"{name}{'s' if name != 'Malmö' else ''} {rng.choice(['Stad', 'stad'])}"
        )
    elif style < 0.75:
        written = f"{name} kommun"
    elif style < 0.9 and not name.endswith("s"):
        written = f"{name}s kommun"
    else:
        written = f"{name} kommun".upper()
    return written, f"municipality/{code}"


def _municipality_spelling(rng: random.Random, name: str, genitive_ok: bool) -> str:
    """How a Kommun list or a 'kommuner' column writes a municipality."""
    special = {
        "Malung-Sälen": "Malung",
        "Lilla Edet": "Lilla-Edet",
        "Upplands Väsby": "UpplandsVäsby",
        "Gotland": "Region Gotland",
    }
    x = rng.random()
    if name in special and x < 0.5:
        return special[name]
    if " " in name and x < 0.3:
        return name.replace(" ", "-" if x < 0.15 else "")
    if x < 0.04:
        return name.upper()
    if x < 0.07 and genitive_ok:
        return name + "s"  # "Bergs"
    if x < 0.09:
        return f"{name} kommun"
    return name


def _swedish_key(text: str) -> str:
    """Sort key in Swedish alphabetical order (… z, å, ä, ö)."""
    return text.casefold().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}"}))


def _municipality_count(rng: random.Random) -> int:
    x = rng.random()
    if x < 0.01:
        return 290
    if x < 0.04:
        return rng.randint(21, 120)
    if x < 0.15:
        return rng.randint(11, 20)
    return min(10, 1 + int(rng.paretovariate(1.2)) - 1)


def _dates(rng: random.Random, layout: str, phase: str) -> tuple[str, str]:
    first, last = {"a": (2008, 2013), "b": (2015, 2020), "c": (2021, 2027)}[layout]
    start = dt.date(
        rng.randint(first, last), rng.randint(1, 12), rng.choice((1, 1, 1, 15))
    )
    months = rng.randint(4, 9) if phase == "Förprojektering" else rng.randint(12, 40)
    y, m = divmod(start.month - 1 + months, 12)
    end = dt.date(start.year + y, m + 1, 1) - dt.timedelta(days=1)
    if rng.random() < 0.3:
        end = end.replace(day=rng.randint(1, 28))
    return start.isoformat(), end.isoformat()


def make_project(number: int, seed: int, ref: _Reference | None = None) -> Project:
    """Draw project ``number`` of the corpus of ``seed`` (independent of its size)."""
    ref = ref or _reference()
    rng = random.Random(f"{seed}/{number}")
    layout = rng.choice("abc")
    region, counties = rng.choice(ref.regions)
    phase = "Förprojektering" if rng.random() < 0.3 else "Genomförande"
    start, end = _dates(rng, layout, phase)
    # owner: a hub, a municipality, or a one-off organisation
    if rng.random() < 0.2:
        owner, owner_actor = _municipality_owner(rng, ref, counties)
        canonical = owner
    else:
        canonical, owner_actor, _ = _actor(rng, seed, ref, hub_share=0.45)
        owner = _spell(rng, canonical, owner_actor, ref)
    place = rng.choice([m[1] for m in ref.municipalities if m[2] in counties])
    topic = rng.choice(_TOPICS)
    word = rng.choice(_WORDS)
    label_title = layout == "a" and rng.random() < 0.04
    template = (
        rng.choice(_LABEL_TITLES) if label_title else rng.choice(_TITLE_TEMPLATES)
    )
    title = template.format(
        place=place,
        topic=topic,
        Topic=topic[0].upper() + topic[1:],
        word=word,
        Word=word,
        year=start[:4],
    )
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    domain = (
        re.sub(
            r"[^a-z]", "", owner.casefold().translate(str.maketrans("åäöé", "aaoe"))
        )[:14]
        or "projekt"
    )
    email = f"{first}.{last}@{domain}.se".casefold().translate(
        str.maketrans("åäöé", "aaoe")
    )
    phone = rng.choice(
        ("070-{a} {b} {c}", "0{a}-{b}{c}", "08-{a}{b}{c}", "0709-{a}{b}")
    ).format(a=rng.randint(100, 999), b=rng.randint(10, 99), c=rng.randint(10, 99))
    grant = rng.randint(300, 40_000) * 1000 + rng.randint(0, 999)
    total = grant if rng.random() < 0.3 else int(grant * rng.uniform(1.05, 2.6))
    project = Project(
        number,
        layout,
        title,
        phase,
        owner,
        owner_actor,
        f"{first} {last}",
        email,
        phone,
        grant,
        total,
        start,
        end,
        region,
        counties,
    )
    if label_title:
        project.traps.append("label-title")
    if owner_actor.startswith("org/") and owner != canonical:
        project.traps.append("owner-variant")
    # partners (listed on layout a pages): heavy-tailed count, sorted as the bank sorts
    count = min(40, int(2 * rng.paretovariate(0.9)) - 1) if rng.random() < 0.85 else 0
    seen = {owner_actor}
    for _ in range(count):
        x = rng.random()
        if x < 0.1:
            written, actor = _municipality_owner(rng, ref, counties)
        elif x < 0.13:
            written = rng.choice(_UNITS)
            actor = f"new/{written}"
        else:
            name, actor, _ = _actor(rng, seed, ref, hub_share=0.4)
            written = _spell(rng, name, actor, ref)
            if rng.random() < 0.04:
                written = f"{written}, {rng.choice(_PARTNER_UNITS)}"
            if len(written) > 30 and rng.random() < 0.25:
                written = written[:30].rstrip(" ,")  # the bank cut names at 30 chars
                project.traps.append("cut-off-name")
        if actor in seen or any(w == written for w, _ in project.partners):
            continue
        seen.add(actor)
        project.partners.append((written, actor))
    project.partners.sort(key=lambda p: _swedish_key(p[0]))
    if project.partners and rng.random() < 0.15:
        project.noise.append("Samma som ovan")
    if project.partners and rng.random() < 0.05:
        project.noise.append("")
    if project.noise:
        project.traps.append("noise-line")
    # municipalities: mostly a few in the project's region, a few national projects
    n_mun = _municipality_count(rng)
    local = [m for m in ref.municipalities if m[2] in counties]
    if n_mun == 290:
        chosen = list(ref.municipalities)
    elif n_mun <= len(local) and rng.random() < 0.9:
        chosen = rng.sample(local, n_mun)
    else:
        chosen = rng.sample(list(ref.municipalities), n_mun)
    short_keys = {_key(m[1]) for m in ref.municipalities}
    for code, name, _ in sorted(chosen, key=lambda m: _swedish_key(m[1])):
        genitive_ok = not name.endswith("s") and _key(name + "s") not in short_keys
        project.municipalities.append(
            (_municipality_spelling(rng, name, genitive_ok), code)
        )
    project.paragraphs = _free_text(rng, project, ref, topic, place)
    return project


def _key(name: str) -> str:
    return re.sub(r"[^\w]", "", name.casefold())


def _free_text(
    rng: random.Random, p: Project, ref: _Reference, topic: str, place: str
) -> list[tuple[str, list[str]]]:
    """Sections of free text; some sentences name the owner, partners and hubs."""
    named = [w for w, _ in p.partners[:3]]
    hub = rng.choice([h[1] for h in ref.hubs if h[0] in _HUB_ORDER[:12]])
    mention = [*named, hub]
    rng.shuffle(mention)
    p.mentioned = [p.owner, *mention[:3]]
    together = (
        (", ".join(mention[:2]) + " och " + mention[2])
        if len(mention) > 2
        else (" och ".join(mention))
    )
    summary = [
        f"Projektet ska stärka {topic} i {place} så att fler kan få arbete och"
        f" egen försörjning. {p.owner} är projektägare och leder arbetet.",
        f"Projektets mål är att utveckla {topic} tillsammans med {together}."
        if together
        else f"Projektets mål är att utveckla {topic} i regionen.",
    ]
    background = [
        f"Den sociala ekonomin har under de senaste tio åren vuxit i {p.region}."
        f" Många organisationer saknar ändå stöd för {topic}, och behovet av"
        " kompetensutveckling är stort bland anställda och deltagare.",
        f"I en förstudie kartlades behoven hos {rng.randint(12, 90)} organisationer."
        f" Erfarenheterna från {mention[0] if mention else p.owner} visar att samverkan"
        " mellan det offentliga och den sociala ekonomin ger resultat.",
    ]
    purpose = [
        f"Syftet är att {rng.randint(20, 400)} deltagare ska närma sig"
        f" arbetsmarknaden genom {topic}. Målgrupp är främst personer som står"
        " långt från arbetsmarknaden."
    ]
    sections = [("Sammanfattning", summary), ("Bakgrund", background)]
    if rng.random() < 0.7:
        sections.append(("Syfte", purpose))
    if rng.random() < 0.4:
        sections.append(
            (
                "Tillgänglighet för personer med funktionsnedsättning",
                [
                    "Möteslokaler ska vara tillgängliga och material ska finnas i"
                    " digital form."
                ],
            )
        )
    return sections


# ------------------------------------------------------------------ rendering


def _kr(amount: int, sep: str) -> str:
    return f"{amount:,}".replace(",", sep)


_A_CHROME = (
    ["Logotyp på utskrifter", ""],
    [
        "Logotyp på utskrifter",
        "",
        "Stäng",
        "",
        "3 december - Webbinarium om fattigdom i dagens Sverige",
        "",
        "Mer information och anmälan.",
        "",
    ],
    [
        "Logotyp på utskrifter",
        "",
        "Information med anledning av covid-19",
        "",
        "Uppdaterad information med anledning av covid-19  ",
        "",
    ],
)
_A_AREAS = (
    "Programområde 1 Kompetensförsörjning",
    "Programområde 2 Ökat arbetskraftsutbud",
)


def _render_a(p: Project, rng: random.Random) -> tuple[str, dict[str, object]]:
    chrome = rng.choice(_A_CHROME)
    lines = [*chrome, p.title, ""]
    area = rng.choice(_A_AREAS)
    header = [
        ("Programområde", area),
        ("Projektfas", p.phase),
        ("Projektägare", p.owner),
        ("Kontaktperson", p.contact),
        ("E-post", p.email),
        ("Telefonnummer", p.phone),
        ("Beviljat ESF-stöd", _kr(p.grant, NBSP) + " kr"),
        ("Total projektbudget", _kr(p.total, NBSP) + " kr"),
        ("Projektperiod", f"{p.start} till {p.end}"),
        ("Region", p.region),
    ]
    lines += [label + value for label, value in header]
    lines += ["In English", ""]
    for heading, paragraphs in p.paragraphs:
        lines += [heading, ""]
        for text in paragraphs:
            lines += [text, ""]
    bullet = rng.choice((" • ", "  • "))
    entries = [(w, w) for w, _ in p.partners] + [(n or "~", n) for n in p.noise]
    if entries:
        lines += ["", "Samarbetspartners", ""]
        lines += [
            (bullet + name) if name else bullet.rstrip() + " "
            for _, name in sorted(entries, key=lambda e: _swedish_key(e[0]))
        ]
        lines += [""]
    if p.municipalities:
        lines += ["Kommun", ""] + [bullet + w for w, _ in p.municipalities]
    truth = {
        "programme_area": area,
        "phase": p.phase,
        "region": p.region,
        "partners": [w for w, _ in p.partners],
        "partner_actors": [a for _, a in p.partners],
        "noise_lines": len(p.noise),
        "municipalities": [w for w, _ in p.municipalities],
        "municipality_codes": [c for _, c in p.municipalities],
        "traps": [*p.traps, *(["site-chrome"] if len(chrome) > 2 else [])],
    }
    return "\n".join(lines).rstrip("\n"), truth


def _serial(number: int) -> int:
    """A scrambled serial number, different for every project number.

    Example:
        >>> len({_serial(i) for i in range(1, 200_001)})
        200000
    """
    block, rest = divmod(number, 99991)  # 99991 is prime: i -> 7919 i is a bijection
    return rest * 7919 % 99991 + 99991 * block


def _render_b(p: Project, rng: random.Random) -> tuple[str, dict[str, object]]:
    area = rng.choice(
        (
            "1.1 Kompetensförsörjning",
            "2.1 Öka övergångar till arbete",
            "2.2 Öka övergångar till arbete",
            "3.1 Sysselsättningsinitiativet",
        )
    )
    year = int(p.start[:4]) - 1
    call = f"{year}/{rng.randint(1, 999):05d}"
    number = f"{year}/{_serial(p.number):05d}"
    participants = rng.randint(10, 900)
    lines = ["Logotyp på utskrifter", "", p.title, ""]
    fields = [
        ("Programområde", area),
        ("Region", p.region),
        ("Utlysning", call),
        ("Projektägare", p.owner),
        ("Projektnummer", number),
        ("Planerat antal deltagare", str(participants)),
        ("Projektperiod", f"{p.start}-{p.end}"),
        ("Total projektbudget", _kr(p.total, " ") + " kr"),
        ("Beviljat ESF-stöd", _kr(p.grant, " ") + " kr"),
        ("Kontaktperson", p.contact),
        ("E-post", p.email),
    ]
    for label, value in fields:
        lines += [label, value]
    lines += [""]
    for heading, paragraphs in p.paragraphs[:1]:
        lines += [heading, "", " ".join(paragraphs)]
    truth = {
        "programme_area": area,
        "phase": None,
        "region": p.region,
        "call_id": call,
        "project_number": number,
        "planned_participants": participants,
        "partners": [],
        "partner_actors": [],
        "noise_lines": 0,
        "municipalities": [],
        "municipality_codes": [],
        "traps": list(p.traps),
    }
    return "\n".join(lines), truth


_COOKIES = [
    "information (1)",
    "Cookies",
    "",
    "Den här hemsidan använder cookies för att säkerställa bästa möjliga upplevelse"
    " på vår webb. Genom att använda denna webbplats förutsätter vi att du"
    " godkänner att vi sparar cookies på din enhet.",
    "",
    "Lär dig mer",
    "",
]
_FEEDBACK = [
    "",
    "Hjälpte informationen dig?",
    "",
    "Ja",
    "Nej",
    "Tack för din feedback!",
]


def _render_c(p: Project, rng: random.Random) -> tuple[str, dict[str, object]]:
    year = int(p.start[:4])
    serial = _serial(p.number)  # diarienummer are unique, as in the bank
    dnr = (
        f"{year % 100 - 1:02d}-{serial // 100:03d}-S{serial % 100:02d}"
        if rng.random() < 0.5
        else f"{year - 1}/{serial:05d}"
    )
    participants = rng.randint(10, 900)
    area = rng.choice("ABCD")
    truth: dict[str, object] = {
        "programme_area": area,
        "phase": None,
        "region": None,
        "call_id": None,
        "project_number": None,
        "planned_participants": participants,
        "partners": [],
        "partner_actors": [],
        "noise_lines": 0,
        "municipalities": [],
        "municipality_codes": [],
    }
    traps: list[str] = []
    english = rng.random() < 0.15
    blank_dates = rng.random() < 0.2
    has_period = blank_dates or rng.random() < 0.8
    budget = _kr(p.total, " ")
    if rng.random() < 0.02:
        budget = "1.1"  # a data error the real bank shows (017): not an amount
        truth["total_budget_sek"] = None
        traps.append("budget-data-error")
    fields: list[tuple[str, str]] = [
        ("Name" if english else "Namn", p.title),
        ("Fond", "ESF+"),
        ("Project owner" if english else "Projektägare", p.owner),
        ("Specifikt mål", f"{area}{rng.randint(1, 3)}{rng.choice('ABC')}"),
        ("Total projektbudget", budget),
        ("Beviljat ESF-stöd", _kr(p.grant, " ")),
        ("Planerat antal deltagare", str(participants)),
    ]
    if rng.random() < 0.7:
        fields += [
            ("Kontaktperson", p.contact),
            ("E-mail" if english else "E-post", p.email),
        ]
    else:
        truth["contact_person"] = truth["email"] = None
    if has_period:
        fields.append(("Projektperiod", f"{p.start} - {p.end}"))
    fields += [
        ("Startdatum", "" if blank_dates else p.start),
        ("Slutdatum", "" if blank_dates else p.end),
    ]
    if rng.random() < 0.4:
        region = rng.choice((p.region, "ESF Nationellt"))
        fields.append(("Region", region))
        truth["region"] = region
    elif rng.random() < 0.3:
        fields.append(("Region", ""))
    if rng.random() < 0.3:
        fields.append(("Projektnummer", dnr))
        truth["project_number"] = dnr
    fields += [
        ("Programperiod", "2021-2027"),
        ("Programområde", area),
        ("Interventionstyp", rng.choice(("117", "140", "109", ""))),
        ("Unionens medfinansieringsgrad", rng.choice(("40%", "50%", ""))),
        (
            rng.choice(("Stödmottagarens postnummer", "Stödmottagare postnr")),
            f"{rng.randint(10000, 98999)}",
        ),
        ("Stödmottagarens land", "Sverige"),
        ("NUTS-2 kod", "SE" + rng.choice(("11", "12", "21", "22", "23", "31"))),
    ]
    head, tail = fields[:3], fields[3:]
    rng.shuffle(tail)  # field order varies on the current bank
    fields = [("Diarienummer", dnr), *head, *tail]
    if english:
        traps.append("english-labels")
    if blank_dates or ("Region", "") in fields:
        traps.append("blank-labels")
    lines = []
    if rng.random() < 0.2:
        lines += _COOKIES
        traps.append("cookie-banner")
    if rng.random() < 0.85:
        lines += [f"{dnr} - {p.title}", ""]
    else:
        lines += [p.title, ""]
        traps.append("no-dnr-header")
    for label, value in fields:
        lines.append(label + ":")
        if value:
            lines.append(value)
    text = " ".join(t for _, paragraphs in p.paragraphs[:2] for t in paragraphs)
    if rng.random() < 0.3:
        text = text.replace(". ", ". nn", 1)  # escaped newlines left in the bank's text
        traps.append("escaped-newlines")
    lines += ["", text]
    if rng.random() < 0.6:
        lines += _FEEDBACK
    truth["traps"] = [*p.traps, *traps]
    return "\n".join(lines), truth


_RENDERERS = {"a": _render_a, "b": _render_b, "c": _render_c}


def render_page(p: Project, seed: int) -> tuple[str, dict[str, object]]:
    """The page text of a project in its layout, and what a reader should find in it."""
    rng = random.Random(f"{seed}/{p.number}/page")
    text, truth = _RENDERERS[p.layout](p, rng)
    base: dict[str, object] = {
        "layout": p.layout,
        "title": p.title,
        "owner": p.owner,
        "owner_actor": p.owner_actor,
        "contact_person": p.contact,
        "email": p.email,
        "esf_grant_sek": p.grant,
        "total_budget_sek": p.total,
        "start": p.start,
        "end": p.end,
        "call_id": None,
        "project_number": None,
        "planned_participants": None,
        "mentioned": p.mentioned,
    }
    truth["traps"] = sorted(set(truth["traps"]))  # type: ignore[arg-type]
    return text, base | truth


_INSATS = (
    (
        "Att öka konkurrenskraften hos SMF",
        "Att öka konkurrenskraften för små och medelstora företag",
    ),
    (
        "Att stärka forskning, teknisk utveckling och innovation",
        "Att stärka forskning, teknisk utveckling och innovation",
    ),
    ("Socialt företagande och social innovation", "Att främja social delaktighet"),
)


def list_record(p: Project, seed: int, ref: _Reference) -> dict[str, object]:
    """The project as a record of a bulk list (Tillväxtverket's column names)."""
    rng = random.Random(f"{seed}/{p.number}/list")
    counties = sorted(
        {
            ref.counties[c]
            for code, c in ((m[0], m[2]) for m in ref.municipalities)
            if code in {c for _, c in p.municipalities}
        },
        key=_swedish_key,
    )
    insats, mal = rng.choice(_INSATS)
    return {
        "_source": "http://projektbank.tillvaxtverket.se/projektbanken2020#page=eruf",
        "ärende-id": str(20200000 + p.number),
        "stödmottagare": p.owner,
        "beviljat_belopp_sek": p.grant,
        "beviljat_belopp_eur": 0,
        "projektnamn": p.title,
        "projektbeskrivning": " ".join(t for _, ps in p.paragraphs[:2] for t in ps),
        "projekt_starttid": p.start,
        "projekt_sluttid": p.end,
        "projektledare": p.contact,
        "telnr": p.phone,
        "e-post": p.email,
        "län": ", ".join(counties),
        "kommuner": ", ".join(w for w, _ in p.municipalities),
        "uppdateringsdatum": f"{p.start} 01:17:38",
        "område": p.region,
        "insatsområde": insats,
        "tematiskt_mål": mal,
    }


# ------------------------------------------------------------------ writing


_REFERENCE: list[_Reference] = []


@dataclass
class _History:
    """What an evolving bank remembers of its earlier projects."""

    partners: dict[str, dict[str, None]] = field(default_factory=dict)  # ordered sets
    by_region: dict[str, dict[str, None]] = field(default_factory=dict)
    names: dict[str, str] = field(
        default_factory=dict
    )  # actor -> name as first written


def _evolve(p: Project, n: int, seed: int, history: _History) -> None:
    """Make project ``p.number`` of ``n`` part of a bank whose partnerships evolve.

    Start years rise with the project number (2008-2027, so a back-test can split
    them); every page is layout a, which lists partners. The owner brings back
    earlier partners (repeat partnership, 60 %), a partner of an earlier partner
    (triadic closure, 50 %) and actors of earlier projects in its ESF region
    (regional clustering, 60 %).
    """
    rng = random.Random(f"{seed}/evolve/{p.number}")
    year = 2008 + (p.number - 1) * 20 // max(n, 1)
    p.layout = "a"
    p.start = f"{year}-{rng.randint(1, 12):02d}-01"
    p.end = f"{year + rng.randint(1, 3)}-12-31"
    owner = p.owner_actor
    past = list(history.partners.get(owner, ()))
    extra: list[str] = []
    if past and rng.random() < 0.6:
        extra += rng.sample(past, min(len(past), rng.randint(1, 2)))
    if past and rng.random() < 0.5:
        second = list(history.partners.get(rng.choice(past), ()))
        if second:
            extra.append(rng.choice(second))
    local = list(history.by_region.get(p.region, ()))[-200:]
    if local and rng.random() < 0.6:
        extra += rng.sample(local, min(len(local), rng.randint(1, 2)))
    present = {owner, *(a for _, a in p.partners)}
    for actor in extra:
        if actor not in present and len(p.partners) < 40:
            present.add(actor)
            p.partners.append((history.names[actor], actor))
    p.partners.sort(key=lambda pair: _swedish_key(pair[0]))
    members = [(p.owner, owner), *p.partners]
    for written, actor in members:
        history.names.setdefault(actor, written)
        history.by_region.setdefault(p.region, {})[actor] = None
        for _, other in members:
            if other != actor:
                history.partners.setdefault(actor, {})[other] = None


def _reference() -> _Reference:
    if not _REFERENCE:
        _REFERENCE.append(_load_reference())
    return _REFERENCE[0]


def generate(
    n: int,
    seed: int,
    out_dir: str | Path,
    formats: Iterable[str] = FORMATS,
    *,
    evolving: bool = False,
) -> list[Path]:
    """Write a synthetic corpus of ``n`` projects into ``out_dir``.

    Writes ``pages/NNNNNN.txt`` (one page per project, in its period's layout),
    ``lists/projects.json`` and ``lists/projects.csv`` (every project as a list
    record), and ``truth.jsonl`` (one line per document or list record). Each
    format holds the same ``n`` projects: build one format at a time.

    Args:
        n: number of projects.
        seed: the seed; the same arguments give the same bytes.
        out_dir: the folder (created; pages of an earlier run are removed).
        formats: any of ``pages``, ``json``, ``csv``.
        evolving: a bank whose partnerships evolve over time (:func:`_evolve`):
            repeat partners, triadic closure, regional clustering, start years
            spread over 2008-2027 in project order. Its figures describe the
            generator's rules, not real networks.

    Returns:
        The documents written, in order (``truth.jsonl`` is not among them).

    Example (not executed)::

        files = generate(1000, 1, "/tmp/corpus", ["pages"])
        graphkit.build.build(["/tmp/corpus/pages"], "/tmp/exports")
    """
    formats = tuple(formats)
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown formats {unknown}; choose from {list(FORMATS)}")
    ref = _reference()
    out = Path(out_dir)
    pages, lists = out / "pages", out / "lists"
    if "pages" in formats:
        pages.mkdir(parents=True, exist_ok=True)
        for old in sorted(pages.glob("*.txt")):
            old.unlink()
    if {"json", "csv"} & set(formats):
        lists.mkdir(parents=True, exist_ok=True)
    width = max(6, len(str(n)))
    written: list[Path] = []
    truth_lines: list[str] = []
    records: list[dict[str, object]] = []
    list_truth: list[dict[str, object]] = []
    history = _History()
    for i in range(1, n + 1):
        project = make_project(i, seed, ref)
        if evolving:
            _evolve(project, n, seed, history)
        if "pages" in formats:
            text, truth = render_page(project, seed)
            path = pages / f"{i:0{width}d}.txt"
            path.write_bytes(text.encode("utf-8"))
            written.append(path)
            truth_lines.append(
                _json_line({"file": f"pages/{path.name}", "record": None} | truth)
            )
        if {"json", "csv"} & set(formats):
            record = list_record(project, seed, ref)
            records.append(record)
            list_truth.append(
                {
                    "layout": "project-list",
                    "project_number": record["ärende-id"],
                    "title": project.title,
                    "owner": project.owner,
                    "owner_actor": project.owner_actor,
                    "grant_sek": project.grant,
                    "start": project.start,
                    "end": project.end,
                    "region": project.region,
                    "municipalities": [w for w, _ in project.municipalities],
                    "municipality_codes": [c for _, c in project.municipalities],
                }
            )
    for fmt in ("json", "csv"):
        if fmt not in formats:
            continue
        path = lists / f"projects.{fmt}"
        path.write_bytes(_json_list(records) if fmt == "json" else _csv_list(records))
        written.append(path)
        truth_lines += [
            _json_line({"file": f"lists/{path.name}", "record": index} | t)
            for index, t in enumerate(list_truth)
        ]
    (out / "truth.jsonl").write_bytes("".join(truth_lines).encode("utf-8"))
    return written


def _json_line(obj: dict[str, object]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n"


def _json_list(records: list[dict[str, object]]) -> bytes:
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _csv_list(records: list[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(LIST_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue().encode("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``generate.py --projects N --seed S -o DIR [--formats ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--projects", type=int, required=True, help="number of projects"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help="comma-separated: pages,json,csv (default all)",
    )
    parser.add_argument(
        "--evolving",
        action="store_true",
        help="partnerships evolve over time (repeat partners, triadic closure,"
        " regional clustering; start years 2008-2027): for `graphkit analyze"
        " --backtest --synthetic`",
    )
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    try:
        files = generate(
            args.projects, args.seed, args.out, formats, evolving=args.evolving
        )
    except ValueError as e:
        parser.error(str(e))
    print(
        f"{len(files)} documents, {args.projects} projects → {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
