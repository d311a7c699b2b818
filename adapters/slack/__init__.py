"""The Slack adapter (slack-bolt), one module per job:

config.py    the [slack] settings and tokens; Socket Mode or HTTP mode
render.py    a Reply as Block Kit messages within Slack's limits
pacing.py    one message a second per channel, Retry-After waited out
signing.py   HTTP mode's request check before bolt parses anything
manifest.py  the app manifest as JSON (`python -m bot slack-manifest`)
adapter.py   events in, Requests to the bot, Replies out; `factory`, the entry point
"""
from adapters.slack.adapter import SlackAdapter, factory
from adapters.slack.config import PLATFORM, SlackConfig, load_config
from adapters.slack.manifest import ManifestError, display_name, manifest, manifest_data
from adapters.slack.render import (BLOCKS_MAX, HEADER_MAX, SECTION_MAX, item_blocks, render_messages, safe_url,
                                   source_link, split_text)
from adapters.slack.signing import check_request

__all__ = ["BLOCKS_MAX", "HEADER_MAX", "PLATFORM", "SECTION_MAX", "ManifestError", "SlackAdapter", "SlackConfig",
           "check_request", "display_name", "factory", "item_blocks", "load_config", "manifest", "manifest_data",
           "render_messages", "safe_url", "source_link", "split_text"]
