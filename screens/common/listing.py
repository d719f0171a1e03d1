"""A list read in a thread worker (the rapid reviews, the escalations): each
load is given the filters as they are then and numbered, and what an older load
read is dropped when a newer one is on its way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from screens.common.base import QuorateScreen
from store.domain.errors import StoreError

if TYPE_CHECKING:
    from store import Store

QueryT = TypeVar("QueryT")
ReadT = TypeVar("ReadT")


class ListingScreen(QuorateScreen, Generic[QueryT, ReadT]):
    """``load`` reads the list for ``build_query()`` with ``read_list`` in a
    worker, then ``show_list`` shows it; a refusal from the store is reported
    instead."""

    @dataclass
    class Loaded(Message):
        """What load number ``generation`` read, or the store's refusal."""

        read: Any
        generation: int
        error: StoreError | None = None

    _generation = 0
    busy = False  # a load is on its way (for tests)

    def build_query(self) -> QueryT:
        """The filters as they are now."""
        raise NotImplementedError

    def read_list(self, store: Store, query: QueryT) -> ReadT:
        """The list for ``query``: runs in the worker, so it reads its arguments
        and never the screen's widgets."""
        raise NotImplementedError

    def show_list(self, read: ReadT) -> None:
        raise NotImplementedError

    def load(self) -> None:
        """Read the list again for the filters as they are now (the worker is
        given them; it does not read widgets)."""
        self._generation += 1
        self.busy = True
        self._read(self.store, self.build_query(), self._generation)

    @work(thread=True, exclusive=True, group="listing")
    def _read(self, store: Store, query: QueryT, generation: int) -> None:
        try:
            read = self.read_list(store, query)
        except StoreError as exc:
            self.post_message(self.Loaded(None, generation, exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(read, generation))

    def on_listing_screen_loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return  # a newer load is on its way
        self.busy = False
        if message.error is not None:
            self.report(message.error)
            return
        self.show_list(message.read)
