"""What the screens of one record about a child share (a rapid review, an
escalation): the child and the names in the text shown by pseudonym until the
chair asks for the real names (``v``), and the page keys paging the record."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.containers import VerticalScroll

from screens.common.base import QuorateScreen

HIDDEN_NAME = "real name hidden: v shows it"


class ChildRecordScreen(QuorateScreen):
    """One record in a scrolling body (``BODY_ID``), read again by ``reload``.

    The subclass binds ``v`` to ``show_names``, the page keys to ``page(1)`` and
    ``page(-1)`` and escape to ``back``, each with its own id, among its own keys:
    bindings declared here would come first in the key bar, which lists a
    screen's keys most important first."""

    BODY_ID: ClassVar[str] = ""
    showing_names = False

    def reload(self) -> None:
        raise NotImplementedError

    def shown(self, text: str | None) -> str:
        """User text as this screen shows it: protected names replaced by their
        pseudonyms unless the chair has asked to see them (``v``)."""
        if not text:
            return ""
        return text if self.showing_names else self.store.register.redacted(text)

    def title_text(self, reference: str, child_id: int | None, no_child: str) -> Text:
        """The record's reference and its child by pseudonym, the real name only
        when asked for; ``no_child`` says how to choose one when there is none."""
        title = Text(reference, style="bold")
        if child_id is not None:
            child = self.store.register.get(child_id)
            title.append(f"  {child.pseudonym}", style="bold")
            if self.showing_names:
                title.append(f" ({child.real_name})")
            else:
                title.append(f" ({HIDDEN_NAME})", style="dim")
        else:
            title.append(f"  {no_child}", style="dim")
        return title

    def action_show_names(self) -> None:
        self.showing_names = not self.showing_names
        self.reload()

    def action_page(self, by: int) -> None:
        body = self.query_one(f"#{self.BODY_ID}", VerticalScroll)
        if by > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    def action_back(self) -> None:
        self.dismiss()
