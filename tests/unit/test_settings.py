from __future__ import annotations

from pathlib import Path

import pytest

from mend.settings import SettingsError, load_settings


def test_defaults_use_a_sqlite_file_in_the_data_dir() -> None:
    settings = load_settings({})
    assert settings.resolved_database_url == "sqlite:///mend-data/mend.db"


def test_values_come_from_mend_variables() -> None:
    settings = load_settings(
        {"MEND_DATA_DIR": "/srv/mend", "MEND_SESSION_IDLE_MINUTES_CLIENT": "20"}
    )
    assert settings.data_dir == Path("/srv/mend") and settings.session_idle_minutes_client == 20


def test_secrets_can_come_from_files(tmp_path: Path) -> None:
    secret = tmp_path / "key"
    secret.write_text("s" * 40 + "\n")
    assert load_settings({"MEND_SECRET_KEY_FILE": str(secret)}).secret_key == "s" * 40


def test_a_missing_secret_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="MEND_SECRET_KEY_FILE"):
        load_settings({"MEND_SECRET_KEY_FILE": str(tmp_path / "nope")})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MEND_SESSION_IDLE_MINUTES_CLIENT", "soon"),
        ("MEND_SESSION_IDLE_MINUTES_CLIENT", "0"),
        ("MEND_HTTPS", "perhaps"),
        ("MEND_SECRET_KEY", "short"),
        ("MEND_DATABASE_URL", "mysql://x"),
    ],
)
def test_bad_values_fail_loudly_naming_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings({name: value})


def test_unknown_mend_variables_are_refused() -> None:
    with pytest.raises(SettingsError, match="MEND_SESION_IDLE"):
        load_settings({"MEND_SESION_IDLE": "5"})


def test_other_variables_and_the_test_suites_own_are_ignored() -> None:
    settings = load_settings({"PATH": "/bin", "MEND_TEST_DATABASE_URL": "postgresql://x/y"})
    assert settings.database_url == ""


def test_old_secret_keys_are_a_comma_separated_list() -> None:
    settings = load_settings({"MEND_OLD_SECRET_KEYS": " one , two,,"})
    assert settings.old_secret_keys == ("one", "two")


def test_outside_the_demo_a_secret_is_required() -> None:
    with pytest.raises(SettingsError, match="MEND_SECRET_KEY"):
        load_settings({}).require_secret()


def test_postgresql_urls_use_psycopg_3() -> None:
    settings = load_settings({"MEND_DATABASE_URL": "postgresql://u@h/db"})
    assert settings.resolved_database_url == "postgresql+psycopg://u@h/db"
