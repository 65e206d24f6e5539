#!/usr/bin/env python3
"""Checkpoints and model loads, for real: what a training script's `torch.save` and an inference server's
weight load do to the disk, measured.

  checkpoint JSON  the DataLoader replay of torch_replay.py (one rank, an emulated accelerator sleeping its
                   compute time per batch) with a checkpoint every `everySteps` steps: `torch.save` of a state
                   dict of `bytes` (64 MiB tensors of random bytes) to a file beside the data, then flush and
                   fsync, the way a training script makes a checkpoint durable.
                     mode "sync":  the training loop waits for save + fsync;
                     mode "async": the loop waits for the previous checkpoint's thread (if still writing), then
                                   for the device-to-host snapshot (emulated: bytes / hostLinkBps, as the
                                   accelerator's compute is), then a background thread saves and fsyncs while
                                   training and the DataLoader's reads go on.
                   Prints totalMs, dataWaitMs, checkpointStallMs (the loop's time in checkpoints), the
                   checkpoints made, the mean save + fsync time, and the AU.
  load JSON        a model load: `bytes` of a weights file read by `streams` threads, each a contiguous range
                   in `requestBytes` preads (safetensors-style: the tensors are byte ranges of one file), page
                   cache dropped first; buffered, or O_DIRECT. Prints loadMs.

Usage: /usr/bin/python3 calibration/replay/ckpt_replay.py checkpoint '{"file": ..., ...}'
       /usr/bin/python3 calibration/replay/ckpt_replay.py load '{"file": ..., "bytes": ..., "streams": 4, ...}'
       /usr/bin/python3 calibration/replay/ckpt_replay.py prepare-weights PATH BYTES
"""
import json
import mmap
import os
import sys
import threading
import time

import torch
from torch.utils.data import DataLoader, RandomSampler

from torch_replay import FileSamples, drop_cache

CHUNK = 64 << 20


def make_state(nbytes, seed):
    """A state dict of `nbytes` in 64 MiB uint8 tensors of random bytes (nothing a disk could compress): one
    random chunk, copied into each tensor with its first 4 KiB made distinct (drawing 4 GiB at random is slow)."""
    g = torch.Generator()
    g.manual_seed(seed)
    block = torch.randint(0, 256, (CHUNK,), dtype=torch.uint8, generator=g)
    state = {}
    left = nbytes
    i = 0
    while left > 0:
        n = min(CHUNK, left)
        t = block[:n].clone()
        t[: min(n, 4096)] = torch.randint(0, 256, (min(n, 4096),), dtype=torch.uint8, generator=g)
        state[f"layers.{i}.weight"] = t
        left -= n
        i += 1
    return state


def save(state, path):
    """torch.save, then flush and fsync: the checkpoint is on the disk when this returns."""
    with open(path, "wb") as f:
        torch.save(state, f)
        f.flush()
        os.fsync(f.fileno())


def checkpoint(o):
    path = o["file"]
    size = o["sampleBytes"]
    count = o.get("samplesInFile") or os.stat(path).st_size // size
    steps = o["steps"]
    batch = o["batchSize"]
    workers = o["numWorkers"]
    ck = o["checkpoint"]
    every = ck["everySteps"]
    mode = ck["mode"]
    out_dir = ck["dir"]
    state = make_state(ck["bytes"], 7) if every <= steps else None
    files = [os.path.join(out_dir, f"stallsim-ckpt-{k}.pt") for k in range(2)]
    if steps * batch > count:
        raise SystemExit(f"{steps} steps of {batch} samples need {steps * batch} samples; the file has {count}")
    for f in files:
        if os.path.exists(f):
            os.remove(f)
    os.sync()
    drop_cache(path)
    ds = FileSamples(path, size, count, o.get("direct", False), None)
    gen = torch.Generator()
    gen.manual_seed(int(o.get("seed", 1)))
    kwargs = {}
    if workers > 0:
        kwargs["prefetch_factor"] = o.get("prefetchFactor", 2)
    loader = DataLoader(
        ds, batch_size=batch, sampler=RandomSampler(ds, generator=gen), num_workers=workers, drop_last=True, **kwargs
    )
    compute_s = o["computeMs"] / 1000.0
    snapshot_s = ck["bytes"] / ck.get("hostLinkBps", 25e9)
    saves = []
    thread = None
    wait = 0.0
    stall = 0.0
    made = 0
    computes = []

    def background(target):
        t = time.perf_counter()
        save(state, target)
        saves.append(time.perf_counter() - t)

    t0 = time.perf_counter()
    t = t0
    first = None
    it = iter(loader)
    for step in range(steps):
        _ = next(it)
        ready = time.perf_counter()
        if first is None:
            first = ready - t
        else:
            wait += ready - t
        time.sleep(compute_s)
        t = time.perf_counter()
        computes.append(t - ready)
        if (step + 1) % every == 0:
            target = files[made % 2]
            if mode == "sync":
                save(state, target)
                saves.append(time.perf_counter() - t)
            else:
                if thread is not None:
                    thread.join()
                time.sleep(snapshot_s)
                thread = threading.Thread(target=background, args=(target,))
                thread.start()
            made += 1
            now = time.perf_counter()
            stall += now - t
            t = now
    total = t - t0
    tail = 0.0
    if thread is not None:
        t = time.perf_counter()
        thread.join()
        tail = time.perf_counter() - t
    del it
    for f in files:
        if os.path.exists(f):
            os.remove(f)
    compute = sum(computes)
    print(
        json.dumps(
            {
                "totalMs": total * 1000,
                "computeMs": compute * 1000,
                "meanComputeMs": compute * 1000 / steps,
                "dataWaitMs": wait * 1000,
                "firstStepIoMs": first * 1000,
                "checkpointStallMs": stall * 1000,
                "checkpoints": made,
                "meanSaveMs": (sum(saves) / len(saves) * 1000) if saves else 0,
                "lastWriteTailMs": tail * 1000,
                "au": compute / (total - first),
                "steps": steps,
                "torch": torch.__version__,
            }
        )
    )


def load(o):
    """`streams` threads, each reading its contiguous share of the file in `requestBytes` preads."""
    path = o["file"]
    nbytes = o["bytes"]
    streams = o["streams"]
    req = o["requestBytes"]
    direct = o.get("direct", False)
    drop_cache(path)
    share = (nbytes + streams - 1) // streams
    share = (share + 4095) // 4096 * 4096
    errors = []

    def reader(k):
        try:
            fd = os.open(path, os.O_RDONLY | (os.O_DIRECT if direct else 0))
            buf = mmap.mmap(-1, req)
            try:
                off = k * share
                end = min(nbytes, off + share)
                while off < end:
                    n = os.preadv(fd, [buf], off) if direct else len(os.pread(fd, min(req, end - off), off))
                    if n <= 0:
                        raise OSError(f"short read at {off}")
                    off += n
            finally:
                os.close(fd)
        except Exception as e:  # noqa: BLE001 - reported to the caller
            errors.append(repr(e))

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(streams)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    ms = (time.perf_counter() - t0) * 1000
    if errors:
        raise SystemExit("; ".join(errors))
    print(json.dumps({"loadMs": ms, "bytes": nbytes, "streams": streams, "mibPerSecond": nbytes / 2**20 / (ms / 1000)}))


def prepare_weights(path, nbytes):
    """A weights file of random bytes (written once; kept if it is already that size)."""
    if os.path.exists(path) and os.stat(path).st_size == nbytes:
        return
    with open(path, "wb") as f:
        left = nbytes
        block = os.urandom(CHUNK)
        i = 0
        while left > 0:
            n = min(CHUNK, left)
            # A fresh first 4 KiB per block keeps blocks distinct at little cost.
            f.write(os.urandom(4096) + block[4096:n] if n > 4096 else os.urandom(n))
            left -= n
            i += 1
        f.flush()
        os.fsync(f.fileno())


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "checkpoint":
        checkpoint(json.loads(sys.argv[2]))
    elif cmd == "load":
        load(json.loads(sys.argv[2]))
    elif cmd == "prepare-weights":
        prepare_weights(sys.argv[2], int(sys.argv[3]))
    else:
        raise SystemExit(__doc__)
