"""Scorers for each benchmark, used by ``newsbrief eval …`` and the quality gate."""

from newsbrief.evaluate.common import PRF, EvalResult, load_floors

__all__ = ["PRF", "EvalResult", "load_floors"]
