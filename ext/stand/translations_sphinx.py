"""The Dutch of Sphinx's and docutils' warnings about a page (see :mod:`stand.translations`)."""

from __future__ import annotations

from .translations import Translation, entry

SPHINX: tuple[Translation, ...] = (
    entry(
        None,
        None,
        r"line number spec is out of range\(1-(?P<n>\d+)\): '(?P<spec>[^']*)'",
        "De regels {spec} bij :emphasize-lines: bestaan niet: het codeblok heeft {n} "
        "regel(s). Noem alleen regels uit het blok.",
        "line number spec is out of range(1-1): '9'",
    ),
    entry(
        None,
        None,
        r"numfig is disabled",
        "Een verwijzing met een nummer ({{numref}}) werkt in dit project niet; gebruik "
        "{{ref}} of een gewone link.",
        "numfig is disabled. :numref: is ignored.",
    ),
    entry(
        "docutils",
        None,
        r'Error parsing content block for the "(?P<name>[^"]*)" directive: (?P<why>[^\n]*)',
        lambda g: (
            f"De inhoud van het blok {{{g['name']}}} heeft niet de vorm die het vraagt"
            + (
                ": elke rij moet evenveel cellen hebben."
                if "same number of items" in g["why"]
                else "; controleer de opmaak (bij een tabel: een lijst van rijen met "
                "elk evenveel cellen)."
            )
        ),
        'Error parsing content block for the "list-table" directive: uniform two-level bullet '
        "list expected, but row 2 does not contain the same number of items as row 1 (1 vs 2).",
    ),
    # Sphinx: table of contents.
    entry(
        "toc",
        "not_included",
        r"document isn't included in any toctree",
        "Deze pagina staat in geen enkele inhoudsopgave en is op de site niet te vinden. Zet "
        "haar in de toctree van de index van haar map, of zet bovenaan orphan: true tussen "
        "twee regels ---.",
        "document isn't included in any toctree",
    ),
    entry(
        "toc",
        None,
        r"toctree contains reference to non-?existing document '(?P<doc>[^']*)'",
        "De inhoudsopgave (toctree) noemt de pagina {doc}, maar die bestaat niet: controleer "
        "de spelling (zonder .md) of maak het bestand {doc}.md aan.",
        "toctree contains reference to nonexisting document '2022/x'",
    ),
    entry(
        "toc",
        None,
        r"toctree contains reference to (?:excluded|non-included) document "
        r"'(?P<doc>[^']*)'",
        "De inhoudsopgave (toctree) noemt de pagina {doc}, maar die wordt niet gebouwd; haal "
        "haar uit de toctree.",
        "toctree contains reference to excluded document 'x'",
    ),
    entry(
        "toc",
        "no_title",
        r".*document '(?P<doc>[^']*)' that doesn't have a title",
        "De pagina {doc} heeft geen titel (een kop met #), dus de inhoudsopgave kan er niet "
        "naar linken. Begin de pagina met # Titel.",
        "toctree contains reference to document 'x' that doesn't have a title: no link",
    ),
    entry(
        "toc",
        None,
        r"duplicated entry found in toctree: (?P<doc>\S+)",
        "De pagina {doc} staat twee keer in deze inhoudsopgave; haal er een weg.",
        "duplicated entry found in toctree: 2022/index",
    ),
    entry(
        "toc",
        None,
        r"circular toctree references detected.*?: (?P<doc>\S+)",
        "De inhoudsopgaven verwijzen in een kring naar elkaar ({doc}); haal de pagina uit "
        "een van de toctrees.",
        "circular toctree references detected, ignoring: a <- b",
    ),
    entry(
        "toc",
        None,
        r"self referenced toctree",
        "De inhoudsopgave van deze pagina noemt de pagina zelf; haal die regel weg.",
        "self referenced toctree found. Ignored.",
    ),
    entry(
        None,
        None,
        r"toctree glob pattern '(?P<glob>[^']*)' didn't match",
        "Het patroon {glob} in de inhoudsopgave vindt geen enkele pagina; controleer het.",
        "toctree glob pattern 'x*' didn't match any documents",
    ),
    entry(
        "toc",
        None,
        r"document is referenced in multiple toctrees",
        "Deze pagina staat in meer dan één inhoudsopgave; laat haar in één staan.",
        "document is referenced in multiple toctrees: ['a', 'b'], selecting: b <- x",
    ),
    # Sphinx: references, images, downloads.
    entry(
        "ref",
        None,
        r"undefined label: '(?P<label>[^']*)'",
        "Het label '{label}' bestaat niet: controleer de spelling, of zet ({label})= boven "
        "de kop waar u naar wilt verwijzen.",
        "undefined label: 'nergens'",
    ),
    entry(
        "ref",
        None,
        r"unknown document: '(?P<doc>[^']*)'",
        "De pagina '{doc}' bestaat niet: controleer de spelling (zonder .md, vanaf de map "
        "docs/ met een / ervoor).",
        "unknown document: '/nergens'",
    ),
    entry(
        "ref",
        None,
        r"term not in glossary: '(?P<term>[^']*)'",
        "Het begrip '{term}' staat niet in de woordenlijst (glossary); voeg het toe of "
        "controleer de spelling.",
        "term not in glossary: 'woord'",
    ),
    entry(
        "ref",
        None,
        r"'any' reference target not found: (?P<target>.*)",
        "De verwijzing '{target}' wijst naar niets: controleer de spelling.",
        "'any' reference target not found: niks",
    ),
    entry(
        "ref",
        None,
        r".*(?:target not found|reference target not found): '?(?P<target>[^']*)'?",
        "De verwijzing '{target}' wijst naar niets: controleer de spelling.",
        "py:class reference target not found: x",
    ),
    entry(
        None,
        None,
        r"Failed to create a cross reference\. Any number is not assigned: "
        r"(?P<label>.*)",
        "Naar '{label}' kan niet met een nummer worden verwezen (het heeft geen nummer).",
        "Failed to create a cross reference. Any number is not assigned: x",
    ),
    entry(
        "ref",
        None,
        r"Footnote \[(?P<name>[^\]]*)\] is not referenced",
        "De voetnoot [^{name}] wordt nergens in de tekst gebruikt; haal haar weg of verwijs "
        "ernaar met [^{name}].",
        "Footnote [1] is not referenced.",
    ),
    entry(
        "image",
        None,
        r"image file not readable: (?P<path>.*)",
        "De afbeelding {path} bestaat niet of is onleesbaar: controleer de bestandsnaam "
        "(hoofdletters tellen mee) en of het bestand in de repository staat.",
        "image file not readable: 2022/nergens.png",
    ),
    entry(
        "image",
        None,
        r"Could not fetch remote image: (?P<path>\S+)",
        "De afbeelding {path} kon niet worden opgehaald; zet haar in de repository.",
        "Could not fetch remote image: https://x/y.png [404]",
    ),
    entry(
        "image",
        None,
        r"(?:Unknown image format|Could not obtain image size)",
        "Dit bestand is geen afbeelding die de site kan tonen; gebruik PNG, JPG of SVG.",
        "Unknown image format: x.foo",
    ),
    entry(
        "download",
        None,
        r"download file not readable: (?P<path>.*)",
        "Het bestand {path} om te downloaden bestaat niet of is onleesbaar: controleer de "
        "bestandsnaam.",
        "download file not readable: x.pdf",
    ),
    entry(
        "misc",
        "highlighting_failure",
        r"Pygments lexer name '\{(?P<name>[^}]*)\}(?P<rest>[^']*)' is not known",
        "Na {{{name}}} hoort een spatie vóór de titel: schrijf ```{{{name}}} {rest}. Zonder "
        "spatie is het blok code, en wat erin staat geen onderdeel.",
        "Pygments lexer name '{dilemma}Dilemma' is not known",
    ),
    entry(
        "misc",
        "highlighting_failure",
        r"Pygments lexer name '(?P<lang>[^']*)' is not known",
        "Het codeblok heeft de onbekende taal '{lang}'; laat de taal weg (alleen ```) of "
        "schrijf bijvoorbeeld ```text.",
        "Pygments lexer name 'pythn' is not known",
    ),
    entry(
        "misc",
        "highlighting_failure",
        r"Lexing literal_block .*? as \"(?P<lang>[^\"]*)\"",
        "Het codeblok is geen geldige {lang}. Staat er iets in dat er niet in hoort, "
        "bijvoorbeeld omdat een codeblok niet is afgesloten met ```? Anders: laat de taal weg.",
        "Lexing literal_block 'x' as \"python\" resulted in an error at token: '`'. Retrying",
    ),
    # docutils, through Sphinx (type "docutils", no subtype).
    entry(
        "docutils",
        None,
        r'Duplicate explicit target name: "(?P<name>[^"]*)"',
        "Het label ({name})= of de link [{name}] staat twee keer op deze pagina; een label "
        "moet uniek zijn. Geef er een een andere naam.",
        'Duplicate explicit target name: "lab".',
    ),
    entry(
        "docutils",
        None,
        r'Content block expected for the "(?P<name>[^"]*)" directive',
        "Het blok {{{name}}} is leeg; schrijf tekst tussen de openende en sluitende ```.",
        'Content block expected for the "note" directive; none found.',
    ),
    entry(
        "docutils",
        None,
        r"Directive '(?P<name>[^']*)': (?P<n>\d+) argument\(s\) required",
        "Het blok {{{name}}} mist wat achter de naam moet staan (bijvoorbeeld een bestand "
        "of titel).",
        "Directive 'figure': 1 argument(s) required, 0 supplied",
    ),
    entry(
        "docutils",
        None,
        r"Directive '(?P<name>[^']*)': maximum (?P<n>\d+) argument",
        "Achter {{{name}}} staat meer dan er mag; zet de rest op de regels eronder.",
        "Directive 'note': maximum 0 argument(s) allowed, 1 supplied",
    ),
    entry(
        "docutils",
        None,
        r'Directive "?(?P<name>\w+)"?: file not found: (?P<path>.*)',
        "Het bestand {path} in {{{name}}} bestaat niet: controleer de naam.",
        "Directive \"include\": file not found: 'x.md'",
    ),
    entry(
        "docutils",
        None,
        r'Unknown target name: "(?P<name>[^"]*)"',
        "De verwijzing [{name}] wijst naar niets: is de voetnoot of link [{name}]: "
        "op deze pagina gedefinieerd?",
        'Unknown target name: "2".',
    ),
    entry(
        "docutils",
        None,
        r'Error in "(?P<name>[^"]*)" directive',
        "Het blok {{{name}}} is onjuist geschreven; controleer de opties en de tekst.",
        'Error in "image" directive:\ninvalid option value',
    ),
    entry(
        "docutils",
        None,
        r"Problems with \"(?P<name>[^\"]*)\" directive path",
        "Het bestand in {{{name}}} is onleesbaar; controleer de naam.",
        'Problems with "include" directive path:\nInputError',
    ),
    entry(
        "docutils",
        None,
        r"Duplicate substitution definition name",
        "Een vervanging is twee keer gedefinieerd; haal er een weg.",
        'Duplicate substitution definition name: "x".',
    ),
    entry(
        "ref",
        None,
        r"duplicate label (?P<label>\S+), other instance in (?P<docloc>.*)",
        "Het label {label} bestaat al (in {docloc}); een label moet uniek zijn. Geef dit "
        "een andere naam.",
        "duplicate label lab, other instance in 2022/index",
    ),
)
