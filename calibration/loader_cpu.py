#!/usr/bin/env python3
"""Measures a PyTorch data loader's CPU costs on this machine, with storage taken out, for a scenario's
`data.cpu` (docs/model.md, "Data pipeline"). Run it with your own Dataset:

  python3 calibration/loader_cpu.py --dataset mypkg.data:MyDataset --args '{"root": "/data/train"}' \
      --batch 64 --workers 4 [--prefetch 2] [--samples 512] [--collate mypkg.data:my_collate]

What it does, with every sample it uses read once first (so the page cache holds them: DS-Analyzer's "data
in memory" condition, Mohan et al., VLDB 2021):
  perSample    the mean time of dataset[i] in this process (decode, augment, and the page-cache copy);
  perBatch     per batch in a worker beyond its samples: collate and the hand-off to the training process,
               from a 1-worker DataLoader drained as fast as it goes (its batch period minus batch × perSample);
  mainPerBatch the mean time the training process spends in next() on a batch that is already waiting
               (receiving it), with `--workers` workers and a consumer slow enough that batches wait;
  workerStart  the first batch's latency minus one batch's build time (starting the worker processes).
Then the rate that matters: a DataLoader with your `--workers` and `--prefetch`, shuffled, drained as fast as it
goes with data in memory. Workers running at once on shared cores are slower than one alone (memory bandwidth,
caches, page faults of fresh processes, the training process receiving on the same cores): on this project's
2-core VM, 2 workers of 4 MiB samples built a batch every 17.6 ms where the one-at-a-time times added up to 9.6.
perSample and perBatch are scaled together so that `--workers` workers on `--cores` cores (default: the cores
this process may run on) deliver batches at that measured period, as stallsim's CPU model runs them (each
worker one core at most, the cores shared; the training process's receive on them too). The unscaled times and
the factor are in the raw timings on stderr.
With `--workers 0` (the training process loads) it measures per sample and collate only. Prints a JSON object to
paste under `data:` as `cpu:` (microseconds, as "NNNus"), and the raw timings on stderr.
"""
import argparse
import importlib
import json
import sys
import time

import os

import torch
from torch.utils.data import DataLoader, RandomSampler, Subset
from torch.utils.data._utils.collate import default_collate


def load(ref):
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def us(seconds):
    return f"{max(0, round(seconds * 1e6))}us"


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def measure_in_main(ds, batch, samples, collate):
    """num_workers 0: the training process reads and collates; there is no hand-off and no worker to start."""
    n = min(samples, len(ds))
    n -= n % batch
    sub = Subset(ds, list(range(n)))
    for i in range(n):
        sub[i]
    per_sample = []
    for _ in range(3):
        t = time.perf_counter()
        items = [sub[i] for i in range(n)]
        per_sample.append((time.perf_counter() - t) / n)
    t = time.perf_counter()
    for b in range(0, n, batch):
        collate(items[b : b + batch])
    collate_s = (time.perf_counter() - t) / (n // batch)
    print(json.dumps({"samples": n, "perSampleSeconds": per_sample, "collateSeconds": collate_s}), file=sys.stderr)
    return {"perSample": us(median(per_sample)), "perBatch": us(collate_s), "mainPerBatch": "0us", "workerStart": "0us"}


def drained_period(sub, batch, workers, prefetch, collate, epochs=5):
    """The batch period of `workers` workers drained as fast as they go, data in memory, shuffled: the median over
    `epochs` epochs of persistent workers (the first epoch, which starts them, left out). Each epoch is timed from
    its (workers × prefetch)-th batch to its last: the batches before it were in flight when the epoch began and
    may be ready at once, which would make the period look shorter than the workers' rate."""
    gen = torch.Generator()
    gen.manual_seed(1)
    loader = DataLoader(sub, batch_size=batch, sampler=RandomSampler(sub, generator=gen), num_workers=workers,
                        prefetch_factor=prefetch, collate_fn=collate, persistent_workers=True, drop_last=True)
    skip = workers * prefetch
    periods = []
    for e in range(epochs + 1):
        k = 0
        t = None
        for i, _ in enumerate(loader):
            if i == skip:
                t = time.perf_counter()
            elif i > skip:
                k += 1
        if e > 0 and t is not None and k > 0:
            periods.append((time.perf_counter() - t) / k)
    if not periods:
        raise SystemExit(f"too few samples to time the drained rate: give --samples above {batch * (skip + 2)}")
    return periods


def measure(ds, batch, workers, prefetch, samples, collate, cores):
    n = min(samples, len(ds))
    n -= n % batch
    if n < 2 * batch:
        raise SystemExit(f"need at least {2 * batch} samples to measure; the dataset has {len(ds)}")
    sub = Subset(ds, list(range(n)))
    # 1. Warm the page cache: read every sample once.
    for i in range(n):
        sub[i]
    # 2. The measured rate first, while this process is as a training script's is (holding no samples): `workers`
    # workers drained, data in memory. (Measured after the steps below, it came out up to 1.6x faster on this
    # project's VM: the one-at-a-time passes leave this process holding every sample.)
    drained = drained_period(sub, batch, workers, prefetch, collate)
    # 3. Per sample, in this process, data in memory: three passes, the median.
    per_sample = []
    for _ in range(3):
        t = time.perf_counter()
        items = [sub[i] for i in range(n)]
        per_sample.append((time.perf_counter() - t) / n)
    sample_s = median(per_sample)
    # Collate alone, for the record (the worker's per-batch cost includes it).
    t = time.perf_counter()
    for b in range(0, n, batch):
        collate(items[b : b + batch])
    collate_s = (time.perf_counter() - t) / (n // batch)
    # 4. One worker drained as fast as possible: its batch period.
    periods = []
    for _ in range(2):
        loader = DataLoader(sub, batch_size=batch, num_workers=1, prefetch_factor=max(2, prefetch),
                            collate_fn=collate, persistent_workers=False)
        it = iter(loader)
        next(it)  # the first batch includes the worker's start
        t = time.perf_counter()
        k = 0
        for _ in it:
            k += 1
        periods.append((time.perf_counter() - t) / max(1, k))
    period_s = median(periods)
    batch_s = max(0.0, period_s - batch * sample_s)
    # 5. The training process's cost of a batch that is already waiting; and the workers' start.
    loader = DataLoader(sub, batch_size=batch, num_workers=max(1, workers), prefetch_factor=prefetch,
                        collate_fn=collate, persistent_workers=False)
    t = time.perf_counter()
    it = iter(loader)
    next(it)
    first_s = time.perf_counter() - t
    receive = []
    # A consumer that sleeps long enough for every worker to have its next batch ready.
    nap = 2 * (batch * sample_s + batch_s) + 0.002
    while True:
        time.sleep(nap)
        t = time.perf_counter()
        try:
            next(it)
        except StopIteration:
            break
        receive.append(time.perf_counter() - t)
    main_s = median(receive) if receive else 0.0
    start_s = max(0.0, first_s - (batch * sample_s + batch_s))
    del it, loader
    # The worker CPU per batch B that gives the drained period P in stallsim's model (B / min(W, C) per batch from
    # the workers, (B + main) / C from the cores) is min(min(W, C) × P, C × P − main); per sample and per batch are
    # scaled by B over their one-at-a-time sum.
    period = median(drained)
    alone = batch * sample_s + batch_s
    fitted = max(0.0, min(min(workers, cores) * period, cores * period - main_s))
    factor = fitted / alone if alone > 0 else 1.0
    raw = {
        "samples": n,
        "perSampleSeconds": per_sample,
        "collateSeconds": collate_s,
        "oneWorkerBatchPeriodSeconds": periods,
        "firstBatchSeconds": first_s,
        "receiveSeconds": receive[:20],
        "unscaled": {"perSample": us(sample_s), "perBatch": us(batch_s)},
        "drainedBatchPeriodSeconds": drained,
        "workers": workers,
        "cores": cores,
        "scale": factor,
        "torch": torch.__version__,
    }
    print(json.dumps(raw), file=sys.stderr)
    return {
        "perSample": us(sample_s * factor),
        "perBatch": us(batch_s * factor),
        "mainPerBatch": us(main_s),
        "workerStart": us(start_s),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dataset", required=True, help="module:Class of a map-style Dataset")
    p.add_argument("--args", default="{}", help="JSON keyword arguments for the Dataset")
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--prefetch", type=int, default=2)
    p.add_argument("--samples", type=int, help="samples to measure with (default: batch × max(16, 4 × workers ×"
                   " prefetch), enough batches for the drained rate; they are held in the page cache)")
    p.add_argument("--cores", type=int, default=len(os.sched_getaffinity(0)),
                   help="cores the loader shares (default: the cores this process may run on; cluster.cpuCores)")
    p.add_argument("--collate", help="module:function, if the DataLoader uses its own collate_fn")
    a = p.parse_args()
    ds = load(a.dataset)(**json.loads(a.args))
    collate = load(a.collate) if a.collate else default_collate
    if a.workers == 0:
        print(json.dumps(measure_in_main(ds, a.batch, a.samples or 16 * a.batch, collate)))
    else:
        samples = a.samples or a.batch * max(16, 4 * a.workers * a.prefetch)
        print(json.dumps(measure(ds, a.batch, a.workers, a.prefetch, samples, collate, a.cores)))


if __name__ == "__main__":
    main()
