"""Fixes to Whoosh, applied when ``index.whoosh`` is imported, on the versions they were checked on.

Each fix replaces one Whoosh function. They were read against whoosh-reloaded CHECKED (the
version pyproject.toml pins); on any other version a fix is skipped with a warning that says
so, since the code it replaces may have changed. ``removed()`` undoes them for a while, so
that benchmarks measure plain Whoosh as plain Whoosh.

1. Whoosh's per-segment reader remembers the length column of a field once it has opened it,
   but not that a field has none. While a segment is written, the writer asks for the length
   of every posting; for each posting of a field without lengths (numbers, identifiers) that
   was one ``stat`` call: 300,000 of them per 5,000 Reuters articles, a tenth of the reindex.
   A segment's files never change once written, so the absence is remembered too.
2. Whoosh's parser builds each side of ANDNOT and ANDMAYBE twice (once to test for an empty
   side, once for the query), so nesting them takes 2^n time: 40 nested ANDNOTs never finish,
   a chain of 20 takes a minute. Each side is built once here.
3. While a segment is written, Whoosh reads the length of the field of every posting from
   the segment's length column, one file read per posting (a million per 5,000 Reuters
   articles, 7% of a reindex). Here the lengths of a field are read once, for every
   document, the first time a posting of that field asks.
4. Whoosh reads a column of byte strings whole (every article's id and content hash, which
   an incremental reindex compares) one file read per document. Here its bytes are read
   at once and cut up in memory: 43,000 reads fewer per reindex of Reuters.
5. The same for a column of numbers (the timeline's sort order, repeat and happening keys and
   years): one read and one unpacking for the column, not one of each per document. Grouping
   the events of Reuters into happenings read four such columns in 4 s, now in a tenth of it.
6. Whoosh lists the documents of a term's postings (every match of a timeline query) with two
   method calls per posting; the ids of a block are decoded together anyway, so here they are
   handed over a block at a time: listing the matches of "shares" on Reuters in half the time.
7. Three steps every posting of a reindex goes through (about 700,000 per 5,000 Reuters
   articles, in each index) check the types of their arguments with ``assert`` and look up
   helpers on every call: the writer's pool that sorts postings (``PostingPool.add``), the
   segment's postings writer (``add_posting``) and a field's term encoding (``index``). Here
   they do the same work without the checks (a wrong type still fails: the arrays they fill
   are typed) and encode terms with ``str.encode``. The index written is byte for byte the same.
"""
from __future__ import annotations

import struct
import sys
import warnings
from contextlib import contextmanager
from typing import Iterator

import whoosh
from whoosh import columns, fields, writing
from whoosh.codec import base, whoosh3

CHECKED = ("2.7.5",)


def _cached_reader(self, fieldname, column):
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


def _binary_group_query(self, parser):
    from whoosh import query  # loaded with the parser, which calls this
    from whoosh.qparser import syntax

    qa, qb = (node.query(parser) for node in self.nodes)
    if qa is None and qb is None:
        built = query.NullQuery
    else:
        built = qb if qa is None else qa if qb is None else self.qclass(qa, qb)
    return syntax.attach(built, self)


class _PreloadedLengths:
    """A segment's field lengths, each field's read whole once (writing a segment only)."""

    def __init__(self, lengths, doc_count: int):
        self._lengths = lengths
        self._doc_count = doc_count
        self._fields: dict[str, list] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        try:
            column = self._fields[fieldname]
        except KeyError:
            length = self._lengths.doc_field_length
            column = self._fields[fieldname] = [length(d, fieldname, default) for d in range(self._doc_count)]
        return column[docnum] if docnum < self._doc_count else self._lengths.doc_field_length(docnum, fieldname, default)


_original_add_postings = base.FieldWriter.add_postings


def _add_postings(self, schema, lengths, items):
    if lengths is not None and hasattr(lengths, "doc_count_all"):
        lengths = _PreloadedLengths(lengths, lengths.doc_count_all())
    return _original_add_postings(self, schema, lengths, items)


def _var_bytes_iter(self):
    lengths = self._lengths
    data = self._dbfile.get(self._basepos, sum(lengths))  # the values lie in document order, end to end
    position = 0
    for length in lengths:
        yield data[position:position + length]
        position += length


def _numeric_iter(self):
    count = min(self._count, self._doccount)  # documents after the last value written hold the default
    yield from struct.unpack(f"!{count}{self._typecode}", self._dbfile.get(self._basepos, self._fixedlen * count))
    for _ in range(self._doccount - count):
        yield self._default


def _leaf_all_ids(self):
    while self.is_active():
        if self._ids is None:
            self._read_ids()
        yield from self._ids[self._i:self._blocklength]
        self._i = self._blocklength - 1
        self.next()  # past the block's last posting: to the next block, or the end


def _pool_add(self, item):
    # item = (fieldname, tbytes, docnum, weight, vbytes); the size is Whoosh's estimate of its memory
    self.fieldnames.add(item[0])
    self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
    if self.currentsize > self.limit:
        self.save()
    self.current.append(item)


def _add_posting(self, id_, weight, vbytes, length=None):
    if len(self._ids) >= self._blocklimit:
        self._write_block()
    self._ids.append(id_)
    self._weights.append(weight)
    if weight > self._maxweight:
        self._maxweight = weight
    if vbytes:
        self._values.append(vbytes)
    if length:
        if self._minlength is None or length < self._minlength:
            self._minlength = length
        if length > self._maxlength:
            self._maxlength = length


def _field_index(self, value, **kwargs):
    if not self.format:
        raise Exception(f"{self.__class__.__name__} field {self!r} cannot index without a format")
    if not isinstance(value, (str, list, tuple)):
        raise ValueError(f"{value!r} is not unicode or sequence")
    kwargs.setdefault("mode", "index")
    return [(term.encode("utf-8"), frequency, weight, encoded)
            for term, frequency, weight, encoded in self.format.word_values(value, self.analyzer, **kwargs)]


# (class, attribute, replacement); a class that inherits the attribute gets its own, removed again.
# Fix 2 is on the query parser, which a reindex never imports (Whoosh's query modules are a
# tenth of its start): it is applied when index.whoosh.query imports the parser (``fix_parser``).

FIXES = ((whoosh3.W3PerDocReader, "_cached_reader", _cached_reader),
         (base.FieldWriter, "add_postings", _add_postings),
         (columns.VarBytesColumn.Reader, "__iter__", _var_bytes_iter),
         (columns.NumericColumn.Reader, "__iter__", _numeric_iter),
         (whoosh3.W3LeafMatcher, "all_ids", _leaf_all_ids),
         (writing.PostingPool, "add", _pool_add),
         (whoosh3.W3PostingsWriter, "add_posting", _add_posting),
         (fields.FieldType, "index", _field_index))
ORIGINALS = {(owner, name): vars(owner).get(name) for owner, name, _ in FIXES}
_checked = False  # whether apply() found a checked version, so that fix_parser() may apply its fix


def _parser_fixes() -> tuple:
    from whoosh.qparser import syntax

    fixes = ((syntax.BinaryGroup, "query", _binary_group_query),)
    for owner, name, _ in fixes:
        ORIGINALS.setdefault((owner, name), vars(owner).get(name))  # Whoosh's own: seen before any fix is set
    return fixes


def _all_fixes() -> tuple:
    return FIXES + _parser_fixes()


def fix_parser() -> None:
    """Apply the query parser's fix (2) when the others are applied; index.whoosh.query calls it."""
    if not _checked:
        return
    for owner, name, replacement in _parser_fixes():
        setattr(owner, name, replacement)


def installed_version() -> str:
    """The installed Whoosh's version, as whoosh-reloaded spells it ("2.7.5").

    Read from the package itself: ``importlib.metadata`` took a tenth of a command's start
    (it imports the email package to parse the metadata). The original Whoosh stopped at
    2.7.4, so the checked versions are whoosh-reloaded's either way.
    """
    return ".".join(map(str, getattr(whoosh, "__version__", ())))


def apply() -> bool:
    """Apply every fix when the installed Whoosh is one they were checked on; say why not otherwise."""
    global _checked
    version = installed_version()
    _checked = version in CHECKED
    if not _checked:
        warnings.warn(f"Whoosh fixes not applied: they were checked on whoosh-reloaded {', '.join(CHECKED)}, "
                      f"not {version or 'this Whoosh'}; the archive works, more slowly on some reindexes "
                      "and nested ANDNOT queries.", RuntimeWarning, stacklevel=2)
        return False
    for owner, name, replacement in FIXES:
        setattr(owner, name, replacement)
    if "whoosh.qparser.syntax" in sys.modules:  # imported before index.whoosh: fix it now
        fix_parser()
    return True


def applied() -> bool:
    """Whether the fixes, the query parser's included, are in place now (this imports the parser)."""
    return all(vars(owner).get(name) is replacement for owner, name, replacement in _all_fixes())


@contextmanager
def removed() -> Iterator[None]:
    """Run with Whoosh's own code, then put back what was there (for plain-Whoosh baselines)."""
    current = {(owner, name): vars(owner).get(name) for owner, name, _ in _all_fixes()}
    _put(ORIGINALS)
    try:
        yield
    finally:
        _put(current)


def _put(functions: dict) -> None:
    for (owner, name), function in functions.items():
        if function is not None:
            setattr(owner, name, function)
        elif name in vars(owner):
            delattr(owner, name)  # inherited in Whoosh's own code


apply()
