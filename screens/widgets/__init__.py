"""Reusable widgets: the form modal, the confirm modal."""
