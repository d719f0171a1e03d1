"""The fictional Kestrel Vale partnership and its builder; not imported by the app at run time."""
