"""User-facing strings in Indonesian and English. Feature modules add theirs with `add_messages`."""
from __future__ import annotations

from functools import lru_cache

LANGUAGES = ("id", "en")

_MESSAGES: dict[str, dict[str, str]] = {
    "apology": {
        "id": "Maaf, terjadi kesalahan saat memproses permintaan ini. Sudah dicatat; silakan coba lagi.",
        "en": "Sorry, something went wrong with that request. It has been logged; please try again.",
    },
    "unknown_command": {
        "id": "Perintah /{name} tidak dikenal.",
        "en": "Unknown command /{name}.",
    },
    "did_you_mean": {"id": "Maksud Anda /{name}?", "en": "Did you mean /{name}?"},
    "see_help": {"id": "Ketik /help untuk daftar perintah.", "en": "Type /help for the list of commands."},
    "empty_message": {
        "id": "Pesan kosong. Tulis pertanyaan{example}, atau /help.",
        "en": "Empty message. Ask a question{example}, or type /help.",
    },
    # Examples come from config/topics.toml (a topic's `example`, the first place or entity alias).
    "example_quoted": {"id": ", misalnya \"{example}\"", "en": ", e.g. \"{example}\""},
    "example_plain": {"id": ", misalnya {example}", "en": ", e.g. {example}"},
    "example_colon": {"id": ", misalnya: {example}", "en": ", e.g.: {example}"},
    "too_long": {
        "id": "Pesan terlalu panjang ({length} karakter, batas {limit}). Persingkat pertanyaannya.",
        "en": "Message too long ({length} characters, limit {limit}). Please shorten the question.",
    },
    "binary": {
        "id": "Pesan berisi karakter yang tidak dapat dibaca. Kirim teks biasa.",
        "en": "The message contains unreadable characters. Please send plain text.",
    },
    "admin_only": {
        "id": "/{name} hanya untuk admin bot. Permintaan ini dicatat.",
        "en": "/{name} is for bot admins only. This attempt has been logged.",
    },
    "no_answer": {
        "id": "Sumber yang ada tidak menjawab pertanyaan ini.",
        "en": "The sources do not answer this question.",
    },
    "weak_answer": {
        "id": "Sumber yang ada tidak menjawab pertanyaan ini dengan pasti. Kalimat yang paling dekat:",
        "en": "The sources do not answer this question clearly. The closest they come:",
    },
    "no_articles": {
        "id": "Belum ada artikel. Admin dapat menambah sumber dengan /addsource.",
        "en": "No articles yet. An admin can add sources with /addsource.",
    },
    "answer_title": {"id": "Jawaban dari sumber", "en": "Answer from the sources"},
    "brief_title": {"id": "Ringkasan: {count} poin dari {articles} artikel",
                    "en": "Briefing: {count} points from {articles} articles"},
    "brief_empty": {"id": "Tidak ada artikel baru sejak {since}.", "en": "No new articles since {since}."},
    "figures_title": {"id": "{description}: {count} angka dari {articles} artikel",
                      "en": "{description}: {count} figures from {articles} articles"},
    "figures_none": {"id": "Sumber tidak menyebut angka untuk /{name}.",
                     "en": "The sources report no figures for /{name}."},
    "figures_footer": {
        "id": "Angka yang berbeda untuk hal yang sama ditampilkan berdampingan. Korban dipisahkan dari jumlah pasukan.",
        "en": "Different figures for the same thing are shown side by side. Casualties are kept apart from troop totals.",
    },
    "place_title": {"id": "{place}: {count} poin dari {articles} artikel",
                    "en": "{place}: {count} points from {articles} articles"},
    "place_none": {"id": "Sumber tidak menyebut {place}.", "en": "The sources do not mention {place}."},
    "about_usage": {"id": "Gunakan: /about NAMA{example}", "en": "Usage: /about NAME{example}"},
    "ask_usage": {"id": "Gunakan: /ask PERTANYAAN{example}", "en": "Usage: /ask QUESTION{example}"},
    "about_title": {"id": "Tentang {name}: {count} kalimat dari {articles} artikel",
                    "en": "About {name}: {count} sentences from {articles} articles"},
    "about_none": {"id": "Sumber tidak menyebut {name}.", "en": "The sources do not mention {name}."},
    "lang_set": {"id": "Bahasa balasan: Indonesia.", "en": "Reply language: English."},
    "lang_usage": {"id": "Gunakan: /lang id atau /lang en", "en": "Usage: /lang id or /lang en"},
    "help_title": {"id": "briefbot — ringkasan berita bersumber", "en": "briefbot — sourced news briefings"},
    "help_footer": {
        "id": "Atau tulis pertanyaan biasa{example}",
        "en": "Or just ask a question{example}",
    },
    # Each language points to the other in the other's words: someone who cannot read this help
    # still finds how to switch.
    "help_other_language": {"id": "In English: /lang en", "en": "Bahasa Indonesia: /lang id"},
    "admin_marker": {"id": " (admin)", "en": " (admin)"},
    "start_title": {
        "id": "Halo! Saya merangkum berita berbahasa Indonesia dengan sumbernya.",
        "en": "Hello! I summarise Indonesian-language news, with sources.",
    },
    "topics_title": {"id": "Topik ({count})", "en": "Topics ({count})"},
    "articles_count": {"id": "{count} artikel tersimpan.", "en": "{count} articles stored."},
    "sources_title": {"id": "Sumber ({count})", "en": "Sources ({count})"},
    "bundled_seeds": {"id": "artikel bawaan (seeds)", "en": "bundled articles (seeds)"},
    "slack_command_summary": {"id": "Ringkasan, angka dan jawaban bersumber: {commands}",
                              "en": "Sourced briefings, figures and answers: {commands}"},
}


def add_messages(messages: dict[str, dict[str, str]]) -> None:
    """Let a feature module bring its own strings; a clash is a programming error."""
    for key, texts in messages.items():
        if key in _MESSAGES and _MESSAGES[key] != texts:
            raise ValueError(f"message {key!r} defined twice")
        if set(texts) != set(LANGUAGES):
            raise ValueError(f"message {key!r} needs exactly {LANGUAGES}")
        _MESSAGES[key] = texts


def templates(lang: str) -> dict[str, str]:
    """Every message registered so far in `lang`, placeholders unfilled (feature modules add theirs
    when imported)."""
    return {key: texts.get(lang, texts["id"]) for key, texts in _MESSAGES.items()}


def t(key: str, lang: str, **values: object) -> str:
    """The message in `lang` (Indonesian when unknown), with values filled in."""
    texts = _MESSAGES[key]
    return texts.get(lang, texts["id"]).format(**values)


@lru_cache(maxsize=1)
def _english_territories() -> dict[str, str]:
    """Indonesian country names to English ones, from CLDR via Babel ("Korea Utara" -> "North Korea")."""
    from babel import Locale

    english = Locale("en").territories
    return {name.lower(): english[code] for code, name in Locale("id").territories.items()
            if code in english and not code.isdigit()}


def place_name(name: str, lang: str) -> str:
    """A country or place name as the chat's language writes it; names CLDR does not know stay as they are."""
    if lang != "en":
        return name
    return _english_territories().get(name.lower(), name)


def example(text: str | None, lang: str, style: str = "plain") -> str:
    """", misalnya ..." around an example from the topics file, or nothing when there is none."""
    return t(f"example_{style}", lang, example=text) if text else ""
