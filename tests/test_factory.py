"""The app factory: configuration from a dict in tests, from the environment otherwise."""
from __future__ import annotations

import threading

from webui import create_app


def test_config_is_not_testing_by_default():
    assert not create_app().testing


def test_test_config_is_applied():
    app = create_app({"TESTING": True, "INDEX_DIR": "/somewhere", "PAGE_SIZE": 5})
    assert (app.testing, app.config["INDEX_DIR"], app.config["PAGE_SIZE"]) == (True, "/somewhere", 5)


def test_environment_overrides_the_defaults(monkeypatch):
    monkeypatch.setenv("ARCHIVE_INDEX_DIR", "/from/env")
    monkeypatch.setenv("ARCHIVE_PAGE_SIZE", "7")
    app = create_app()
    assert (app.config["INDEX_DIR"], app.config["PAGE_SIZE"]) == ("/from/env", 7)


def test_default_index_is_in_the_instance_folder():
    app = create_app()
    assert app.config["INDEX_DIR"].endswith("instance/index")


def test_blueprints_are_named_after_their_modules():
    app = create_app({"TESTING": True})
    assert {"search", "articles", "timeline"} <= set(app.blueprints)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert {"search.results", "articles.show", "timeline.index", "search.api_search", "search.api_facets",
            "articles.api_show", "timeline.api_timeline", "search.export_csv", "search.export_json",
            "timeline.export_csv", "timeline.export_json", "timeline.export_timelinejs"} <= endpoints


def test_serve_runs_waitress_over_the_index(tmp_path):
    import urllib.error
    import urllib.request

    from webui import serve

    server = serve.make_server(tmp_path / "ix", "127.0.0.1", 0)
    try:
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{server.effective_port}/", timeout=10)
        except urllib.error.HTTPError as error:  # no index yet: the page says how to build one
            assert error.code == 503 and b"archive reindex" in error.read()
        else:
            raise AssertionError("an archive without an index answered 200")
    finally:
        server.close()
