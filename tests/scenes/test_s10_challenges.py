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


def test_a_trail_ends_at_its_head_and_pieces_meet() -> None:
    from scenes.s10_challenges import trail_points

    screen = np.array([[float(i), float(i % 2), 0.0] for i in range(10)])
    position = 6.5
    newest = trail_points(screen, position, 0.0, 2.0)
    older = trail_points(screen, position, 2.0, None)
    # The head lies halfway between steps 6 and 7; the newest piece starts where the older one ends.
    assert np.allclose(newest[-1], (screen[6] + screen[7]) / 2)
    assert np.allclose(newest[0], older[-1])
    assert np.allclose(older[0], screen[0])
    # Before the head has moved, a piece is a single point (drawn as nothing).
    still = trail_points(screen, 0.0, 2.0, 5.0)
    assert np.allclose(still[0], still[-1])


def test_race_pace_runs_from_start_to_finish_and_never_goes_back() -> None:
    from scenes.s10_challenges import race_pace

    fast_then_still = np.array([[0.0, 0.0], [5.0, 0.0], *([[5.0 + 1e-3 * i, 0.0] for i in range(1, 10)])])
    even = np.array([[float(i), 0.0] for i in range(11)])
    pace = race_pace([fast_then_still, even])
    assert pace[0] == 0.0 and np.isclose(pace[-1], 1.0)
    assert np.all(np.diff(pace) >= 0)
    # The first step covers most of the fast path, so it takes more of the race than a tenth.
    assert pace[1] > 0.2
