"""Turn errors into pages (or JSON for the API) that say what happened and what to do."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from archive.errors import ConfigError
from index.errors import QueryError, SearchIndexError
from webui.markup import isolating_echoes
from webui.params import ParameterError

TITLES = {400: "The request cannot be answered", 404: "Not found", 405: "Method not allowed",
          500: "Something went wrong", 503: "The archive is not ready"}


def wants_json() -> bool:
    """Tell whether this request is for the JSON API or a JSON export."""
    return request.path.startswith("/api/") or request.path.endswith(".json")


def error_response(status: int, message: str, title: str | None = None):
    """Render ``message`` as an error page or a JSON object, with ``status``."""
    if wants_json():
        return jsonify(error=message, status=status), status
    title = title or TITLES.get(status, "Error")
    echoed = [*(v for _, v in request.args.items(multi=True)), *map(str, (request.view_args or {}).values())]
    return render_template("error.html", status=status, title=title,
                           message=isolating_echoes(message, echoed)), status


def register_error_handlers(app: Flask) -> None:
    """Register one handler per kind of error, so every surface words it the same way."""

    @app.errorhandler(SearchIndexError)
    @app.errorhandler(ConfigError)  # an engine that cannot be opened: the archive is not ready
    def index_unavailable(error: Exception):
        return error_response(503, str(error))

    @app.errorhandler(QueryError)
    def bad_query(error: QueryError):
        return error_response(400, str(error), "This query cannot be searched")

    @app.errorhandler(ParameterError)
    def bad_parameter(error: ParameterError):
        return error_response(400, str(error), "A value in the address cannot be used")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if isinstance(error, InternalServerError):
            return unexpected(error.original_exception or error)
        return error_response(error.code or 500, error.description or "")

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        current_app.logger.exception("Unexpected error on %s", request.path, exc_info=error)
        return error_response(500, "The archive hit an unexpected error; it has been logged.")
