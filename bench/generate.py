"""Generate contract-following trees of any size, in three variants.

One tree is ``organisaties × jaren × needs per jaar``. A Sphinx project is one
organisation's report, but the sizes we measure (1,000 / 5,000 / 25,000 needs in
total) only mean something in one build, so organisations are modelled as
sections of one project: ``docs/<jaar>/<organisatie>/`` (the year stays the top
folder, as the contract requires), every need carries an explicit
``:organisatie:``, and IDs carry the organisation: ``DIL_2023_U007_D03``.

The same model is written as three variants, page for page and word for word:

``a``  our project: ``extensions = ["stand"]``, furo, ``language = "nl"``.
``b``  plain sphinx-needs with the same need types, links and fields, imported
       from ``stand.config`` but without loading the ``stand`` extension (so needs
       get sphinx-needs' default layout, where ``a`` renders its own blocks).
       Our view directives do not exist there; each is replaced by the
       ``needtable`` a sphinx-needs user would write for the same question (so
       both builds produce an overview on the same pages).
``c``  plain MyST: every need is an ordinary paragraph (bold type and title, a
       line with ID, status and links as text, then the text); views are left out.

Everything is deterministic for a given size and seed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Variant = Literal["a", "b", "c"]
VARIANTS: tuple[Variant, ...] = ("a", "b", "c")
VARIANT_NAMES: dict[Variant, str] = {
    "a": "stand",
    "b": "sphinx-needs",
    "c": "MyST",
}

REPO = Path(__file__).resolve().parent.parent

FIRST_YEAR = 2021
NEEDS_PER_ORG_YEAR = 50
STATUS_DILEMMA = ("open", "open", "open", "deels_opgelost", "opgelost", "vervallen")
STATUS_WORK = ("voorgesteld", "in_uitvoering", "in_uitvoering", "gerealiseerd", "vervallen")

# The six handelingsperspectieven of the real report (docs/referentie/index.md).
HANDELINGSPERSPECTIEVEN: tuple[tuple[str, str], ...] = (
    ("HP_DIENSTVERLENING", "Toekomstbestendige dienstverlening"),
    ("HP_DIGITALE_AGENDA", "Versnelling digitale agenda"),
    ("HP_WETGEVING", "Begrijpelijke en uitvoerbare wetgeving"),
    ("HP_SAMENWERKING", "Intensivering van samenwerking en verbeteren ambtelijke sturingsdriehoek"),
    ("HP_STATUUR", "Vergroten statuur en aantrekkelijkheid van de uitvoering"),
    ("HP_POLITIEK", "Rol van de politiek"),
)

# --- Dutch-ish filler -------------------------------------------------------------

_SUBJECTS = (
    "De uitvoering",
    "Het beheer van onze voorzieningen",
    "De dienstverlening aan burgers en bedrijven",
    "De samenwerking met ketenpartners",
    "Het programma",
    "De vernieuwing van het stelsel",
    "Onze informatievoorziening",
    "De continuïteit van de dienstverlening",
    "Het team dat de koppelingen beheert",
    "De publieke dienstverlener",
    "De ketenregie",
    "De opdrachtgever",
)
_VERBS = (
    "vraagt om",
    "staat onder druk door",
    "is afhankelijk van",
    "profiteert van",
    "loopt vertraging op door",
    "wordt versterkt door",
    "heeft behoefte aan",
    "komt in de knel door",
    "verbetert dankzij",
)
_OBJECTS = (
    "meer capaciteit in de uitvoering",
    "duidelijke prioriteiten in het portfolio",
    "structurele financiering van het beheer",
    "de vervanging van verouderde systemen",
    "eenvoudiger wet- en regelgeving",
    "een stabiele meerjarige planning",
    "de krapte op de arbeidsmarkt",
    "nieuwe en weinig integrale opdrachten",
    "het hergebruik van bestaande bouwstenen",
    "betere afspraken tussen beleid en uitvoering",
    "de Europese regelgeving voor digitale identiteit",
    "de inzet van schaarse specialisten",
)
_TAILS = (
    "",
    " in de komende jaren",
    " bij de publieke dienstverleners",
    " in de hele keten",
    " voor burgers en bedrijven",
    ", zoals ook in eerdere jaren bleek",
    ", en dat vraagt keuzes van de politiek",
)
_EXTRA = (
    "Dat maakt het lastig om tegenvallers op te vangen.",
    "Hierdoor is er weinig ruimte voor exploratie.",
    "We zien dat dit ook bij andere uitvoeringsorganisaties speelt.",
    "De Tweede Kamer heeft hier eerder aandacht voor gevraagd.",
    "In de praktijk betekent dit dat we plannen op de happy flow.",
    "Dit vraagt om een gezamenlijke aanpak met de departementen.",
)
_TITLE_NOUNS = (
    "Capaciteit",
    "Ambitie",
    "Continuïteit",
    "Vernieuwing",
    "Eenvoud",
    "Complexiteit",
    "Samenwerking",
    "Focus",
    "Beheer",
    "Wendbaarheid",
    "Regie",
    "Financiering",
)
_TITLE_VERBS = (
    "Hergebruik",
    "Versterk",
    "Vereenvoudig",
    "Bundel",
    "Prioriteer",
    "Investeer in",
    "Maak afspraken over",
    "Veranker",
)
_TITLE_THINGS = (
    "de bouwstenen",
    "het beheer",
    "de keten",
    "de uitvoeringstoets",
    "de meerjarige planning",
    "de sturing",
    "de informatievoorziening",
    "het vakmanschap",
)


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_TAILS)}."
    )


def paragraphs(rng: random.Random) -> list[str]:
    """A few sentences, now and then in two paragraphs."""
    first = " ".join([sentence(rng) for _ in range(rng.randint(2, 3))] + [rng.choice(_EXTRA)])
    if rng.random() < 0.35:
        return [first, " ".join(sentence(rng) for _ in range(rng.randint(1, 2)))]
    return [first]


def revised(rng: random.Random, previous: list[str]) -> list[str]:
    """Last year's text with one sentence replaced or added: what a writer does."""
    text = list(previous)
    if rng.random() < 0.5:
        text[0] = f"{text[0]} {sentence(rng)}"
    else:
        head, _, rest = text[0].partition(". ")
        text[0] = f"{sentence(rng)} {rest}" if rest else head
    return text


def dilemma_title(rng: random.Random) -> str:
    a, b = rng.sample(_TITLE_NOUNS, 2)
    return f"{a} versus {b.lower()}" if rng.random() < 0.5 else f"{a} en {b.lower()}"


def work_title(rng: random.Random) -> str:
    return f"{rng.choice(_TITLE_VERBS)} {rng.choice(_TITLE_THINGS)}"


# --- The model ----------------------------------------------------------------------


@dataclass
class Need:
    directive: str
    id: str
    title: str
    status: str | None
    organisatie: str | None
    links: dict[str, list[str]]
    text: list[str]


@dataclass(frozen=True)
class View:
    """One of our view directives with its options (rendered per variant)."""

    kind: str
    options: tuple[tuple[str, str], ...]
    year: str | None  # the year the view is about, for the needtable filter of (b)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Toctree:
    entries: tuple[str, ...]


Item = str | Heading | Need | View | Toctree


@dataclass
class Page:
    docname: str
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Edit:
    """A change to one page for the incremental measurements, per variant."""

    docname: str
    old: dict[Variant, str]
    new: dict[Variant, str]


@dataclass
class Tree:
    needs_total: int
    years: list[str]
    organisations: list[tuple[str, str]]  # (slug, name)
    pages: list[Page]
    needs: dict[str, Need]
    text_edit: Edit
    link_edit: Edit

    @property
    def docs(self) -> int:
        return len(self.pages)


@dataclass(frozen=True)
class Params:
    needs: int
    years: int = 5
    organisations: int | None = None  # None: needs / (years * NEEDS_PER_ORG_YEAR)
    needs_per_page: int = 40
    matrix_columns: str = "handelingsperspectief"
    seed: int = 2022

    def organisation_count(self) -> int:
        if self.organisations is not None:
            return self.organisations
        return max(
            1,
            round((self.needs - len(HANDELINGSPERSPECTIEVEN)) / (self.years * NEEDS_PER_ORG_YEAR)),
        )


def split_evenly(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def successors_of(pool: list[str], count: int, rng: random.Random) -> list[list[str]]:
    """``vervolg_op`` for ``count`` new needs over last year's ``pool``.

    Most continue one predecessor; now and then two merge into one, or one is
    split over two successors; the rest are new.
    """
    result: list[list[str]] = []
    for index in range(count):
        if not pool or rng.random() > 0.75:
            result.append([])
            continue
        roll = rng.random()
        if roll < 0.07 and index > 0 and result[-1]:
            result.append([result[-1][0]])  # split: same predecessor as the one before
        elif roll < 0.15 and len(pool) > 1:
            result.append(sorted(rng.sample(pool, 2)))  # merge
        else:
            result.append([pool[index % len(pool)]])
    return result


def build_tree(params: Params) -> Tree:
    rng = random.Random(params.seed)
    years = [str(FIRST_YEAR + i) for i in range(params.years)]
    org_count = params.organisation_count()
    organisations = [(f"U{i:03d}", f"Uitvoeringsdienst {i:03d}") for i in range(1, org_count + 1)]
    per_year_total = params.needs - len(HANDELINGSPERSPECTIEVEN)
    if per_year_total < 3 * len(years) * org_count:
        raise SystemExit(
            f"{params.needs} needs is te weinig voor {org_count} organisaties × "
            f"{len(years)} jaren (minstens 3 per organisatie per jaar)."
        )
    counts = split_evenly(per_year_total, len(years) * org_count)

    needs: dict[str, Need] = {}
    hp_ids = [hp for hp, _ in HANDELINGSPERSPECTIEVEN]
    reference = Page("referentie/index", "Handelingsperspectieven")
    reference.items.append(
        "De zes handelingsperspectieven van de Overheidsbrede Werkagenda; de actielijnen "
        "van elke organisatie en elk verslagjaar vallen eronder."
    )
    for hp_id, title in HANDELINGSPERSPECTIEVEN:
        need = Need("handelingsperspectief", hp_id, title, None, None, {}, paragraphs(rng))
        needs[hp_id] = need
        reference.items.append(need)

    pages: list[Page] = []
    year_pages: list[Page] = []
    previous: dict[tuple[str, str], list[Need]] = {}  # (org, directive) -> last year's needs
    for y_index, year in enumerate(years):
        year_page = Page(f"{year}/index", f"Stand van de uitvoering {year}")
        year_page.items.append(
            f"De standen van de uitvoering over {year} van {org_count} organisaties, met "
            "de samenhang en de dekking van dat jaar."
        )
        year_page.items.append(Toctree(tuple(f"{slug}/index" for slug, _ in organisations)))
        year_page.items += [
            Heading("Traceerbaarheid"),
            View(
                "traceermatrix", (("rijen", "dilemma"), ("kolommen", params.matrix_columns)), year
            ),
            Heading("Dekking"),
            View("dekking", (), year),
        ]
        year_pages.append(year_page)
        for o_index, (slug, name) in enumerate(organisations):
            n = counts[y_index * org_count + o_index]
            org_pages = org_year(rng, year, slug, name, n, hp_ids, previous, needs, params)
            pages += org_pages

    overview = Page("overzicht/index", "Overzichten over de jaren")
    overview.items.append(
        "Hoe dilemma's en oplossingsrichtingen van jaar tot jaar doorlopen, en wat er "
        "tussen de laatste twee jaren veranderde."
    )
    overview.items += [Heading("Dilemma's"), View("jaarlijnen", (("type", "dilemma"),), None)]
    overview.items += [
        Heading("Oplossingsrichtingen"),
        View("jaarlijnen", (("type", "oplossingsrichting"),), None),
    ]
    if len(years) > 1:
        van, naar = years[-2], years[-1]
        overview.items += [
            Heading(f"Van {van} naar {naar}"),
            View("jaarverschil", (("van", van), ("naar", naar)), naar),
        ]
    overview.items += [
        Heading("Dekking over alle jaren"),
        View("dekking", (("jaar", "alle"),), None),
    ]

    root = Page("index", "Stand van de uitvoering (meetboom)")
    root.items.append(
        f"Een gegenereerde boom voor metingen: {params.needs} onderdelen van "
        f"{org_count} organisaties over {len(years)} jaren."
    )
    root.items.append(
        Toctree(("referentie/index", *(f"{y}/index" for y in years), "overzicht/index"))
    )
    all_pages = [root, reference, *year_pages, *pages, overview]
    tree = Tree(
        params.needs,
        years,
        organisations,
        all_pages,
        needs,
        text_edit=_text_edit(all_pages, years),
        # One year has no vervolg_op to move (bench.publication's big year): there
        # the text edit stands in; no incremental build is measured on such a tree.
        link_edit=(
            _link_edit(all_pages, needs, years) if len(years) > 1 else _text_edit(all_pages, years)
        ),
    )
    assert len(needs) == params.needs, (len(needs), params.needs)
    return tree


def org_year(
    rng: random.Random,
    year: str,
    slug: str,
    name: str,
    n: int,
    hp_ids: list[str],
    previous: dict[tuple[str, str], list[Need]],
    needs: dict[str, Need],
    params: Params,
) -> list[Page]:
    """One organisation's report of one year: an index, dilemma pages, progress pages."""
    d = max(1, round(n * 0.24))
    r = max(d, round(n * 0.44))
    if d + r >= n:
        r = max(1, n - d - 1)
    a = n - d - r

    def make(
        directive: str, prefix: str, letter: str, count: int, statuses: tuple[str, ...]
    ) -> list[Need]:
        pool = [p.id for p in previous.get((slug, directive), [])]
        by_id = {p.id: p for p in previous.get((slug, directive), [])}
        made = []
        for index, preds in enumerate(successors_of(pool, count, rng)):
            need_id = f"{prefix}_{year}_{slug}_{letter}{index + 1:02d}"
            if preds:
                base = by_id[preds[0]]
                title = (
                    base.title
                    if rng.random() < 0.8
                    else (dilemma_title(rng) if directive == "dilemma" else work_title(rng))
                )
                text = revised(rng, base.text)
            else:
                title = dilemma_title(rng) if directive == "dilemma" else work_title(rng)
                text = paragraphs(rng)
            links = {"vervolg_op": preds} if preds else {}
            need = Need(directive, need_id, title, rng.choice(statuses), name, links, text)
            needs[need_id] = need
            made.append(need)
        previous[(slug, directive)] = made
        return made

    dilemmas = make("dilemma", "DIL", "D", d, STATUS_DILEMMA)
    solutions = make("oplossingsrichting", "OR", "R", r, STATUS_WORK)
    actions = make("actielijn", "AL", "A", a, STATUS_WORK)

    for index, sol in enumerate(solutions):
        targets = [dilemmas[index % d].id]
        if d > 1 and rng.random() < 0.15:
            other = dilemmas[(index + 1) % d].id
            targets.append(other)
        sol.links = {"adresseert": targets, **sol.links}
        if rng.random() < 0.3:
            sol.links["raakt"] = [rng.choice(hp_ids)]
    for dil in dilemmas:
        if rng.random() < 0.3:
            dil.links["raakt"] = [rng.choice(hp_ids)]
    for index, act in enumerate(actions):
        targets = [hp_ids[index % len(hp_ids)]]
        if rng.random() < 0.1:
            targets.append(hp_ids[(index + 1) % len(hp_ids)])
        act.links = {"valt_onder": targets, **act.links}

    base = f"{year}/{slug}"
    pages: list[Page] = []
    # Dilemma pages: each dilemma in its own section with the solutions addressing it.
    groups: list[list[Item]] = []
    for number, dil in enumerate(dilemmas, start=1):
        own = [s for s in solutions if s.links["adresseert"][0] == dil.id]
        group: list[Item] = [Heading(f"Dilemma {number}) {dil.title}"), dil]
        if own:
            group += [Heading("Oplossingsrichtingen", 3), *own]
        groups.append(group)
    for name_suffix, title_suffix, chunk in numbered(pack(groups, params.needs_per_page)):
        page = Page(f"{base}/dilemmas{name_suffix}", f"Dilemma's in de uitvoering{title_suffix}")
        page.items.append(
            f"In dit deel staan dilemma's die {name} in {year} in de uitvoering ervaart, met "
            "de oplossingsrichtingen die ze adresseren."
        )
        page.items += chunk
        pages.append(page)
    # Progress pages: actielijnen grouped by handelingsperspectief.
    by_hp: list[list[Item]] = []
    for hp in hp_ids:
        under = [act for act in actions if act.links["valt_onder"][0] == hp]
        if under:
            by_hp.append([Heading(needs[hp].title), *under])
    for name_suffix, title_suffix, chunk in numbered(pack(by_hp, params.needs_per_page)):
        page = Page(
            f"{base}/voortgang{name_suffix}", f"Voortgang per handelingsperspectief{title_suffix}"
        )
        page.items.append(f"De actielijnen van {name} in {year}, per handelingsperspectief.")
        page.items += chunk
        pages.append(page)
    org_index = Page(f"{base}/index", f"{name} — stand {year}")
    org_index.items.append(
        f"De stand van de uitvoering {year} van {name}: de voortgang per "
        "handelingsperspectief en de dilemma's in de uitvoering."
    )
    org_index.items.append(Toctree(tuple(p.docname.rsplit("/", 1)[1] for p in pages)))
    return [org_index, *pages]


def pack(groups: list[list[Item]], per_page: int) -> Iterator[list[Item]]:
    """Whole groups onto pages of about ``per_page`` needs."""
    chunk: list[Item] = []
    count = 0
    for group in groups:
        size = sum(isinstance(i, Need) for i in group)
        if chunk and count + size > per_page:
            yield chunk
            chunk, count = [], 0
        chunk += group
        count += size
    if chunk:
        yield chunk


def numbered(chunks: Iterator[list[Item]]) -> Iterator[tuple[str, str, list[Item]]]:
    """``("", "", chunk)`` for a single page, else ``("-2", " (2)", chunk)`` and so on."""
    all_chunks = list(chunks)
    for number, chunk in enumerate(all_chunks, start=1):
        if len(all_chunks) == 1:
            yield "", "", chunk
        else:
            yield f"-{number}", f" ({number})", chunk


def _pages_with(pages: list[Page], prefix: str) -> Iterator[tuple[Page, Need]]:
    for page in pages:
        if page.docname.startswith(prefix):
            for item in page.items:
                if isinstance(item, Need):
                    yield page, item


def _text_edit(pages: list[Page], years: list[str]) -> Edit:
    """Add a sentence to a dilemma in the middle year (its first paragraph is unique)."""
    year = years[len(years) // 2]
    for page, need in _pages_with(pages, f"{year}/"):
        rendered = [render_page(page, v) for v in VARIANTS]
        old = need.text[0]
        if need.directive == "dilemma" and all(text.count(old) == 1 for text in rendered):
            new = f"{old} Deze zin is voor de meting toegevoegd."
            return Edit(page.docname, dict.fromkeys(VARIANTS, old), dict.fromkeys(VARIANTS, new))
    raise SystemExit("geen need gevonden om de tekst van te wijzigen")


def _link_edit(pages: list[Page], needs: dict[str, Need], years: list[str]) -> Edit:
    """Point one ``vervolg_op`` to another dilemma of the year before.

    Changes back-links on two pages of the previous year and the line (``lijn``)
    of the need and of its successors in later years: the hard case for an
    incremental build.
    """
    year = years[len(years) // 2] if len(years) > 1 else years[0]
    for page, need in _pages_with(pages, f"{year}/"):
        preds = need.links.get("vervolg_op", [])
        if need.directive != "dilemma" or len(preds) != 1:
            continue
        old_pred = preds[0]
        org = old_pred.split("_")[2]
        prev_year = old_pred.split("_")[1]
        others = sorted(
            i
            for i, n in needs.items()
            if n.directive == "dilemma"
            and i.startswith(f"DIL_{prev_year}_{org}_")
            and i != old_pred
        )
        if not others:
            continue
        new_pred = others[0]
        old = {v: link_line(v, "vervolg_op", [old_pred]) for v in VARIANTS}
        new = {v: link_line(v, "vervolg_op", [new_pred]) for v in VARIANTS}
        if all(render_page(page, v).count(old[v]) == 1 for v in VARIANTS):
            return Edit(page.docname, old, new)
    raise SystemExit("geen vervolg_op gevonden om te wijzigen")


# --- Rendering ------------------------------------------------------------------------

LINK_ORDER = ("adresseert", "valt_onder", "vervolg_op", "raakt")
LINK_WORDS = {
    "adresseert": "adresseert",
    "valt_onder": "valt onder",
    "vervolg_op": "vervolg op",
    "raakt": "raakt",
}
TYPE_TITLES = {
    "handelingsperspectief": "Handelingsperspectief",
    "actielijn": "Actielijn",
    "dilemma": "Dilemma",
    "oplossingsrichting": "Oplossingsrichting",
}


def link_line(variant: Variant, link: str, targets: list[str]) -> str:
    if variant == "c":
        return f"{LINK_WORDS[link]}: {', '.join(targets)}"
    return f":{link}: {', '.join(targets)}"


def render_need(need: Need, variant: Variant) -> str:
    links = [(link, need.links[link]) for link in LINK_ORDER if need.links.get(link)]
    body = "\n\n".join(need.text)
    if variant == "c":
        meta = [f"ID: {need.id}"]
        if need.status:
            meta.append(f"status: {need.status}")
        if need.organisatie:
            meta.append(f"organisatie: {need.organisatie}")
        meta += [link_line("c", link, targets) for link, targets in links]
        return f"**{TYPE_TITLES[need.directive]}: {need.title}**\n\n{' · '.join(meta)}\n\n{body}\n"
    options = [f":id: {need.id}"]
    if need.status:
        options.append(f":status: {need.status}")
    if need.organisatie:
        options.append(f":organisatie: {need.organisatie}")
    options += [link_line(variant, link, targets) for link, targets in links]
    return f"```{{{need.directive}}} {need.title}\n" + "\n".join(options) + f"\n\n{body}\n```\n"


def render_view(view: View, variant: Variant) -> str:
    if variant == "c":
        return ""
    if variant == "a":
        options = "".join(f":{k}: {v}\n" for k, v in view.options)
        return f"```{{{view.kind}}}\n{options}```\n"
    return needtable_for(view)


def needtable_for(view: View) -> str:
    """What a plain sphinx-needs project writes for the same question."""
    options = dict(view.options)
    year_filter = f':filter: docname.startswith("{view.year}/")\n' if view.year else ""
    if view.kind == "traceermatrix":
        # Rows with the links that the matrix shows as columns.
        columns = "id;title;status;raakt;adresseert_back"
        types = options.get("rijen", "dilemma")
    elif view.kind == "dekking":
        columns = "id;title;status;adresseert_back"
        types = "dilemma"
    elif view.kind == "jaarlijnen":
        columns = "id;title;status;vervolg_op;vervolg_op_back"
        types = options["type"]
    else:  # jaarverschil
        columns = "id;title;status;vervolg_op"
        types = "dilemma;oplossingsrichting;actielijn"
    return f"```{{needtable}}\n:types: {types}\n{year_filter}:columns: {columns}\n:sort: id\n```\n"


def render_page(page: Page, variant: Variant) -> str:
    parts = [f"# {page.title}\n"]
    for item in page.items:
        if isinstance(item, str):
            parts.append(f"{item}\n")
        elif isinstance(item, Heading):
            parts.append(f"{'#' * item.level} {item.text}\n")
        elif isinstance(item, Need):
            parts.append(render_need(item, variant))
        elif isinstance(item, View):
            rendered = render_view(item, variant)
            if rendered:
                parts.append(rendered)
        else:
            entries = "".join(f"{e}\n" for e in item.entries)
            parts.append(f"```{{toctree}}\n:maxdepth: 1\n\n{entries}```\n")
    return "\n".join(parts)


ORGANISATIE = "Rijksoverheid"

_CONF_COMMON = """\
# Generated by bench/generate.py; variant {variant} ({name}).
from __future__ import annotations

import sys

sys.path.insert(0, {ext_dir!r})

project = "Stand van de uitvoering (meetboom)"
author = "Benchmark"
copyright = "2022, Benchmark"
language = "nl"
html_theme = "furo"
html_title = "Stand van de uitvoering — meetboom"
"""

_CONF_A = """
extensions = ["stand"]
stand_organisatie = "{organisatie}"
"""

# The same declarations as stand.config.apply_needs_config, without the extension:
# sphinx-needs renders needs with its own default layout.
_CONF_B = """
from stand.config import LINKS, NEED_TYPES
from stand.config import needs_fields as _needs_fields

extensions = ["myst_parser", "sphinx_needs"]
needs_types = [
    {{"directive": t.directive, "title": t.title, "prefix": t.prefix, "color": t.color,
     "style": "node"}}
    for t in NEED_TYPES
]
needs_links = {{
    link.name: {{"outgoing": link.outgoing, "incoming": link.incoming,
                "description": link.description, "allow_dead_links": True}}
    for link in LINKS
}}
needs_fields = _needs_fields("{organisatie}")
needs_id_required = True
needs_id_regex = r"^\\S+$"
needs_build_json = True
needs_reproducible_json = True
graphviz_output_format = "svg"
"""

_CONF_C = """
extensions = ["myst_parser"]
"""


def conf_py(variant: Variant, ext_dir: Path = REPO / "ext") -> str:
    """``ext_dir`` holds the ``stand`` that (a) loads and (b) takes its declarations from."""
    head = _CONF_COMMON.format(variant=variant, name=VARIANT_NAMES[variant], ext_dir=str(ext_dir))
    body = {"a": _CONF_A, "b": _CONF_B, "c": _CONF_C}[variant]
    return head + body.format(organisatie=ORGANISATIE)


def write_tree(tree: Tree, variant: Variant, dest: Path, ext_dir: Path = REPO / "ext") -> None:
    """Write ``tree`` as ``variant`` into ``dest`` (the Sphinx source dir), replacing it."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    (dest / "conf.py").write_text(conf_py(variant, ext_dir), encoding="utf-8")
    for page in tree.pages:
        path = dest / f"{page.docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_page(page, variant), encoding="utf-8")


def apply_edit(src: Path, edit: Edit, variant: Variant) -> None:
    path = src / f"{edit.docname}.md"
    text = path.read_text(encoding="utf-8")
    old, new = edit.old[variant], edit.new[variant]
    if text.count(old) != 1:
        raise RuntimeError(f"{path}: {old!r} staat er {text.count(old)} keer in, verwacht 1")
    path.write_text(text.replace(old, new), encoding="utf-8")


def restore_page(src: Path, tree: Tree, variant: Variant, docname: str) -> None:
    """Write one page back as generated (after an edit)."""
    page = next(p for p in tree.pages if p.docname == docname)
    (src / f"{docname}.md").write_text(render_page(page, variant), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Schrijf een gegenereerde boom volgens het contract, in variant a, b of c.",
    )
    parser.add_argument("--needs", type=int, default=1000, help="totaal aantal needs (1000)")
    parser.add_argument("--jaren", type=int, default=5, help="aantal verslagjaren (5)")
    parser.add_argument("--organisaties", type=int, default=None, help="aantal organisaties")
    parser.add_argument("--variant", choices=VARIANTS, default="a", help="a, b of c (a)")
    parser.add_argument("--uit", type=Path, required=True, help="bronmap die wordt geschreven")
    args = parser.parse_args(argv)
    tree = build_tree(Params(args.needs, years=args.jaren, organisations=args.organisaties))
    write_tree(tree, args.variant, args.uit)
    sys.stdout.write(
        f"{len(tree.needs)} needs, {tree.docs} pagina's, {len(tree.organisations)} organisaties, "
        f"jaren {tree.years[0]}–{tree.years[-1]} → {args.uit}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
