"""M/M/1 FIFO queue in SimPy 3, the same model as test/bench/mm1.ts (processes + Resource).

Prints one JSON line {"customers":N,"meanWait":W,"wallSeconds":T} where wallSeconds is env.run() alone.
Run with Debian's interpreter, which has python3-simpy3: /usr/bin/python3 test/bench/mm1_simpy.py ...
"""
import argparse
import json
import random
import time

import simpy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--lambda", dest="lam", type=float, default=0.9)
    ap.add_argument("--mu", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    arrivals = random.Random(a.seed)
    service = random.Random(a.seed + 1)
    stats = {"wait": 0.0, "served": 0}

    def customer():
        arrived = env.now
        with server.request() as req:
            yield req
            stats["wait"] += env.now - arrived
            stats["served"] += 1
            yield env.timeout(service.expovariate(a.mu))

    def source():
        for _ in range(a.customers):
            yield env.timeout(arrivals.expovariate(a.lam))
            env.process(customer())

    env.process(source())
    t0 = time.perf_counter()
    env.run()
    wall = time.perf_counter() - t0
    print(json.dumps({
        "customers": stats["served"],
        "meanWait": stats["wait"] / stats["served"],
        "wallSeconds": wall,
        "simpy": simpy.__version__,
    }))


if __name__ == "__main__":
    main()
