"""Doudi (兜底手册) rules engine: rural 低保, 特困 and 三留守 rules as code.

Pure standard library, so the same code runs in CPython, notebooks, Voila and the browser.

    >>> from calculators import assess
    >>> a = assess({"size": 2, "income": {"amount": 300, "per": "month"}})
    >>> a.dibao.eligible
    True
"""
from .assessment import Assessment, assess
from .errors import InputError
from .policy import DEFAULT_POLICY_ID, Policy, list_policies, load_policy

__all__ = ["assess", "Assessment", "InputError", "load_policy", "list_policies", "Policy", "DEFAULT_POLICY_ID"]
