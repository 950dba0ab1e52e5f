"""The dashboards edge (DESIGN.md): Voila pages and the handbook's static renderings of them.

It may import pandas, numpy, Altair, vl-convert and ipywidgets, the roster pipeline
(``calculators.roster``) and the rules engine's public functions; nothing in the engine imports
it. ``calculators.charts`` (aggregation, suppression and charts of the first four dashboards) is
its older module and stays where the notebooks and tests import it; each new dashboard is a module
here, built on those helpers:

* ``standard``   标准调整测算: what a proposed new 低保 standard costs and whom it moves.
"""
