"""Scene tests: plan the (scene, preset) records the selected tests need, so the
harness builds them once, in parallel processes, on the first request."""

from __future__ import annotations

import pytest

from tests.scenes import harness


def pytest_collection_finish(session: pytest.Session) -> None:
    pairs = []
    for item in session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "entry" in params:
            pairs.append((params["entry"], params.get("preset_name", "default")))
    harness.plan(pairs)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    times = harness.build_times()
    if times:
        slowest = sorted(times.items(), key=lambda item: -item[1])[:5]
        terminalreporter.write_line(
            f"scene records: {len(times)} built, {sum(times.values()):.0f} s of build time "
            f"({harness.workers()} worker(s)); slowest: "
            + ", ".join(f"{label}[{preset}] {seconds:.0f} s" for (label, preset), seconds in slowest)
        )
