"""Config: user files override key by key, mistakes name the key, topics become commands."""
import pytest

from bot.settings import ConfigError, load_settings


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_override_changes_only_the_keys_it_sets(tmp_path):
    settings = load_settings(write(tmp_path, "c.toml", "[brief]\nmax_points = 4\n"), env={})
    assert settings.get("brief.max_points") == 4
    assert settings.get("brief.min_points") == 3  # default kept
    assert settings.get("bot.timezone") == "Asia/Jakarta"


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
