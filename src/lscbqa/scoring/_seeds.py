"""Random generators for experiments that must give the same answer however they are split.

An experiment takes one ``rng`` (a seed or a :class:`numpy.random.Generator`) and turns
it into a root :class:`numpy.random.SeedSequence` once. Every block of a fixed grid of
draws then has its own generator, spawned from the root by the block's index, so a
draw's random numbers depend only on the seed and the draw's position, never on how the
draws are cut into chunks or which executor runs them.
"""

from __future__ import annotations

import numpy as np

from lscbqa import _util

Seed = np.random.Generator | int | None

BLOCK = 64
"""Draws per block of the fixed grid: each block has its own generator."""


def generator(rng: Seed, path: str = "$.rng") -> np.random.Generator:
    """A generator from a seed, a generator (used as is) or None (seed 0).

    None means seed 0, not fresh entropy, so that a report or an experiment run
    twice on the same data says the same thing; pass a seed to vary it.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if not (rng is None or (isinstance(rng, int) and not isinstance(rng, bool) and rng >= 0)):
        _util.fail(path, f"expected a numpy Generator or a seed >= 0; found {_util.found(rng)}")
    return np.random.default_rng(0 if rng is None else rng)


def root(rng: Seed) -> np.random.SeedSequence:
    """The root seed sequence of an experiment: 128 bits drawn once from ``rng``."""
    words = generator(rng).integers(0, 2**32, size=4, dtype=np.uint64)
    return np.random.SeedSequence([int(word) for word in words])


def block_generator(seeds: np.random.SeedSequence, block: int) -> np.random.Generator:
    """The generator of one block of the grid: the root's child number ``block``."""
    child = np.random.SeedSequence(seeds.entropy, spawn_key=(*seeds.spawn_key, block))
    return np.random.default_rng(child)


def blocks(start: int, stop: int) -> range:
    """The blocks of the grid that draws ``start`` to ``stop - 1`` fall in."""
    return range(start // BLOCK, -(-stop // BLOCK))


def positive_count(value: object, path: str) -> int:
    """``value`` as a count >= 1, or a ValidationError at ``path``."""
    if not (isinstance(value, int | np.integer) and not isinstance(value, bool) and value >= 1):
        _util.fail(path, f"expected a whole number >= 1; found {_util.found(value)}")
    return int(value)
