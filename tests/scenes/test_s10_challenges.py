"""Scene 10's label placement on the landscape: tabs stay clear of the optimisers' paths."""

from __future__ import annotations

import numpy as np

from scenes.s10_challenges import TAB_CLEARANCE, box_distance, place_tabs, resample

BOUNDS = (-4.0, -2.0, 4.0, 2.0)


def test_a_tab_moves_off_a_path_that_runs_over_its_spot() -> None:
    # A path straight through the spot, left to right: the nearest places above and below it are
    # on the path, so the tab must sit clear of it, yet still near the spot.
    spot = np.array([0.0, 0.0])
    route = resample(np.array([[-3.5, 0.0], [3.5, 0.0]]))
    size = (2.0, 0.5)
    (centre,) = place_tabs([spot], [size], route, spot[None, :], BOUNDS)
    half = np.array(size) / 2
    assert box_distance(centre[None, :], half, route)[0] >= TAB_CLEARANCE
    assert box_distance(centre[None, :], half, spot[None, :])[0] < 1.0
    assert np.all(centre - half >= BOUNDS[:2]) and np.all(centre + half <= BOUNDS[2:])


def test_tabs_keep_apart_and_off_every_path() -> None:
    spots = [np.array([-1.0, 0.0]), np.array([0.0, 0.0]), np.array([1.0, 0.0])]
    routes = np.vstack(
        [resample(np.array([[-3.5, 0.6], [3.5, 0.6]])), resample(np.array([[-3.5, -0.7], [0.0, -0.2], [3.5, -0.7]]))]
    )
    sizes = [(1.8, 0.45), (1.6, 0.45), (1.8, 0.45)]
    centres = place_tabs(spots, sizes, routes, np.array(spots), BOUNDS)
    halves = [np.array(size) / 2 for size in sizes]
    for centre, half in zip(centres, halves):
        assert box_distance(centre[None, :], half, routes)[0] >= TAB_CLEARANCE
    for i in range(len(centres)):
        for j in range(i + 1, len(centres)):
            apart = np.abs(centres[i] - centres[j]) >= halves[i] + halves[j]
            assert apart.any()
