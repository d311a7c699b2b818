"""A Reply as Block Kit messages: mrkdwn escaped, links only for http(s) URLs, within Slack's block limits."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable
from urllib.parse import quote, urlsplit

from bot.ingest import canonical_url
from bot.models import Item, Reply, SourceRef


# Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks)
HEADER_MAX = 150
SECTION_MAX = 3000
CONTEXT_ELEMENTS_MAX = 10
BLOCKS_MAX = 50
FALLBACK_MAX = 3000  # the notification text; Slack truncates message text beyond 40k, keep it short
LABEL_MAX = 300  # a source link's visible text

# Only these URLs become links; anything else ("!channel", "slack://", "javascript:") stays text.
LINK_SCHEMES = ("http", "https")
URL_SAFE_CHARS = ":/?#[]@!$&'()*+,;=%~"  # everything else (<, >, |, spaces, quotes) is percent-encoded


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as control sequences in mrkdwn."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape_incoming(text: str) -> str:
    """Slack sends user text with &, <, > escaped; the bot wants what the user typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_text(text: str, limit: int) -> list[str]:
    """Cut text into pieces of at most `limit`, at spaces where possible, never inside an &entity;."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
            amp = text.rfind("&", max(0, cut - 5), cut)
            if amp > 0 and ";" not in text[amp:cut]:
                cut = amp
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text or not pieces:
        pieces.append(text)
    return pieces


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for `<url|label>`, or None when it must not become a link."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return escape_mrkdwn(quote(url, safe=URL_SAFE_CHARS))


def source_link(ref: SourceRef) -> str:
    """One source as mrkdwn: a link when its URL is safe, escaped text otherwise.

    Always within one text object (SECTION_MAX): a URL too long for it (tracking
    parameters, session ids) is tried in its canonical form, else left out, since a
    cut URL would lead nowhere.
    """
    label = escape_mrkdwn(clip(ref.label(), LABEL_MAX))
    url = safe_url(ref.url)
    if url and len(url) + len(label) + 3 > SECTION_MAX:
        url = safe_url(canonical_url(ref.url))
    if url and len(url) + len(label) + 3 > SECTION_MAX:
        url = None
    return f"<{url}|{label}>" if url else label


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _mrkdwn(text)}


def _contexts(texts: list[str]) -> list[dict[str, Any]]:
    """Context blocks hold at most ten elements each."""
    return [{"type": "context", "elements": [_mrkdwn(x) for x in texts[i:i + CONTEXT_ELEMENTS_MAX]]}
            for i in range(0, len(texts), CONTEXT_ELEMENTS_MAX)]


def _title_blocks(title: str) -> list[dict[str, Any]]:
    """A plain-text header; a title too long for it is repeated whole in a section."""
    header = {"type": "header", "text": {"type": "plain_text", "text": clip(title, HEADER_MAX) or "…", "emoji": True}}
    if len(title) <= HEADER_MAX:
        return [header]
    return [header, *(_section(p) for p in split_text(escape_mrkdwn(title), SECTION_MAX))]


def item_blocks(number: int, item: Item) -> list[dict[str, Any]]:
    """One item: its text in sections (split at 3000), its sources as context links."""
    before, phrase, after = item.parts()  # the answer phrase, if any, in bold
    marked = (f"{escape_mrkdwn(before)}*{escape_mrkdwn(phrase)}*{escape_mrkdwn(after)}" if phrase
              else escape_mrkdwn(item.text))
    text = f"*{number}.* {marked}"
    blocks = [_section(piece) for piece in split_text(text, SECTION_MAX)]
    blocks.extend(_contexts([source_link(ref) for ref in item.sources]))
    return blocks


def _pack(groups: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Fill messages of at most 50 blocks, starting a new one at a group (item) boundary."""
    messages: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    for group in groups:
        if current and len(current) + len(group) > BLOCKS_MAX:
            messages.append(current)
            current = []
        for block in group:  # only an item bigger than a whole message is cut between blocks
            if len(current) == BLOCKS_MAX:
                messages.append(current)
                current = []
            current.append(block)
    if current:
        messages.append(current)
    return messages


def _fallback_text(blocks: list[dict[str, Any]]) -> str:
    """The plain `text` every message carries for notifications and old clients (already escaped)."""
    lines: list[str] = []
    for block in blocks:
        if block["type"] == "header":
            lines.append(escape_mrkdwn(block["text"]["text"]))
        elif block["type"] == "section":
            lines.append(block["text"]["text"])
        elif block["type"] == "context":
            lines.append(" · ".join(element["text"] for element in block["elements"]))
    text = "\n".join(lines)
    # split_text, not a plain cut: an "&amp;" cut in half would show as "&am".
    return text if len(text) <= FALLBACK_MAX else split_text(text, FALLBACK_MAX - 1)[0] + "…"


def namespace_commands(reply: Reply, names: Iterable[str], command: str) -> Reply:
    """The reply with "/troops" written "/briefbot troops" wherever it names one of our commands.

    The bot words its replies with bare command names (as Telegram and the console take
    them); with a single namespaced command that is what a Slack user has to type instead.
    """
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    if not alternatives:
        return reply
    # Not after a letter, digit or "/" (URLs, dates), and only whole names ("/troopsx" stays).
    pattern = re.compile(rf"(?<![\w/])/({alternatives})(?![\w-])", re.I)

    def fix(text: str | None) -> str | None:
        return pattern.sub(lambda m: f"/{command} {m.group(1)}", text) if text else text

    items = [replace(item, text=fix(item.text) or "") for item in reply.items]
    return replace(reply, title=fix(reply.title) or "", items=items, footer=fix(reply.footer))


def render_messages(reply: Reply) -> list[dict[str, Any]]:
    """The Reply as one or more Slack messages: {"text": fallback, "blocks": [...]}."""
    groups = [_title_blocks(reply.title)]
    groups.extend(item_blocks(number, item) for number, item in enumerate(reply.items, 1))
    if reply.footer:
        groups.append(_contexts(split_text(escape_mrkdwn(reply.footer), SECTION_MAX)))
    return [{"text": _fallback_text(blocks), "blocks": blocks} for blocks in _pack(groups)]
