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
    ("corpus: a\nindx: b\n", r"unknown key 'indx' \(known keys: corpus, index, engine, opensearch_url, opensearch_user, "
     r"opensearch_password, opensearch_ca_certs, opensearch_verify_certs, opensearch_index\)"),
])
def test_bad_config_file_is_reported_with_path_and_reason(tmp_path, text, message):
    config = tmp_path / "archive.yaml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(config, environ={})


def test_the_engine_comes_from_the_file_then_the_environment(tmp_path):
    config = tmp_path / "archive.yaml"
    config.write_text("engine: opensearch\nopensearch_url: http://localhost:9200\n")
    settings = load_settings(config, environ={})
    assert (settings.engine, settings.opensearch_url) == ("opensearch", "http://localhost:9200")
    settings = load_settings(config, environ={"ARCHIVE_ENGINE": "whoosh", "ARCHIVE_OPENSEARCH_URL": "http://n2:9200"})
    assert (settings.engine, settings.opensearch_url) == ("whoosh", "http://n2:9200")


@pytest.mark.parametrize("environ, message", [
    ({"ARCHIVE_ENGINE": "solr"}, "Unknown engine 'solr'; use one of: whoosh, opensearch"),
    ({"ARCHIVE_ENGINE": "opensearch"}, "needs the cluster's address"),
])
def test_an_unusable_engine_setting_is_refused_with_a_reason(tmp_path, monkeypatch, environ, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=environ)


def test_cluster_settings_come_from_the_file_and_the_environment(tmp_path):
    config = tmp_path / "archive.yaml"
    config.write_text("engine: opensearch\nopensearch_url: https://a:9200,https://b:9200\nopensearch_user: reader\n"
                      "opensearch_verify_certs: false\nopensearch_index: team-archive\n", encoding="utf-8")
    settings = load_settings(config, {"ARCHIVE_OPENSEARCH_PASSWORD": "secret", "ARCHIVE_OPENSEARCH_CA_CERTS": "/ca.pem"})
    assert (settings.opensearch_url, settings.opensearch_user, settings.opensearch_password) == \
           ("https://a:9200,https://b:9200", "reader", "secret")
    assert (settings.opensearch_verify_certs, settings.opensearch_ca_certs, settings.opensearch_index) == \
           ("False", "/ca.pem", "team-archive")


@pytest.mark.parametrize("key, value, message", [
    ("opensearch_verify_certs", "maybe", "true or false"), ("opensearch_index", "Team Archive", "cannot name an index")])
def test_cluster_settings_that_cannot_be_used_are_refused(tmp_path, key, value, message):
    config = tmp_path / "archive.yaml"
    config.write_text(f"{key}: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(config, {})
