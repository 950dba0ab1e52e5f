"""IPython.core stand-in (see IPython/__init__.py)."""
