"""Believable demo data, filled area by area; running it again adds nothing twice."""

import random
from collections.abc import Callable
from dataclasses import dataclass

from helpdesk.auth.demo import seed_users


@dataclass(frozen=True)
class DemoStep:
    """One area's part of the demo: a label for the progress bar and the function that seeds it."""

    label: str
    seed: Callable[[random.Random], int]


STEPS: tuple[DemoStep, ...] = (DemoStep("accounts", seed_users),)


def seed(rng: random.Random, steps: tuple[DemoStep, ...] = STEPS, on_step=None) -> dict[str, int]:
    """Run every step with one random generator; return how many rows each step added."""
    added = {}
    for step in steps:
        added[step.label] = step.seed(rng)
        if on_step is not None:
            on_step(step)
    return added
