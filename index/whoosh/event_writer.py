"""Write the events index in a process of its own while the articles index is written.

The articles and the events are two Whoosh indexes, each with its own writer. In one
process the two writers took turns, and the events were half of a reindex's time; a child
process writing the events lets both cores work. A small reindex keeps both writers in
this process, where starting a child would cost more than it saves.
"""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from whoosh import index as whoosh_index

from index.whoosh import schema
from index.whoosh.deleting import TermDeleter
from index.errors import IndexBusyError, SearchIndexError

BATCH = 256  # operations per message: one pickle per batch, not per event
LIMIT_MB = 128
# compound=False: see index.whoosh.writer (Whoosh copies each part of a compound file into memory).


def open_writer(generation: Path, in_child: bool):
    """Return a writer of the generation's events index: in a child process or in this one."""
    return _ChildWriter(generation) if in_child else _LocalWriter(generation)


def _whoosh_writer(generation: Path):
    try:
        return whoosh_index.open_dir(generation, indexname=schema.EVENTS).writer(limitmb=LIMIT_MB, compound=False)
    except whoosh_index.LockError as error:
        raise IndexBusyError(f"Another writer holds the events index in {generation}; try again.") from error


class _LocalWriter:
    """The events writer in this process."""

    def __init__(self, generation: Path):
        self.writer = _whoosh_writer(generation)
        self.deletes = TermDeleter(self.writer)

    def add(self, document: dict) -> None:
        self.writer.add_document(**document)

    def delete(self, field: str, value: str) -> None:
        self.deletes.delete(field, value)

    def start_commit(self) -> None:
        self.deletes.close()
        self.writer.commit()

    def wait(self) -> None:
        pass

    def cancel(self) -> None:
        self.deletes.close()
        if not self.writer.is_closed:
            self.writer.cancel()


class _ChildWriter:
    """The events writer in a child process, sent operations in batches through a pipe."""

    def __init__(self, generation: Path):
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        self.batch: list[tuple] = []
        self.process = context.Process(target=_serve, args=(generation, child_end, os.getpid()), daemon=True)
        self.process.start()
        child_end.close()

    def add(self, document: dict) -> None:
        self._queue(("add", document))

    def delete(self, field: str, value: str) -> None:
        self._queue(("delete", field, value))

    def _queue(self, operation: tuple) -> None:
        self.batch.append(operation)
        if len(self.batch) >= BATCH:
            self._send()

    def _send(self) -> None:
        try:
            self.connection.send(self.batch)
        except (BrokenPipeError, ConnectionResetError):
            self.wait()  # the child stopped: its reply says why
            raise SearchIndexError("The events writer stopped unexpectedly.") from None
        self.batch = []

    def start_commit(self) -> None:
        """Send what is left and ask the child to commit; ``wait`` collects the outcome."""
        self._send()
        self.connection.send(None)

    def wait(self) -> None:
        """Wait for the child's commit; raise its error, if it had one."""
        try:
            error = self.connection.recv()
        except EOFError:
            error = SearchIndexError("The events writer stopped unexpectedly.")
        self.process.join()
        self.connection.close()
        if error is not None:
            raise error

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def _serve(generation: Path, connection, parent: int) -> None:
    """Apply batches of operations until told to commit; reply None or the error."""
    try:
        writer = _whoosh_writer(generation)
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
        connection.send(error)
        return
    deletes = TermDeleter(writer)
    try:
        while True:
            while not connection.poll(1.0):
                if os.getppid() != parent:  # the reindex was killed: leave without committing
                    os._exit(1)
            batch = connection.recv()
            if batch is None:
                break
            for operation, *arguments in batch:
                if operation == "add":
                    writer.add_document(**arguments[0])
                else:
                    deletes.delete(*arguments)
        deletes.close()
        writer.commit()
    except BaseException as error:  # noqa: BLE001
        try:
            deletes.close()
            writer.cancel()
        except Exception:  # noqa: BLE001 - on a full disk cancelling fails too; the error sent says why
            pass
        connection.send(error)
        return
    connection.send(None)
