"""Config: user files override key by key, mistakes name the key, topics become commands."""
import pytest

from bot.settings import ConfigError, load_settings


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_override_changes_only_the_keys_it_sets(tmp_path):
    settings = load_settings(write(tmp_path, "c.toml", "[brief]\nmax_points = 4\n"), env={})
    assert settings.brief.max_points == 4
    assert settings.brief.min_points == 3  # default kept
    assert settings.bot.timezone == "Asia/Jakarta"


@pytest.mark.parametrize("text, key", [
    ("[brief]\nmax_pointz = 4\n", "brief.max_pointz"),
    ("[brief]\nmax_points = \"many\"\n", "brief.max_points"),
    ("[bot]\ntimezone = \"Mars/Olympus\"\n", "bot.timezone"),
    ("[schedule]\ndefault_time = \"25:00\"\n", "schedule.default_time"),
    ("[nosuch]\nx = 1\n", "nosuch"),
    ("[bot]\nlanguage = \"fr\"\n", "bot.language"),
])
def test_invalid_config_names_the_key(tmp_path, text, key):
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, "c.toml", text), env={})
    assert key in str(err.value)


def test_broken_toml_is_reported_with_the_file(tmp_path):
    path = write(tmp_path, "c.toml", "[bot\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path, env={})


def test_env_overrides_db_and_admins(tmp_path):
    settings = load_settings(None, env={"BRIEFBOT_DB": str(tmp_path / "x.db"),
                                        "BRIEFBOT_ADMINS": "telegram:1, slack:U2"})
    assert settings.db_path == str(tmp_path / "x.db")
    assert {"console", "telegram:1", "slack:U2"} <= settings.admins()


def test_adding_a_topic_to_the_file_adds_a_command(tmp_path, clean_env):
    from bot.app import BotApp

    topics = write(tmp_path, "topics.toml", """
[[topic]]
name = "nato"
kind = "entity"
description.id = "Tentang NATO"
description.en = "About NATO"
aliases.id = ["NATO"]
aliases.en = ["NATO"]
""")
    settings = load_settings(None, env={"BRIEFBOT_TOPICS": topics}, db_path=str(tmp_path / "b.db"))
    app = BotApp(settings)
    assert app.registry.get("nato") is not None
    assert app.registry.get("troops") is None  # the vocabulary really comes from the file


def test_bad_topic_kind_is_named(tmp_path):
    topics = write(tmp_path, "topics.toml",
                   '[[topic]]\nname = "x"\nkind = "weird"\ndescription.id = "a"\ndescription.en = "b"\n'
                   'aliases.id = ["x"]\n')
    with pytest.raises(ConfigError, match="kind"):
        load_settings(None, env={"BRIEFBOT_TOPICS": topics})


@pytest.mark.parametrize("text, line", [
    ("[sources]\nanalysis_workers = \"two\"\n", "sources.analysis_workers must be int, got str"),
    ("[schedule]\nsend_when_empty = 1\n", "schedule.send_when_empty must be bool, got int"),
    ("[sources]\nallow_hosts = \"10.0.0.0/8\"\n", "sources.allow_hosts must be list, got str"),
    ("[answers]\nmin_score = true\n", "answers.min_score must be float, got bool"),
])
def test_a_wrong_type_gives_one_line_naming_the_key(tmp_path, text, line):
    path = write(tmp_path, "c.toml", text)
    with pytest.raises(ConfigError) as err:
        load_settings(path, env={})
    message = str(err.value)
    assert message == f"{path}: {line}"
    assert "\n" not in message


def test_every_key_of_default_toml_has_a_typed_field():
    """A key added to config/default.toml without a field (or a field without a key) fails here."""
    import dataclasses
    import tomllib

    from adapters.slack.config import SlackConfig
    from adapters.telegram.config import TelegramConfig
    from bot.settings import ADAPTER_SECTIONS, CONFIG_DIR, SECTIONS

    defaults = tomllib.loads((CONFIG_DIR / "default.toml").read_text(encoding="utf-8"))
    assert set(defaults) == set(SECTIONS) | set(ADAPTER_SECTIONS)
    for section, cls in SECTIONS.items():
        assert set(defaults[section]) == {f.name for f in dataclasses.fields(cls)}, section
    # The adapters' own classes: one field per key (TelegramConfig calls api_base_url base_url).
    renamed = {"api_base_url": "base_url"}
    for section, cls in (("telegram", TelegramConfig), ("slack", SlackConfig)):
        names = {f.name for f in dataclasses.fields(cls)}
        assert {renamed.get(k, k) if section == "telegram" else k for k in defaults[section]} <= names, section


def test_typed_sections_hold_converted_values_and_cannot_be_changed(tmp_path):
    settings = load_settings(write(tmp_path, "c.toml", "[sources]\ntimeout_seconds = 7\nallow_hosts = [\"a.example\"]\n"
                                   "[bot]\ntimezone = \"WIB\"\n"), env={})
    assert settings.sources.timeout_seconds == 7.0 and isinstance(settings.sources.timeout_seconds, float)
    assert settings.sources.allow_hosts == ("a.example",)
    assert settings.bot.timezone == "Asia/Jakarta"  # the alias resolved once, on load
    with pytest.raises(AttributeError):
        settings.sources.workers = 3  # type: ignore[misc]
