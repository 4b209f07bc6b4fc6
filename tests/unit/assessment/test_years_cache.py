"""Simulated years kept per runtime: simulated once, keyed by what they depend on."""

from collections.abc import Callable
from dataclasses import replace

import pytest

from patentshield.assessment.years_cache import YearsCache, YearsKey
from patentshield.risk.data_files import load_parameters
from patentshield.risk.exposure import ClassExposure, ExposureProfile
from patentshield.risk.montecarlo import block_count
from patentshield.risk.parameters import Parameters
from patentshield.risk.simulate import SimulatedYears, simulate_years

PROFILE = ExposureProfile((ClassExposure("vapes", 85, 3_000_000_000.0),))
YEARS = 300


@pytest.fixture(scope="module")
def parameters() -> Parameters:
    return load_parameters()


class CountingSimulator:
    """The engine's simulator, counting its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(
        self,
        parameters: Parameters,
        profile: ExposureProfile,
        *,
        years: int,
        seed: int,
        threads: int = 1,
        on_block: Callable[[int], None] | None = None,
    ) -> SimulatedYears:
        self.calls.append((years, seed))
        return simulate_years(
            parameters, profile, years=years, seed=seed, threads=threads, on_block=on_block
        )


def test_a_second_request_for_the_same_years_does_not_simulate_again(parameters):
    simulator = CountingSimulator()
    cache = YearsCache(simulate=simulator)
    first = cache.years(parameters, PROFILE, years=YEARS, seed=4)
    second = cache.years(parameters, PROFILE, years=YEARS, seed=4, threads=2)
    assert second is first
    assert simulator.calls == [(YEARS, 4)]
    assert (cache.simulations, cache.hits) == (1, 1)


def test_other_profiles_parameters_seeds_or_years_are_simulated_anew(parameters):
    simulator = CountingSimulator()
    cache = YearsCache(simulate=simulator)
    richer = ExposureProfile((ClassExposure("vapes", 85, 4_000_000_000.0),))
    costlier = Parameters({**parameters.values, "costs.itc_factor": 2.0}, parameters.origin)
    cache.years(parameters, PROFILE, years=YEARS, seed=4)
    cache.years(parameters, richer, years=YEARS, seed=4)
    cache.years(costlier, PROFILE, years=YEARS, seed=4)
    cache.years(parameters, PROFILE, years=YEARS, seed=5)
    cache.years(parameters, PROFILE, years=YEARS + 1, seed=4)
    assert cache.simulations == len(simulator.calls) == 5 and cache.hits == 0
    keys = {
        YearsKey.of(parameters, PROFILE, seed=4, years=YEARS),
        YearsKey.of(parameters, richer, seed=4, years=YEARS),
        YearsKey.of(costlier, PROFILE, seed=4, years=YEARS),
        YearsKey.of(parameters, PROFILE, seed=5, years=YEARS),
        YearsKey.of(parameters, PROFILE, seed=4, years=YEARS + 1),
    }
    assert len(keys) == 5


def test_where_equal_parameter_values_came_from_does_not_change_the_key(parameters):
    relabelled = replace(parameters, origin={"costs.itc_factor": "override"})
    assert YearsKey.of(relabelled, PROFILE, seed=1, years=YEARS) == YearsKey.of(
        parameters, PROFILE, seed=1, years=YEARS
    )


def test_the_least_recently_used_years_are_dropped_beyond_the_capacity(parameters):
    cache = YearsCache(capacity=2)
    for seed in (1, 2, 1, 3):  # seed 2 is the least recently used when seed 3 arrives
        cache.years(parameters, PROFILE, years=YEARS, seed=seed)
    assert len(cache) == 2
    cache.years(parameters, PROFILE, years=YEARS, seed=1)
    assert cache.simulations == 3 and cache.hits == 2
    cache.years(parameters, PROFILE, years=YEARS, seed=2)
    assert cache.simulations == 4


def test_a_cache_without_capacity_or_room_keeps_nothing(parameters):
    for cache in (YearsCache(capacity=0), YearsCache(max_bytes=1)):
        cache.years(parameters, PROFILE, years=YEARS, seed=1)
        cache.years(parameters, PROFILE, years=YEARS, seed=1)
        assert len(cache) == 0 and cache.simulations == 2


def test_years_from_the_cache_complete_a_progress_task_at_once(parameters):
    cache = YearsCache()
    simulated: list[int] = []
    kept: list[int] = []
    cache.years(parameters, PROFILE, years=140_000, seed=1, on_block=simulated.append)
    cache.years(parameters, PROFILE, years=140_000, seed=1, on_block=kept.append)
    assert simulated == [1] * block_count(140_000)
    assert kept == [block_count(140_000)]


def test_kept_years_are_read_only_for_every_caller(parameters):
    cache = YearsCache()
    kept = cache.years(parameters, PROFILE, years=YEARS, seed=1)
    with pytest.raises(ValueError, match="read-only"):
        kept.base.cost[0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        kept.costs[...] = 0.0
