"""Roster screening: a county's spreadsheet (one row per person) checked, assessed and reported.

An edge of the package (DESIGN.md): it may import pandas, numpy and pyarrow (openpyxl and Dask
where it writes or distributes), and from the rules engine only its public functions and
vocabularies. Nothing in the standard-library core imports this package.

Data flows one way, one module per step:

1. ``read``        a file (.xlsx, .xls, .csv, .parquet) into text cells with the sheet's own row numbers;
2. ``columns``     the vocabulary, and header normalisation (brackets, spaces, usual synonyms);
3. ``check``       every row checked; a bad row is reported and rejects its household, nothing else;
4. ``households``  accepted rows as the engine's households (JSON form, or arrays for ``columnar``);
5. ``screen``      every household assessed (``columnar`` over arrays, ``assess`` for the rest);
6. ``report``      the report tables and files; ``cli`` runs the steps in that order;
7. ``compare``     one checked roster screened under two policy files (the current standard and a
                   proposed one, ``calculators.proposal``), household by household: cost, who enters,
                   leaves, gains or loses, by township and payment band (``python -m calculators compare``).

A problem is found by the step that owns it and reported there; no error is mapped back to a
cell after the fact.
"""
