"""The app factory: configuration from a dict in tests, from the environment otherwise."""
from __future__ import annotations

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


def test_serve_runs_waitress_over_the_index(monkeypatch, tmp_path):
    import waitress

    from webui import serve

    served = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: served.update(app=app, **options))
    serve.run(tmp_path / "ix", "127.0.0.1", 5001)
    assert served["app"].config["INDEX_DIR"] == str(tmp_path / "ix")
    assert (served["host"], served["port"]) == ("127.0.0.1", 5001)
