"""lagebild's evaluation: every accuracy figure the project reports, and the gate that holds them.

`python -m eval` (`make eval`) measures the suites of `suites.py` and compares them with
`baseline.json` (`gate.py`); the `*_eval.py` modules score one kind of gold each and double as
developer scripts with error reports. Evaluation code lives here, outside the `lagebild` package:
nothing at run time imports it. See docs/evaluation.md.
"""
