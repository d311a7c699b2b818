"""/troops chart: a real PNG bar chart beside exactly the items /troops lists."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.models import Item, Request

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _ask(app, command: str, args: str = ""):
    return app.handle(Request(platform="console", chat="chart", user="tester", command=command, args=args))


def _decode(png: bytes):
    import matplotlib.image as mpimg

    return mpimg.imread(io.BytesIO(png), format="png")


@pytest.mark.parametrize("word", ["chart", "grafik", "CHART"])
def test_troops_chart_is_a_png_beside_the_same_items(app, word: str) -> None:
    plain = _ask(app, "troops")
    charted = _ask(app, "troops", word)
    assert plain.image is None
    assert charted.image is not None
    assert [i.to_dict() for i in charted.items] == [i.to_dict() for i in plain.items]
    assert charted.title == plain.title
    png = charted.image.png
    assert png.startswith(PNG_MAGIC)
    pixels = _decode(png)
    height, width = pixels.shape[:2]
    assert 400 <= width <= 2000 and 200 <= height <= 4000
    assert pixels.std() > 0.05  # not a blank canvas


def test_alt_text_names_the_topic_and_every_group(app) -> None:
    reply = _ask(app, "troops", "chart")
    alt = reply.image.alt
    assert "/troops" in alt
    for group in {i.extra["group"] for i in reply.items}:
        assert group in alt
    assert len(alt) <= 400


def test_more_groups_make_a_taller_chart() -> None:
    from bot.chart import render_figures_chart

    def item(group: str, value: int, who: str) -> Item:
        return Item(text=f"{group}: {value}", value=value, who=[who], extra={"group": group, "kind": "troops",
                                                                            "qualifier": "sekitar"})

    one = render_figures_chart([item("A — tentara", 10_000, "X"), item("A — tentara", 12_000, "Y")], "t")
    three = render_figures_chart([item(g, 10_000 * n, "X") for n, g in enumerate("ABC", 1)], "t", lang="en",
                                 name="troops")
    assert one is not None and three is not None
    assert _decode(three.png).shape[0] > _decode(one.png).shape[0]
    assert three.alt.startswith("/troops: bar chart of 3 figures")


def test_no_figures_no_image() -> None:
    from bot.chart import render_figures_chart

    assert render_figures_chart([Item(text="no number here")], "t") is None


def test_console_writes_the_chart_to_a_file_and_prints_the_path(app, tmp_path: Path) -> None:
    from adapters.console import render

    reply = _ask(app, "troops", "chart")
    text = render(reply, image_dir=tmp_path)
    written = list(tmp_path.glob("*.png"))
    assert len(written) == 1
    assert str(written[0]) in text
    assert written[0].read_bytes() == reply.image.png
    assert reply.image.alt in text


def test_console_never_writes_charts_into_the_working_directory(app, tmp_path: Path, monkeypatch) -> None:
    import tempfile

    from adapters.console import render

    work, temp = tmp_path / "work", tmp_path / "temp"
    work.mkdir()
    temp.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    reply = _ask(app, "troops", "chart")
    first, second = render(reply), render(reply)
    assert list(work.iterdir()) == []
    written = sorted(temp.glob("briefbot-chart-*.png"))
    assert len(written) == 2 and str(written[0]) in first + second  # one file a chart, none overwritten


def _bar_item(value: int, qualifier: str | None, who: str, outlet: str = "Kompas") -> Item:
    from bot.models import SourceRef

    return Item(text=f"{value}", value=value, who=[who], sources=[SourceRef("judul", outlet, None, value)],
                extra={"group": "tentara", "kind": "troops", "qualifier": qualifier})


def _figure_of(items, lang="id", **kw):
    """The matplotlib figure render_figures_chart draws, captured before it becomes PNG bytes."""
    from matplotlib.figure import Figure

    from bot.chart import render_figures_chart

    captured = []
    original = Figure.savefig

    def keep(self, *args, **kwargs):
        captured.append(self)
        return original(self, *args, **kwargs)

    Figure.savefig = keep
    try:
        image = render_figures_chart(items, "judul", lang, **kw)
    finally:
        Figure.savefig = original
    return image, captured[0]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_bounds_are_drawn_as_bounds_not_as_exact_bars(lang) -> None:
    from matplotlib.patches import Rectangle

    items = [_bar_item(12_000, "hingga", "Pentagon"), _bar_item(11_000, "sekitar", "NIS"),
             _bar_item(10_000, "lebih dari", "Ukraina"), _bar_item(9_000, "up to", "Reuters")]
    _, figure = _figure_of(items, lang)
    ax = figure.axes[0]
    bars = {int(p.get_width()): p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0}
    white = (1.0, 1.0, 1.0, 1.0)
    assert bars[12_000].get_facecolor() == white and bars[9_000].get_facecolor() == white  # ceilings: open
    assert bars[11_000].get_facecolor() != white and bars[10_000].get_facecolor() != white
    arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    assert len(arrows) == 1  # the floor only
    (tip_x, _), (tail_x, _) = arrows[0].xy, arrows[0].xyann
    assert tail_x == 10_000 and tip_x > 10_000  # from the bar's end outwards
    footnote = figure.texts[-1].get_text()
    assert ("batas bawah" in footnote and "batas atas" in footnote) if lang == "id" else \
        ("a floor" in footnote and "a ceiling" in footnote)


def test_footnote_names_the_outlets_and_the_time_so_a_forwarded_image_keeps_them() -> None:
    from datetime import datetime, timezone

    items = [_bar_item(500, None, "A", "Kompas"), _bar_item(400, None, "B", "Tempo"),
             _bar_item(300, None, "C", "Kompas")]
    when = datetime(2026, 12, 3, 9, 40, tzinfo=timezone.utc)
    _, figure = _figure_of(items, "en", when=when, bot="newsbot")
    footnote = figure.texts[-1].get_text()
    assert "Sources: Kompas, Tempo" in footnote  # most cited first
    assert "Made 2026-12-03 09:40 UTC by newsbot" in footnote
    assert "floor" not in footnote and "ceiling" not in footnote  # no legend when no bound is drawn
    # the footnote sits below every panel: nothing drawn over it
    renderer = figure.canvas.get_renderer()
    top = figure.texts[-1].get_window_extent(renderer).y1
    assert all(ax.get_tightbbox(renderer).y0 > top for ax in figure.axes)


def test_many_outlets_are_counted_not_listed() -> None:
    items = [_bar_item(100 * n, None, f"W{n}", f"Outlet {n}") for n in range(1, 12)]
    _, figure = _figure_of(items, "id")
    assert "dan 3 lainnya" in figure.texts[-1].get_text()
