"""The register screen: entries added and edited with the keys, their other forms
typed with ";" between them."""

from __future__ import annotations

from pathlib import Path

from screens.register.register import ProtectedForm, RegisterScreen
from tests.appkit import SIZE, press, sample_app, type_text


async def test_add_then_edit_an_entry_with_keys(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    before = {p.id for p in app.store.register.all()}
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "R", "n")
        assert isinstance(app.screen, ProtectedForm)
        await type_text(pilot, "Kayden Ashby")
        await press(pilot, "tab")
        await type_text(pilot, "Kayden; Ashby ;")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, RegisterScreen)
        (added,) = [p for p in app.store.register.all() if p.id not in before]
        assert added.forms == ("Kayden Ashby", "Kayden", "Ashby")
        assert added.pseudonym.startswith("Child ")
        await press(pilot, "e")
        form = app.screen
        # The list opens on the entry just added.
        assert isinstance(form, ProtectedForm) and form.record == added
        # Clear the pseudonym: blank keeps the one it has.
        await press(pilot, "tab", "tab", "ctrl+a", "ctrl+k", "ctrl+s")
        assert isinstance(app.screen, RegisterScreen)
    assert app.store.register.get(added.id or 0).pseudonym == added.pseudonym
