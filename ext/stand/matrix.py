"""The ``traceermatrix`` view: a matrix when it fits the page, a grouped list when not.

A matrix is readable only with few columns. The shorter list goes in the columns,
headed by the need's ID only (the titles stand in a legend under the table); the
longer list goes in the rows, with ID and title. With more than
``MAX_COLUMNS`` needs on both sides the same links are shown as a list: per row
need the needs it is linked with, and their number, then per column need its
number. Gaps are said in words in both forms, and both cost rows + columns +
links in nodes: no node for an empty cell of a rows x columns grid.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .config import TYPES_BY_NAME
from .model import Matrix, Record, matrix
from .views import Context, add_renderer, cell, head, plural, table, year_option, year_phrase

#: At most this many needs as columns of a matrix. Measured in Chromium at 1280 px
#: (furo's content column is 736 px) and in the PDF's text width (A4, 16.6 cm):
#: with the row header, the totals and IDs of up to 32 characters, 6 columns fit
#: both; see tests/test_widths.py and docs/handleiding/overzichten.md.
MAX_COLUMNS = 6


def render_traceermatrix(ctx: Context, options: dict[str, str]) -> nodes.Node:
    row_type, column_type = options["rijen"], options["kolommen"]
    year = year_option(options["jaar"])
    result = matrix(ctx.needs, row_type, column_type, year)
    box = nodes.container(classes=["stand-traceermatrix"])
    if min(len(result.rows), len(result.columns)) <= MAX_COLUMNS:
        if len(result.columns) > len(result.rows):
            result, row_type, column_type = result.transposed(), column_type, row_type
        box += grid(ctx, result, row_type, column_type, year)
        if result.columns:
            box += legend(ctx, result.columns, column_type)
    else:
        box += grouped(ctx, result, row_type, column_type, year)
    return box


def names(need_type: str) -> tuple[str, str]:
    """The type's name in a sentence: singular and plural, lower case."""
    return TYPES_BY_NAME[need_type].title.lower(), plural(need_type)


def caption(row_type: str, column_type: str, year: str | None) -> str:
    return f"Traceermatrix {plural(row_type)} × {plural(column_type)} ({year_phrase(year)})"


def grid(
    ctx: Context, result: Matrix, row_type: str, column_type: str, year: str | None
) -> nodes.table:
    row_name, column_name = names(row_type)[0], names(column_type)[0]
    titles = TYPES_BY_NAME[row_type].title, TYPES_BY_NAME[column_type].title
    header = [head("col", f"{titles[0]} \\ {titles[1]}")]
    for column in result.columns:
        header.append(head("col", ctx.ref(column.id)))
        header[-1]["classes"].append("stand-kolomkop")  # set upright to fit (CSS, PDF)
    header.append(head("col", "Totaal"))
    body = []
    for row in result.rows:
        linked = set(result.links.get(row.id, ()))
        cells: list[nodes.entry] = [head("row", ctx.need_label(row))]
        for column in result.columns:
            if column.id in linked:
                # The mark links to the column's need; its name says both ends.
                mark = nodes.inline("", "✓", classes=["stand-mark"])
                mark += nodes.inline("", f" {row.id} – {column.id}", classes=["stand-sr"])
                cells.append(cell(ctx.link(column.id, mark), classes=["stand-linked"]))
            else:
                cells.append(nodes.entry())  # one node: the cell is empty
        cells.append(total_cell(len(linked), f"geen {column_name}"))
        body.append(cells)
    totals: list[nodes.entry] = [head("row", "Totaal")]
    column_totals = result.column_totals()
    totals += [total_cell(column_totals[c.id], f"geen {row_name}") for c in result.columns]
    totals.append(cell(str(result.total)))
    body.append(totals)
    return table(caption(row_type, column_type, year), header, body, "traceermatrix")


def legend(ctx: Context, columns: list[Record], column_type: str) -> nodes.Element:
    """The full names of the columns, which the header names by ID only."""
    box = nodes.container(classes=["stand-legenda"])
    box += nodes.paragraph("", f"De kolommen ({plural(column_type)}):")
    items = nodes.bullet_list()
    for column in columns:
        items += nodes.list_item("", nodes.paragraph("", "", ctx.need_label(column)))
    box += items
    return box


def total_cell(total: int, gap: str) -> nodes.entry:
    if total:
        return cell(str(total))
    return cell(f"0 – {gap}", classes=["stand-gap"])


def grouped(
    ctx: Context, result: Matrix, row_type: str, column_type: str, year: str | None
) -> list[nodes.Node]:
    """The links as a list: too many needs on both sides for a readable matrix."""
    (row_name, rows_name), (column_name, columns_name) = names(row_type), names(column_type)
    header = [
        head("col", TYPES_BY_NAME[row_type].title),
        head("col", f"Verbonden {columns_name}"),
        head("col", "Aantal"),
    ]
    body = []
    for row in result.rows:
        linked = result.links.get(row.id, [])
        if linked:
            refs = ctx.refs(linked)
            body.append([head("row", ctx.need_label(row)), cell(*refs), cell(str(len(linked)))])
        else:
            gap = f"geen {columns_name}"
            body.append(
                [head("row", ctx.need_label(row)), cell(gap, classes=["stand-gap"]), cell("0")]
            )
    words = f"{result.total} {'verband' if result.total == 1 else 'verbanden'}"
    body.append([head("row", "Totaal"), cell(words), cell(str(result.total))])
    title = f"{caption(row_type, column_type, year)}, als lijst per {row_name}"
    found: list[nodes.Node] = [table(title, header, body, "traceermatrix")]
    # The column totals: per column need the number of row needs, the gaps in words.
    para = nodes.paragraph(
        "", f"Per {column_name} het aantal verbonden {rows_name}: ", classes=["stand-kolomtotalen"]
    )
    for index, (column_id, total) in enumerate(result.column_totals().items()):
        para += nodes.Text("; " if index else "")
        para += ctx.ref(column_id)
        if total:
            para += nodes.Text(f" {total}")
        else:
            para += nodes.inline("", f" 0 – geen {row_name}", classes=["stand-gap"])
    para += nodes.Text(".")
    found.append(para)
    return found


def setup(app: Sphinx) -> None:
    add_renderer("traceermatrix", render_traceermatrix)
