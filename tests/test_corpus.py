"""Tests for archive.corpus: finding corpus files, dispatching by format, loading a corpus."""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from archive.corpus import SUPPORTED_EXTENSIONS, corpus_files, load_corpus, parse_file, read_file
from archive.errors import CorpusError
from archive.models import Problem

DATA = Path(__file__).parent / "data"
REAL_CORPUS = Path(__file__).parent.parent / "corpus"


def test_supported_extensions_name_every_format_family():
    assert SUPPORTED_EXTENSIONS == (".md", ".markdown", ".txt", ".html", ".htm", ".jsonl")


def test_parse_file_reports_an_unknown_extension():
    read = parse_file("notes/scan.xyz", b"whatever")
    assert read.articles == []
    assert read.problems == [Problem(
        "notes/scan.xyz",
        "unknown file type '.xyz' (expected .md, .markdown, .txt, .html, .htm or .jsonl)")]


def test_parse_file_reports_a_file_without_extension():
    read = parse_file("LICENSE", b"MIT")
    assert read.problems[0].reason.startswith("no file extension (expected .md")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf\n"])
def test_parse_file_skips_an_empty_file(data):
    assert parse_file("a.md", data).problems == [Problem("a.md", "empty file")]


def test_parse_file_skips_a_binary_file():
    assert parse_file("a.txt", b"PK\x03\x04\x00\x00").problems == [Problem("a.txt", "binary file")]


def test_parse_file_names_the_first_undecodable_byte_and_its_offset():
    read = parse_file("a.txt", b"Title\n\nCaf\xe9")
    assert read.problems == [Problem("a.txt", "not valid UTF-8 (byte 0xe9 at offset 10)")]


def test_parse_file_counts_the_offset_from_the_start_of_the_file_including_a_bom():
    read = parse_file("a.txt", b"\xef\xbb\xbfTitle\xff")
    assert read.problems == [Problem("a.txt", "not valid UTF-8 (byte 0xff at offset 8)")]


def test_parse_file_strips_a_bom_and_reads_windows_line_endings():
    data = "\ufeff---\r\ntitle: Café\r\ndate: 2025-12-06\r\n---\r\n\r\nBody.\r\n".encode()
    article = parse_file("cafe.md", data).articles[0]
    assert (article.title, article.published, article.body) == ("Café", date(2025, 12, 6), "Body.")


def test_parse_file_reads_a_txt_file_with_front_matter_as_the_native_format():
    read = parse_file("note.txt", b"---\ntitle: Front\ndate: 2025-12-06\n---\nBody.")
    assert (read.articles[0].title, read.articles[0].body) == ("Front", "Body.")


def test_parse_file_reads_a_md_file_without_front_matter_as_plain_text():
    read = parse_file("note.md", b"# Heading as title\n\n2025-12-06\n\nBody.")
    article = read.articles[0]
    assert (article.id, article.title, article.published, article.body) == (
        "note", "Heading as title", date(2025, 12, 6), "Body.")


def test_parse_file_chooses_the_reader_case_insensitively():
    read = parse_file("Page.HTM", b"<title>Upper</title><p>Text</p>")
    assert read.articles[0].title == "Upper"
    assert read.articles[0].id == "Page"


def _make(root: Path, relpath: str, text: str = "x") -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_corpus_files_skips_hidden_files_readme_and_timeline_but_keeps_unknown_types(tmp_path):
    for relpath in ["b.md", "a/z.txt", "a/c.html", "README.md", "timeline.yaml", ".draft.md",
                    ".git/config", "a/.cache/x.md", "photo.jpg", "sub/README.md"]:
        _make(tmp_path, relpath)
    found = [p.relative_to(tmp_path).as_posix() for p in corpus_files(tmp_path)]
    assert found == ["a/c.html", "a/z.txt", "b.md", "photo.jpg", "sub/README.md"]


def test_corpus_files_does_not_follow_a_symlink_loop(tmp_path):
    _make(tmp_path, "a/story.md")
    os.symlink(tmp_path, tmp_path / "a" / "loop", target_is_directory=True)
    assert [p.relative_to(tmp_path).as_posix() for p in corpus_files(tmp_path)] == ["a/story.md"]


def test_read_file_turns_a_vanished_file_into_a_skipped_problem(tmp_path):
    read = read_file(tmp_path / "gone" / "story.md", tmp_path)
    assert read.articles == []
    assert read.problems == [Problem("gone/story.md", "cannot read file: No such file or directory")]


def test_read_file_names_the_file_relative_to_the_corpus(tmp_path):
    _make(tmp_path, "news/ai.md", "---\ntitle: AI\ndate: 2025-12-06\n---\nText")
    read = read_file(tmp_path / "news" / "ai.md", tmp_path)
    assert (read.articles[0].id, read.articles[0].path) == ("news/ai", "news/ai.md")


def test_load_corpus_raises_for_a_missing_folder(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(CorpusError) as info:
        load_corpus(missing)
    assert str(info.value) == f"Corpus folder {missing} does not exist."


def test_load_corpus_reads_every_format_of_the_good_folder():
    read = load_corpus(DATA / "good")
    assert [(a.id, a.path, a.published) for a in read.articles] == [
        ("dispatch", "dispatch.txt", date(2025, 12, 6)),
        ("news/ai-warrior", "news/ai-warrior.md", date(2025, 12, 6)),
        ("page", "page.html", date(2025, 12, 6)),
        ("rc-1", "records.jsonl", date(2025, 12, 6)),
        ("42", "records.jsonl", date(2025, 12, 6)),
        ("records#4", "records.jsonl", None),
    ]
    assert read.problems == [Problem("records.jsonl", "no publication date", skipped=False, line=4)]


def test_load_corpus_reports_every_broken_file_and_keeps_what_it_can():
    read = load_corpus(DATA / "broken")
    assert [a.id for a in read.articles] == ["a", "d", "no-date", "unreadable-date"]
    assert [str(p) for p in read.problems] == [
        "archive.txt: binary file",
        "bad-yaml.md (line 4): invalid YAML front matter: expected ',' or ']', but got ':'",
        "blank.txt: empty file",
        "empty.md: empty file",
        "latin1.txt: not valid UTF-8 (byte 0xe9 at offset 10)",
        "list-front-matter.md: front matter is not a mapping of keys to values (found list)",
        "mixed.jsonl (line 2): invalid JSON: Expecting ',' delimiter at column 68",
        "mixed.jsonl (line 3): record is not a JSON object (found list)",
        "mixed.jsonl (line 4): missing required field 'title'",
        "mixed.jsonl (line 5): duplicate id 'a' (first used at line 1)",
        "mixed.jsonl (line 6): unreadable date 'someday'",
        "no-date.md: no publication date",
        "no-title.md: missing required field 'title'",
        "notes.xyz: unknown file type '.xyz' (expected .md, .markdown, .txt, .html, .htm or .jsonl)",
        "unreadable-date.md: unreadable date 'sometime in winter'",
    ]
    assert [p.skipped for p in read.problems if "date" in p.reason] == [False, False, False]


def test_load_corpus_skips_a_second_file_claiming_the_same_id(tmp_path):
    _make(tmp_path, "story.md", "---\ntitle: Markdown\ndate: 2025-12-06\n---\nText")
    _make(tmp_path, "story.txt", "Plain\n2025-12-06\nText")
    read = load_corpus(tmp_path)
    assert [a.title for a in read.articles] == ["Markdown"]
    assert read.problems == [Problem("story.txt", "duplicate id 'story' (already used by story.md)")]


def test_load_corpus_ids_are_stable_when_the_corpus_moves(tmp_path):
    moved = tmp_path / "elsewhere"
    shutil.copytree(DATA / "good", moved)
    assert [a.id for a in load_corpus(moved).articles] == [a.id for a in load_corpus(DATA / "good").articles]


def test_the_sample_corpus_holds_the_four_articles_of_the_seed_page():
    read = load_corpus(REAL_CORPUS)
    assert read.problems == []
    assert [(a.id, a.title, a.published) for a in read.articles] == [
        ("north-korea-ai-warrior",
         "FROM CRYPTO THIEF TO AI WARRIOR: North Korea Is Mass-Producing A New Army Of Digital Soldiers",
         date(2025, 12, 6)),
        ("robocup-2026-incheon",
         "RoboCup 2026: Incheon to Host the World’s Biggest Robotics Showdown!", date(2025, 12, 6)),
        ("south-korea-telegram-drug-smuggling",
         "Young South Koreans Lured Into Drug Smuggling: 7.1kg of Narcotics Seized in Bust",
         date(2025, 12, 6)),
        ("trump-kim-summit",
         "Panic Mode: Trump Eyes Improvised Summit With Nuclear Kim, Rerunning Failed Hanoi Show",
         date(2025, 12, 6)),
    ]


def test_the_sample_corpus_bodies_carry_no_page_furniture():
    for article in load_corpus(REAL_CORPUS).articles:
        for furniture in ("Courtesy of News1", "Check Out", "Most Popular", "NorthKorea"):
            assert furniture not in article.body, (article.id, furniture)


def test_the_sample_feature_keeps_its_paragraphs_and_typography():
    feature = next(a for a in load_corpus(REAL_CORPUS).articles if a.id == "north-korea-ai-warrior")
    paragraphs = feature.body.split("\n\n")
    assert len(paragraphs) == 20
    assert paragraphs[0].startswith("I visited the Korea Computer Center (KCC) in Pyongyang’s")
    assert paragraphs[-1].endswith("alongside preparations for its military applications.")
    assert "Exhibition – 2019" in feature.body
    assert feature.tags == ("North Korea", "AI")
    assert feature.language == "en"
