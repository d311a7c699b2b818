"""Platform-neutral messages: what an adapter hands in (Request) and gets back (Reply)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


ATTACHMENT_MAX_BYTES = 1_000_000  # adapters do not download a larger file; its declared size says why


@dataclass(frozen=True)
class Attachment:
    """A file that came with a message, downloaded by the adapter; empty when over the cap."""

    name: str
    data: bytes = field(repr=False)
    size: int = 0  # the size the platform declared (may exceed what was downloaded)


@dataclass(frozen=True)
class Request:
    """One incoming message, already stripped of platform details."""

    platform: str  # "console", "telegram", "slack"
    chat: str  # platform chat/channel id, as a string
    user: str  # platform user id, as a string
    is_admin: bool = False
    command: str | None = None  # lower-case name without the slash, None for free text
    args: str = ""  # everything after the command, or the whole free text
    chat_kind: str = "private"  # "private", "group", "channel"
    chat_admin: bool = False  # the user administers this chat (e.g. a Telegram group admin)
    language: str | None = None  # the platform's hint about the user's language
    thread: str | None = None  # a Telegram forum topic: replies and subscriptions made there go back to it
    attachment: "Attachment | None" = None  # a file sent with the command (an OPML list for /importopml)

    @property
    def principal(self) -> str:
        """The platform-qualified user id used in the admin list and the audit log."""
        return "console" if self.platform == "console" else f"{self.platform}:{self.user}"


def _folded(text: str) -> str:
    return " ".join(text.split()).strip(" .").casefold()


def short_title(title: str, limit: int = 90) -> str:
    """A title cut at a word boundary for display (seed titles are whole first sentences)."""
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


@dataclass(frozen=True)
class SourceRef:
    """Where an item came from: the article and the outlet that published it."""

    title: str
    source: str
    url: str | None
    article_id: int

    def label(self, title: str | None = None) -> str:
        """"Outlet: title" as a reply cites it (`title` a shortened one); the title alone when the
        source is named by it (pasted text is: its source is its first sentence), the source alone
        when there is no title."""
        title = self.title if title is None else title
        if not title:
            return self.source
        if _folded(self.source) in (_folded(self.title), _folded(title)):
            return title
        return f"{self.source}: {title}"


@dataclass
class Item:
    """One point of a reply: a sentence or short extract with its sources."""

    text: str
    sources: list[SourceRef] = field(default_factory=list)
    value: int | float | None = None  # figures topics: the normalised number (a share may be a decimal)
    who: list[str] | None = None  # figures topics: the claimants
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. counted, qualifier, group
    highlight: tuple[int, int] | None = None  # answers: the answer phrase, a (start, end) span of `text`

    def parts(self) -> tuple[str, str, str]:
        """The text before the highlighted phrase, the phrase, and the text after ("" when none)."""
        if self.highlight is None:
            return self.text, "", ""
        start, end = self.highlight
        return self.text[:start], self.text[start:end], self.text[end:]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "sources": [asdict(s) for s in self.sources]}
        if self.highlight is not None:
            data["highlight"] = list(self.highlight)
        if self.value is not None:
            data["value"] = self.value
        if self.who is not None:
            data["who"] = list(self.who)
        data.update(self.extra)
        return data


@dataclass(frozen=True)
class Image:
    """A picture that travels with a reply (PNG bytes plus alt text)."""

    png: bytes
    alt: str


@dataclass
class Reply:
    """What a handler answers; adapters render it, nothing here is markup."""

    title: str
    items: list[Item] = field(default_factory=list)
    footer: str | None = None
    image: Image | None = None
    ephemeral: bool = False  # a refusal or error only the asker needs to see

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "items": [item.to_dict() for item in self.items],
            "footer": self.footer,
        }
        if self.image is not None:
            data["image"] = {"alt": self.image.alt, "bytes": len(self.image.png)}
        return data

    def to_text(self) -> str:
        """Plain text, as the console shows it: an answer phrase is marked **like this**."""
        lines = [self.title]
        for number, item in enumerate(self.items, 1):
            before, phrase, after = item.parts()
            lines.append(f"{number}. {before}**{phrase}**{after}" if phrase else f"{number}. {item.text}")
            for ref in item.sources:
                where = f" <{ref.url}>" if ref.url else ""
                lines.append(f"   — {ref.label(short_title(ref.title))}{where}")
        if self.footer:
            lines.append(self.footer)
        return "\n".join(lines)
