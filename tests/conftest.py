"""Hypothesis profiles: `dev`, the default, draws a third of each property test's examples, `ci` all."""

from hypothesis import settings

# `make test` passes --hypothesis-profile (dev, or ci in .ci/run), which overrides this default
settings.register_profile("ci", max_examples=100)
settings.register_profile("dev", max_examples=34)
settings.load_profile("dev")
