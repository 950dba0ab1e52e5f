"""The applicant's calculator for phones: a questionnaire, a result in plain words, the 估算单
and the share link.

This subpackage is an edge of the engine. It may import ``ipywidgets``, the engine
(``calculators``) and the standard library, nothing else: not IPython, not
``ipywidgets.Output``, not ``interact``, so it runs unchanged in Jupyter, in Voila and in the
site's own Pyodide runtime (a Web Worker with a small widget manager). ``share`` and
``sheet`` are pure standard library plus the engine.

    from calculators.ui.questionnaire import dibao_questionnaire
    dibao_questionnaire()       # one widget: the root box
"""
