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
