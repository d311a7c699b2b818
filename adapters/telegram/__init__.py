"""The Telegram adapter (python-telegram-bot 22), one module per job:

config.py   the [telegram] settings and keeping the token out of the logs
render.py   a Reply as Telegram HTML within the message and caption limits
pacing.py   flood control and RetryAfter
adapter.py  updates in, Requests to the bot, Replies out; `factory`, the entry point
"""
from adapters.telegram.adapter import TelegramAdapter, factory, topic_of
from adapters.telegram.config import PLATFORM, TelegramConfig
from adapters.telegram.pacing import Pacer, retry_seconds
from adapters.telegram.render import CAPTION_LIMIT, MESSAGE_LIMIT, render, render_photo, utf16_len

__all__ = ["CAPTION_LIMIT", "MESSAGE_LIMIT", "PLATFORM", "Pacer", "TelegramAdapter", "TelegramConfig", "factory",
           "render", "render_photo", "retry_seconds", "topic_of", "utf16_len"]
