"""A Reply as Telegram HTML: every string escaped, cut to the UTF-16 limits of a message or a photo caption."""
from __future__ import annotations

import html
from typing import Callable, Sequence

from telegram import constants

from bot.models import Item, Reply, SourceRef


MESSAGE_LIMIT = constants.MessageLimit.MAX_TEXT_LENGTH  # 4096
CAPTION_LIMIT = constants.MessageLimit.CAPTION_LENGTH  # 1024
ELLIPSIS = "…"


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Article and user text for HTML parse mode: <, > and & become entities."""
    return html.escape(text, quote=False)


def fit(text: str, budget: int) -> str:
    """`text` escaped; when that exceeds `budget` units, cut between characters (never inside an
    entity) and end with an ellipsis."""
    escaped = escape(text)
    if utf16_len(escaped) <= budget:
        return escaped
    pieces, used = [], utf16_len(ELLIPSIS)
    for char in text:
        piece = escape(char)
        if used + utf16_len(piece) > budget:
            break
        pieces.append(piece)
        used += utf16_len(piece)
    return "".join(pieces).rstrip() + ELLIPSIS


def _source_html(ref: SourceRef) -> str:
    label = escape(cut_plain(ref.label(), 80))
    url = ref.url or ""
    if url.startswith(("http://", "https://")):  # Telegram rejects other schemes in href
        return f'<a href="{html.escape(url, quote=True)}">{label}</a>'
    return label


def cut_plain(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + ELLIPSIS


class Block:
    """One self-contained piece of a message (title, item, footer): its tags open and close in it,
    so any run of whole blocks is valid HTML. `render(budget)` shrinks it to fit."""

    def __init__(self, render: Callable[[int], str]) -> None:
        self.render = render


def _wrapped(tag: str, text: str) -> Block:
    return Block(lambda budget: f"<{tag}>{fit(text, budget - len(tag) * 2 - 5)}</{tag}>")


def _item_block(item: Item) -> Block:
    def render(budget: int) -> str:
        sources = ""
        for ref in item.sources:  # sources may take at most half the budget of an overlong item
            candidate = f"{sources}, {_source_html(ref)}" if sources else f"\n    ↳ {_source_html(ref)}"
            if utf16_len(candidate) > budget // 2:
                break
            sources = candidate
        return f"• {_marked(item, budget - 2 - utf16_len(sources))}{sources}"

    return Block(render)


def _marked(item: Item, budget: int) -> str:
    """The item's text with its answer phrase in bold; plain (and cut) when that does not fit."""
    before, phrase, after = item.parts()
    if phrase:
        marked = f"{escape(before)}<b>{escape(phrase)}</b>{escape(after)}"
        if utf16_len(marked) <= budget:
            return marked
    return fit(item.text, budget)


def reply_blocks(reply: Reply, alt: bool = False) -> list[Block]:
    blocks = [_wrapped("b", reply.title)]
    if alt and reply.image is not None and reply.image.alt:
        blocks.append(_wrapped("i", reply.image.alt))
    blocks.extend(_item_block(item) for item in reply.items)
    if reply.footer:
        blocks.append(_wrapped("i", reply.footer))
    return blocks


def pack(blocks: Sequence[Block], limit: int = MESSAGE_LIMIT, first_limit: int | None = None) -> list[str]:
    """Messages of whole blocks, each within its limit; a block too long for a message of its own
    is re-rendered smaller (cut with an ellipsis)."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        cap = first_limit if (first_limit and not messages) else limit
        text = block.render(limit)
        joined = f"{current}\n\n{text}" if current else text
        if utf16_len(joined) <= cap:
            current = joined
            continue
        if current:
            messages.append(current)
            cap = limit
        current = text if utf16_len(text) <= cap else block.render(cap)
    if current:
        messages.append(current)
    return messages


def render(reply: Reply) -> list[str]:
    """The reply as HTML messages of at most 4096 characters."""
    return pack(reply_blocks(reply))


def render_photo(reply: Reply) -> tuple[str, list[str]]:
    """A caption of at most 1024 characters, and the rest of the reply as following messages."""
    messages = pack(reply_blocks(reply, alt=True), MESSAGE_LIMIT, first_limit=CAPTION_LIMIT)
    return messages[0], messages[1:]
