import functools
import importlib

import pandas as pd

from graphkit.match.spread import spread

peers_module = importlib.import_module("graphkit.match.peers")


def test_spread_keeps_the_order_and_every_item():
    items = [f"x{i}" for i in range(1001)]
    assert spread(lambda chunk: [s.upper() for s in chunk], items, workers=3, least=1) == [
        s.upper() for s in items
    ]
    assert spread(lambda chunk: list(chunk), [], workers=2) == []


def test_peers_all_spread_over_processes_equals_one_process(kg, monkeypatch):
    alone = peers_module.peers_all(kg, top=3)
    monkeypatch.setattr(peers_module, "spread", functools.partial(spread, workers=2, least=1))
    shared = peers_module.peers_all(kg, top=3)
    assert len(alone) > 10
    pd.testing.assert_frame_equal(alone, shared)


def test_a_worker_of_spread_ranks_on_one_thread(monkeypatch):
    # sparse_dot_topn's thread pool does not survive a fork: a worker ranking on it after
    # its parent had ranked on it hung (peers_all after a ranking in the same process).
    # What a forked worker runs, run here (a fork does not happen while a test elsewhere
    # left a thread alive); monkeypatch puts the flag back afterwards.
    from graphkit.match import spread as spread_module
    from graphkit.match import topk

    def job(chunk):
        return [(spread_module.in_worker(), topk._threads(10_000)) for _ in chunk]

    monkeypatch.setattr(spread_module, "_IN_WORKER", False)
    monkeypatch.setattr(spread_module, "_JOB", job)
    assert job([0]) == [(False, topk._threads(10_000))]
    assert spread_module._run([0, 1]) == [(True, None), (True, None)]
