"""How many examples a property test draws under the loaded Hypothesis profile (tests/conftest.py)."""

from hypothesis import settings

HYPOTHESIS_DEFAULT = 100  # the examples Hypothesis draws when nothing is set: the `ci` profile's


def examples(count: int) -> int:
    """`count`, the examples a test asks for in CI, scaled like the profile's default; 10 at least."""
    return max(10, round(count * settings.default.max_examples / HYPOTHESIS_DEFAULT))
