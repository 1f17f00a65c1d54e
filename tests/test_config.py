"""Settings: defaults, then archive.yaml, then environment variables."""
from __future__ import annotations

from pathlib import Path

import pytest

from archive.config import Settings, load_settings
from archive.errors import ConfigError


def test_defaults_need_no_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}) == Settings(Path("corpus"), Path("instance/index"))


def test_config_file_paths_are_relative_to_the_file(tmp_path):
    config = tmp_path / "conf" / "archive.yaml"
    config.parent.mkdir()
    config.write_text("corpus: ../articles\nindex: idx\n")
    assert load_settings(config, environ={}) == Settings(tmp_path / "conf/../articles", tmp_path / "conf/idx")


def test_environment_overrides_the_file(tmp_path):
    config = tmp_path / "archive.yaml"
    config.write_text("corpus: a\nindex: b\n")
    settings = load_settings(config, environ={"ARCHIVE_INDEX_DIR": "/srv/index"})
    assert settings == Settings(tmp_path / "a", Path("/srv/index"))


@pytest.mark.parametrize("text, message", [
    ("corpus: [a\n", r"archive.yaml: invalid YAML at line 2"),
    ("- a\n- b\n", r"expected keys such as 'corpus: ./corpus', found list"),
    ("corpus: a\nindx: b\n", r"unknown key 'indx' \(known keys: corpus, index\)"),
])
def test_bad_config_file_is_reported_with_path_and_reason(tmp_path, text, message):
    config = tmp_path / "archive.yaml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(config, environ={})
