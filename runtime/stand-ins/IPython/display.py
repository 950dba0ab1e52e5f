"""``IPython.display`` for the browser runtime: the host shows widgets itself, so these do nothing."""


def display(*objects, **kwargs):
    """Nothing is displayed this way in the browser runtime; calculators are returned, not displayed."""


def clear_output(wait=False):
    """There is no output area to clear in the browser runtime."""
