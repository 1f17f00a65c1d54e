"""The article page: full text with query words and event sentences marked, and its JSON twin."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template

from index import serializers
from webui import markup, params
from webui.engine import engine
from webui.urls import sentence_url

bp = Blueprint("articles", __name__)


def _article(article_id: str):
    article = engine().article(article_id, params.query_text())
    if article is None:
        abort(404, f"There is no article with the id '{article_id}'. It may have been removed at the last reindex.")
    return article


@bp.get("/articles/<path:article_id>")
def show(article_id: str):
    """Show an article, its events, and the words of ?q= highlighted."""
    article = _article(article_id)
    return render_template("articles/show.html", article=article,
                           title_html=markup.marked(article.title, article.title_matches),
                           paragraphs=markup.paragraphs(article.body, article.matches, article.events))


@bp.get("/api/articles/<path:article_id>")
def api_show(article_id: str):
    """Return an article, its events and the spans of ?q='s words as JSON."""
    return jsonify(serializers.article_json(_article(article_id), sentence_url))
