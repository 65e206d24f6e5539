#!/usr/bin/env python3
"""A real PyTorch DataLoader replay: what a user's training input pipeline does, measured on a real disk.

One rank: a map-style Dataset whose __getitem__ reads one fixed-size sample from one data file with
os.pread (buffered, as Python loaders read; or O_DIRECT into an aligned buffer), optionally does CPU work on
it (zlib decompression of stored-compressed samples, or a fixed amount of hashing), and returns a uint8
tensor; a torch.utils.data.DataLoader with `batch_size`, `num_workers`, `prefetch_factor`, shuffle (a seeded
RandomSampler), `persistent_workers`; and an emulated accelerator: the main process sleeps its compute time
per batch. AU is MLPerf Storage's: compute / (total - the first step's data wait).

Usage: /usr/bin/python3 calibration/replay/torch_replay.py '{"file": ..., "sampleBytes": ..., ...}'
prints one JSON line. Options (JSON keys):
  file, sampleBytes, steps, batchSize, numWorkers, prefetchFactor (default 2), computeMs, direct (false),
  cpu: null | {"kind": "zlib", "level": 1} (samples stored compressed: see --prepare) | {"kind": "hash",
  "rounds": N} (N sha256 passes over the sample), persistentWorkers (false), seed, dropCache (true),
  samplesInFile (default: file size / sampleBytes), warmupBatches (0).

warmupBatches > 0 runs that many batches first, untimed, from a few samples held in the page cache, through
the same DataLoader with persistent workers; then the page cache is dropped and the timed epoch starts with the
same (warm) workers: the steady state of a long training run. Fresh worker processes are slow for their first few
dozen batches (page faults of new allocations, the allocator growing), which a days-long run amortises and a
replay of a few hundred steps would measure.
"""
import hashlib
import json
import mmap
import os
import sys
import time
import zlib

import torch
from torch.utils.data import DataLoader, Dataset


def drop_cache(path):
    """Evict the file from the page cache (no root needed): what `dd iflag=nocache count=0` does."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


class FileSamples(Dataset):
    """Sample i is bytes [i * size, (i + 1) * size) of the file; the fd is opened lazily in each worker."""

    def __init__(self, path, sample_bytes, count, direct, cpu):
        self.path = path
        self.size = sample_bytes
        self.count = count
        self.direct = direct
        self.cpu = cpu
        self.fd = None
        self.buf = None

    def __len__(self):
        return self.count

    def _open(self):
        flags = os.O_RDONLY | (os.O_DIRECT if self.direct else 0)
        self.fd = os.open(self.path, flags)
        if self.direct:
            # O_DIRECT needs an aligned buffer and aligned sizes: an anonymous mmap is page-aligned.
            aligned = (self.size + 4095) // 4096 * 4096
            self.buf = mmap.mmap(-1, aligned)

    def __getitem__(self, i):
        if self.fd is None:
            self._open()
        offset = i * self.size
        if self.direct:
            n = os.preadv(self.fd, [self.buf], offset)
            data = bytes(self.buf[: min(n, self.size)])
        else:
            data = os.pread(self.fd, self.size, offset)
        cpu = self.cpu
        if cpu is not None:
            if cpu["kind"] == "zlib":
                # The stored sample is a zlib stream padded to the sample size: decompress it.
                length = int.from_bytes(data[:4], "little")
                # The decoded text's length varies by sample; the tensor keeps the sample's size (a batch stacks).
                data = zlib.decompress(data[4 : 4 + length])[: self.size].ljust(self.size, b"\0")
            elif cpu["kind"] == "hash":
                h = data
                for _ in range(cpu["rounds"]):
                    h = hashlib.sha256(h).digest() + data[32:]
                data = h
        return torch.frombuffer(bytearray(data), dtype=torch.uint8)


class Phased(torch.utils.data.Sampler):
    """A sampler whose indices can be swapped between epochs (warm-up, then the timed epoch)."""

    def __init__(self, indices):
        self.indices = indices

    def __iter__(self):
        return iter(self.indices)

    def __len__(self):
        return len(self.indices)


def run(o):
    path = o["file"]
    size = o["sampleBytes"]
    count = o.get("samplesInFile") or os.stat(path).st_size // size
    steps = o["steps"]
    batch = o["batchSize"]
    workers = o["numWorkers"]
    if steps * batch > count:
        raise SystemExit(f"{steps} steps of {batch} samples need {steps * batch} samples; the file has {count}")
    ds = FileSamples(path, size, count, o.get("direct", False), o.get("cpu"))
    gen = torch.Generator()
    gen.manual_seed(int(o.get("seed", 1)))
    warmup = int(o.get("warmupBatches", 0))
    kwargs = {}
    if workers > 0:
        kwargs["prefetch_factor"] = o.get("prefetchFactor", 2)
        kwargs["persistent_workers"] = o.get("persistentWorkers", False) or warmup > 0
    order = torch.randperm(count, generator=gen).tolist()
    sampler = Phased(order)
    loader = DataLoader(ds, batch_size=batch, sampler=sampler, num_workers=workers, drop_last=True, **kwargs)
    if warmup > 0:
        # A few samples, read into the page cache, dealt out again and again: warm workers, little cache growth.
        few = order[-min(count, 4 * batch):]
        sampler.indices = [few[i % len(few)] for i in range(warmup * batch)]
        for _ in loader:
            pass
        sampler.indices = order
    if o.get("dropCache", True):
        drop_cache(path)
    compute_s = o["computeMs"] / 1000.0
    waits = []
    computes = []
    t0 = time.perf_counter()
    t = t0
    it = iter(loader)
    for step in range(steps):
        _ = next(it)
        ready = time.perf_counter()
        waits.append(ready - t)
        time.sleep(compute_s)
        t = time.perf_counter()
        computes.append(t - ready)
    total = t - t0
    del it
    first = waits[0]
    compute = sum(computes)
    au = compute / (total - first) if total > first else 0.0
    print(
        json.dumps(
            {
                "totalMs": total * 1000,
                "computeMs": compute * 1000,
                "meanComputeMs": compute * 1000 / steps,
                "dataWaitMs": sum(waits) * 1000,
                "firstStepIoMs": first * 1000,
                "au": au,
                "meanStepMs": (total - first) * 1000 / steps,
                "steps": steps,
                "torch": torch.__version__,
            }
        )
    )


def prepare_zlib(path, sample_bytes, count, level, seed):
    """Writes `count` samples of `sample_bytes`, each a 4-byte length and a zlib stream of compressible text
    (random words, about 3x the sample when decoded) padded to the sample size, so decoding one is real CPU work
    on data read from the disk. 256 distinct samples are made and written in turn (making each is slow in Python;
    decoding any of them costs the same)."""
    import random

    rnd = random.Random(seed)
    words = [bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 9))) for _ in range(4096)]
    pool = []
    for _ in range(min(256, count)):
        target = sample_bytes * 3
        raw = b" ".join(rnd.choices(words, k=target // 5 + 16))[:target]
        packed = zlib.compress(raw, level)
        while len(packed) + 4 > sample_bytes:
            target = target * 9 // 10
            packed = zlib.compress(raw[:target], level)
        pool.append(len(packed).to_bytes(4, "little") + packed + bytes(sample_bytes - 4 - len(packed)))
    with open(path, "wb") as f:
        for i in range(count):
            f.write(pool[i % len(pool)])
        f.flush()
        os.fsync(f.fileno())


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--prepare-zlib":
        _, _, p, size, n, level = sys.argv[:6]
        prepare_zlib(p, int(size), int(n), int(level), 1)
    else:
        run(json.loads(sys.argv[1]))
