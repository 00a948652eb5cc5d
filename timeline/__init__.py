"""timeline: turn a folder of news articles into one merged, dated, sourced chronology.

The library API is `build_timeline(paths, options) -> Timeline`; the renderers in
`timeline.render` turn a Timeline into text, JSON, Markdown or CSV.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build_timeline"]


def __getattr__(name: str) -> object:
    """Import the pipeline lazily so that `timeline --version` stays instant."""
    if name == "build_timeline":
        from timeline.pipeline import build_timeline

        return build_timeline
    raise AttributeError(name)
