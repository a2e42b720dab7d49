"""The ``jaarlijnen`` view: one row per lineage, one column per year.

More years than ``MAX_YEARS`` are split into tables of consecutive years, each
showing the lines carried in its years or ending in them; so a table keeps to
the page's width and costs the lines it shows.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .model import LineageRow, Record, line_end, lineage_rows, successors, years_of
from .views import Context, add_renderer, cell, head, plural, table, year_range

#: At most this many years as columns of one ``jaarlijnen`` table; more years are
#: split into tables of consecutive years (measured like ``matrix.MAX_COLUMNS``).
MAX_YEARS = 5


def render_jaarlijnen(ctx: Context, options: dict[str, str]) -> nodes.Node:
    need_type = options["type"]
    # Every report year, also one without a need of this type: a line that ended
    # the year before says so there.
    vanaf, tot = year_range(options)
    years = [y for y in years_of(ctx.needs) if vanaf <= y <= tot]
    rows = lineage_rows(ctx.needs, need_type, years, ctx.lines)
    after = successors(ctx.needs.values())
    parts = [years[i : i + MAX_YEARS] for i in range(0, len(years), MAX_YEARS)] or [[]]
    tables = [lineage_table(ctx, need_type, part, years, rows, after) for part in parts]
    if len(tables) == 1:
        return tables[0]
    return nodes.container("", *tables, classes=["stand-jaarlijnen"])


def lineage_table(
    ctx: Context,
    need_type: str,
    shown: list[str],
    years: list[str],
    rows: list[LineageRow],
    after: dict[str, list[str]],
) -> nodes.table:
    """The lines in the ``shown`` years: those carried then or whose end falls then."""
    header = [head("col", "Lijn")] + [head("col", y) for y in shown]
    body = []
    for row in rows:
        last_year = max(row.cells)
        last = row.cells[last_year]
        ended = all(not after.get(n.id) for n in last)
        year_after = next((y for y in years if y > last_year), None)
        if not any(y in row.cells for y in shown) and not (ended and year_after in shown):
            continue
        cells: list[nodes.entry] = [head("row", ctx.ref(row.line))]
        for year in shown:
            carried = row.cells.get(year, [])
            if carried:
                cells.append(lineage_cell(ctx, row.line, carried, after))
            elif ended and year > last_year:
                cells.append(end_cell(last, last_year, first=year == year_after))
            else:
                cells.append(cell("—"))
        body.append(cells)
    caption = f"Jaarlijnen van {plural(need_type)} ({', '.join(shown) or 'geen jaren'})"
    return table(caption, header, body, "jaarlijnen")


def end_cell(last: list[Record], last_year: str, first: bool) -> nodes.entry:
    """A year after a line ended: how and when in the first, that it ended in the rest."""
    end = line_end(last)
    if not first:
        return cell("lijn beëindigd", classes=["stand-lijn-einde"])
    if end == "gestopt":
        # Not carried while still running: a gap the writer may not have meant.
        return cell(f"gestopt na {last_year}", classes=["stand-lijn-einde", "stand-gap"])
    return cell(f"{end} in {last_year}", classes=["stand-lijn-einde"])


def lineage_cell(
    ctx: Context, line: str, carried: list[Record], after: dict[str, list[str]]
) -> nodes.entry:
    entry = nodes.entry()
    for need in carried:
        para = nodes.paragraph()
        para += ctx.need_label(need, status=True)
        preds = [p for p in need.links.get("vervolg_op", ()) if p in ctx.needs]
        if len(preds) > 1:
            para += note("samengevoegd uit", preds, ctx)
        elif len(carried) > 1 and preds:
            para += note("gesplitst uit", preds, ctx)
        elsewhere = [s for s in after.get(need.id, []) if ctx.lines.get(s) != line]
        if elsewhere:
            para += note("opgegaan in", elsewhere, ctx)
        entry += para
    return entry


def note(words: str, ids: list[str], ctx: Context) -> nodes.inline:
    box = nodes.inline("", f" — {words} ", classes=["stand-lineage-note"])
    box.extend(ctx.refs(ids))
    return box


def setup(app: Sphinx) -> None:
    add_renderer("jaarlijnen", render_jaarlijnen)
