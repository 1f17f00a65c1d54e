"""The web UI (Flask): thin views over the index's engine (webui.engine)."""
from __future__ import annotations

import os

from flask import Flask

from webui import articles, errors, search, security, timeline, urls


def create_app(test_config: dict | None = None) -> Flask:
    """Create the web app; tests pass a config dict."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(INDEX_DIR=os.path.join(app.instance_path, "index"), ENGINE="whoosh",
                            OPENSEARCH_URL=None, PAGE_SIZE=20, TIMELINE_PAGE_SIZE=50)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("ARCHIVE")
    else:
        app.config.update(test_config)
    app.json.sort_keys = False  # facet years stay in chronological order
    for module in (search, articles, timeline):
        app.register_blueprint(module.bp)
    errors.register_error_handlers(app)
    security.register_headers(app)
    urls.register_template_helpers(app)
    return app
