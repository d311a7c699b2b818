"""Feeds declaring an encoding expat cannot read itself (shift_jis, euc-kr, gb18030, utf-16): a clear answer."""
from __future__ import annotations

import pytest

from bot import sources
from bot.detection import SourceError, check_xml_safe
from tests.test_source_deadlines import say, slow_app  # noqa: F401 - fixture: allow-listed 127.0.0.1

SUMMARY = ("Pasukan Korea Utara dilaporkan bertempur di wilayah Kursk bersama tentara Rusia, menurut "
           "laporan intelijen Korea Selatan yang dikutip kantor berita Yonhap pada hari Rabu.")


def _feed(title: str, encoding: str) -> bytes:
    xml = (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>{title}</title>'
           f"<item><title>{title} 1</title><description>{SUMMARY}</description></item></channel></rss>")
    return xml.encode(encoding)


@pytest.mark.parametrize("encoding,title", [("shift_jis", "ニュース速報"), ("euc-kr", "뉴스 속보"),
                                            ("gb18030", "新闻快讯"), ("utf-16", "Berita kilat")])
def test_feed_in_a_multibyte_encoding_is_added_with_its_title_intact(slow_app, httpserver_ipv4, encoding, title):
    httpserver_ipv4.expect_request("/rss").respond_with_data(_feed(title, encoding),
                                                            content_type="application/rss+xml")
    run = sources.add_source(slow_app, httpserver_ipv4.url_for("/rss"))
    assert run.kind == "feed" and run.name == title and run.added == 1
    stored = next(slow_app.store.query("select title from articles where source_id = ?", (run.source_id,)))
    assert stored["title"] == f"{title} 1"


def test_entities_in_a_shift_jis_document_are_still_refused():
    body = '<?xml version="1.0" encoding="shift_jis"?><!DOCTYPE r [<!ENTITY a "速報">]><rss>&a;</rss>'
    with pytest.raises(SourceError) as caught:
        check_xml_safe(body.encode("shift_jis"))
    assert caught.value.code == "hostile_xml"


def test_unknown_encoding_label_gets_an_answer_not_a_traceback(slow_app, httpserver_ipv4, caplog):
    body = (b'<?xml version="1.0" encoding="x-no-such-charset"?><rss version="2.0"><channel>'
            b"<title>Aneh</title><item><title>Satu</title><description>" + SUMMARY.encode() +
            b"</description></item></channel></rss>")
    httpserver_ipv4.expect_request("/rss").respond_with_data(body, content_type="application/rss+xml")
    text = say(slow_app, f"/addsource {httpserver_ipv4.url_for('/rss')}")
    assert "Aneh" in text  # added under its own title (decoded as UTF-8), not an apology
    assert not any(record.exc_info for record in caplog.records)
