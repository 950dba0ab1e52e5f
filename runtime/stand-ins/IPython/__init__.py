"""A stand-in for IPython in the browser runtime, which has no IPython and no kernel.

ipywidgets 8.1 imports four names from IPython: ``get_ipython``, ``display``, ``clear_output``
and ``InteractiveShell``. The calculators never use an IPython shell, so there is none
(``get_ipython()`` is ``None``, as in plain Python), and displaying is the host's job
(``doudi_host.start``). Shipped only into the browser (scripts/build_runtime.py).
"""


def get_ipython():
    return None
