"""One module per screen, each with its .tcss beside it. Screens reach the
store only through its task-shaped methods (``self.store``)."""
