"""The JSON API and the exports: same data as the pages, every match streamed."""
from __future__ import annotations

import csv
import io
import json



def test_api_search_has_the_cli_shape_and_more(client):
    data = client.get("/api/search?q=1989&year=1989").get_json()
    assert {"query", "parsed", "notes", "total", "page", "page_count", "hits", "facets"} <= set(data)
    assert (data["query"], data["parsed"], data["total"]) == ("1989", "1989", 2)
    assert sorted(h["id"] for h in data["hits"]) == ["moon", "wall"]
    assert data["facets"]["years"]["1989"] == 2
    assert list(data["facets"]["years"]) == sorted(data["facets"]["years"], key=int)  # chronological
    assert data["facets"]["source"] == {"Europe Today": 1, "Space Weekly": 1}
    moon = next(h for h in data["hits"] if h["id"] == "moon")
    assert (moon["link"], moon["published"], moon["tags"]) == ("/articles/moon", "2019-07-20", ["space", "history"])


def test_api_facets_lists_selection(client):
    data = client.get("/api/facets?year=1969").get_json()
    assert data["total"] == 1
    assert {"year": 1969, "count": 1, "selected": True} in data["facets"]["years"]
    assert data["facets"]["tags"][0] == {"value": "history", "label": "history", "count": 1, "selected": False}


def test_api_errors_are_json(client, tmp_path):
    response = client.get("/api/search?q=author:x")
    assert (response.status_code, response.get_json()["error"][:22]) == (400, "Unknown field 'author:")
    assert client.get("/api/articles/nope").get_json()["status"] == 404


def test_api_article(sample):
    data = sample.get("/api/articles/north-korea-ai-warrior?q=Eunbyeol").get_json()
    assert data["title"].startswith("FROM CRYPTO THIEF TO AI WARRIOR")
    assert [data["body"][s:e] for s, e in data["matches"]] == ["Eunbyeol", "Eunbyeol"]
    founding = next(e for e in data["events"] if e["label"] == "2013")
    assert data["body"][founding["start"]:founding["end"]] == founding["sentence"]
    assert founding["url"] == f"/articles/north-korea-ai-warrior#event-{founding['id']}"


def test_api_timeline(sample):
    data = sample.get("/api/timeline?from=2013&to=2019").get_json()
    assert (data["year_from"], data["year_to"], data["granularity"]) == (2013, 2019, "year")
    assert [e["year"] for e in data["entries"]] == sorted(e["year"] for e in data["entries"])
    assert sum(b["count"] for b in data["density"]) == data["total"]


def test_search_csv_exports_every_match_not_one_page(client, app):
    app.config["PAGE_SIZE"] = 1
    response = client.get("/search.csv?sort=oldest")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="search.csv"'
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["id", "title", "published", "source", "url", "tags", "years", "events", "score"]
    assert [r[0] for r in rows[1:]] == ["wall", "moon", "nested/robots"]


def test_csv_neutralises_formulas(hostile):
    rows = list(csv.reader(io.StringIO(hostile.get("/search.csv?q=formula").text)))
    assert rows[1][1] == "'=HYPERLINK(\"http://evil.example\", \"click\")"
    assert rows[1][3] == "'+danger"


def test_search_json_export_is_one_object_with_every_hit(client, app):
    app.config["PAGE_SIZE"] = 1
    data = json.loads(client.get("/search.json?q=1989").text)
    assert (data["query"], data["total"], sorted(h["id"] for h in data["hits"])) == ("1989", 2, ["moon", "wall"])


def test_timeline_exports(sample):
    rows = list(csv.reader(io.StringIO(sample.get("/timeline.csv").text)))
    assert rows[0][:3] == ["id", "date", "label"] and len(rows) > 10
    assert rows[1][-1].startswith("http://localhost/articles/north-korea-ai-warrior#event-")
    data = json.loads(sample.get("/timeline.json?from=2013&to=2013").text)
    assert [e["label"] for e in data["events"]] == ["2013"] and data["total"] == 1


def test_timelinejs_export_has_its_format_and_escapes_html(sample, hostile):
    data = json.loads(sample.get("/timeline.timelinejs.json?from=2006&to=2006").text)
    assert data["title"]["text"]["headline"] == "Timeline Archive"
    may = next(e for e in data["events"] if e["start_date"]["display_date"] == "May 2006")
    assert may["start_date"] == {"year": 2006, "month": 5, "display_date": "May 2006"}
    assert may["unique_id"].startswith("event-")
    evil = json.loads(hostile.get("/timeline.timelinejs.json").text)
    assert all("<script" not in e["text"]["text"] and "<img" not in e["text"]["text"] for e in evil["events"])


def test_export_errors_come_before_the_download(client):
    response = client.get("/search.csv?q=author:x")
    assert response.status_code == 400
    assert client.get("/timeline.json?q=author:x").status_code == 400
