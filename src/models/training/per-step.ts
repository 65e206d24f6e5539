/**
 * Per-step fidelity: every sample read, every rank's compute and every step boundary is an event.
 *
 * Each rank (GPU) has a data loader (rank-loaders.ts: the sample pool, or PyTorch's DataLoader) whose workers
 * read samples as fluid flows across the rank's node paths to the dataset storage (cache hits skip storage)
 * and spend their CPU time on the node's cores. A step starts on every rank at once (synchronous data
 * parallel); each rank takes its batch when the loader has it, spends the training process's per-batch CPU
 * time, then computes; the step ends when the slowest rank ends. Checkpoints run at step
 * boundaries; failures interrupt everything, lose the work since the last durable checkpoint, and go
 * through recovery (detection, eviction, volume detach/attach, rescheduling, image pull, restore).
 *
 * GPU-time accounting per step of wall time W: every rank is charged `compute` for W0 = the largest
 * compute time of the step (waiting at the all-reduce for a slower rank's compute is part of the step)
 * and `dataWait` for W − W0.
 *
 * Kernel readahead (sample-reads.ts): a missed sample's flow carries what the device moves for it — a cold
 * read's device bytes × the share still read at its place in the rank's epoch, given the node's page cache
 * and what the node has read this epoch — at one stream's cap for a cold read, so it takes that share of
 * the cold read's time. The reads meter (`bytesRead`) then counts device bytes.
 */
import type { Engine } from "../../sim/engine.ts";
import type { Flow, FluidNetwork } from "../../sim/fluid-network.ts";
import { Priority } from "../../sim/priority.ts";
import type { RandomStream } from "../../sim/random.ts";
import type { FabricPaths } from "../storage/fabric.ts";
import { readaheadDeviceShare, type OverReadPattern } from "../storage/readahead.ts";
import { cacheHitRatio } from "./cache.ts";
import { NO_LOADER_CPU, type TrainingJob } from "./job.ts";
import { jobPaths } from "./policy.ts";
import { CpuPool, PoolLoader, TorchLoader, type LoaderHost, type RankLoader } from "./rank-loaders.ts";
import { cachedDeviceShare, sampleReads, type SampleReads } from "./sample-reads.ts";
import { TrainingActor } from "./training-actor.ts";

interface Rank {
  readonly index: number;
  readonly node: number;
  readonly loader: RankLoader;
}

/** Per-step simulation of one training job on an engine, a fluid network and a storage fabric. */
export class PerStepTraining extends TrainingActor implements LoaderHost {
  readonly cpu: CpuPool;
  private readonly ranks: Rank[];
  private readonly batch: number;
  private readonly reads: SampleReads;
  private readonly sampleRng: RandomStream;
  private readonly computeRng: RandomStream;
  private readonly samplesPerRankEpoch: number;
  private readonly mainBatchUs: number;
  /** Data reads in flight, to abort on failure. */
  private readonly flows = new Set<Flow>();
  /**
   * Per node, with readahead: the latest epoch one of its ranks reads in (−1: none yet, or the node restarted)
   * and the device bytes its reads started since that epoch began, for the page-cache term.
   */
  private readonly nodeReads: { epoch: number; bytes: number }[];
  private step = 0;
  private computed = 0;
  private stepStart = 0;
  private computeDone = 0;
  private maxCompute = 0;

  constructor(engine: Engine, net: FluidNetwork, fabric: FabricPaths, job: TrainingJob) {
    super(engine, net, fabric, job);
    const d = job.data;
    const cpu = d.cpu ?? NO_LOADER_CPU;
    this.batch = d.samplesPerStep;
    this.reads = sampleReads(job);
    this.sampleRng = engine.random(`${job.name}/cache`);
    this.computeRng = engine.random(`${job.name}/compute`);
    this.samplesPerRankEpoch = Math.max(1, Math.floor(d.datasetBytes / d.sampleBytes / job.gpus));
    this.mainBatchUs = cpu.mainBatchUs;
    this.cpu = new CpuPool(engine, this.nodes, job.cpuCoresPerNode ?? Infinity);
    this.nodeReads = Array.from({ length: this.nodes }, () => ({ epoch: -1, bytes: 0 }));
    const Loader = d.loader === "pytorch" ? TorchLoader : PoolLoader;
    this.ranks = Array.from({ length: job.gpus }, (_, index) => {
      const node = Math.floor(index / job.gpusPerNode);
      const loader = new Loader(this, {
        rank: index,
        node,
        batch: d.samplesPerStep,
        workers: d.workers,
        prefetch: d.prefetchSteps,
        sampleCpuUs: cpu.sampleUs,
        batchCpuUs: cpu.batchUs,
        workerStartUs: cpu.workerStartUs,
        persistentWorkers: d.persistentWorkers ?? false,
        batchesPerEpoch: Math.max(1, Math.floor(this.samplesPerRankEpoch / d.samplesPerStep)),
      });
      return { index, node, loader };
    });
  }

  // ---- hooks ----

  protected override onStart(): void {
    for (const r of this.ranks) r.loader.start(0, this.job.steps);
  }

  protected override resumeTraining(): void {
    this.startStep();
  }

  protected override position(): number {
    return this.step;
  }

  protected override rollback(step: number): void {
    this.step = step;
  }

  protected override stepsComputed(): number {
    return this.computed;
  }

  protected override chargeInterrupted(): void {
    this.gpu.charge("lostWork", this.job.gpus * (this.engine.now - this.stepStart), this.stepStart, this.engine.now);
  }

  protected override abortReading(): void {
    for (const f of this.flows) this.net.abort(f);
    this.flows.clear();
    this.cpu.abortAll();
    for (const r of this.ranks) r.loader.reset();
  }

  protected override afterRecovery(): void {
    for (const n of this.nodeReads) n.epoch = -1; // restarted nodes: cold page caches
    for (const r of this.ranks) r.loader.start(this.step, this.job.steps);
  }

  // ---- the loaders' host ----

  generation(): number {
    return this.gen;
  }

  readSample(_rank: number, node: number, sample: number, done: () => void): void {
    const d = this.job.data;
    const epoch = Math.floor(sample / this.samplesPerRankEpoch);
    const hit = cacheHitRatio(epoch, d.cacheBytesPerNode, d.datasetBytes, this.nodes);
    if (d.inMemory === true || (hit > 0 && this.sampleRng.next() < hit)) {
      this.engine.post(0, Priority.COMPLETE, done);
      return;
    }
    const pattern = this.reads.pattern;
    const bytes = pattern !== undefined ? this.deviceBytes(node, sample, epoch, pattern) : d.sampleBytes;
    const path = jobPaths(this.job, this.fabric, this.job.dataStorage, node).read;
    const flow: Flow = this.net.start(bytes, path, {
      cap: this.reads.streamCap,
      onComplete: () => {
        this.flows.delete(flow);
        done();
      },
      tag: "read",
      meter: this.rec.reads,
    });
    this.flows.add(flow);
  }

  batchReady(rank: number): void {
    this.rankReady(this.ranks[rank]!);
  }

  /**
   * Device bytes of a missed read with readahead: the cold read's × `readaheadDeviceShare` at the middle of the
   * sample's slot in the rank's epoch (f = (k + ½) / samples per rank-epoch, so that an epoch's reads sum to
   * the share's integral), × what the page cache keeps of the over-read given the device bytes the node's
   * ranks have read since the first of them began this epoch (a lagging rank's last reads count there too).
   */
  private deviceBytes(nodeIndex: number, sample: number, epoch: number, pattern: OverReadPattern): number {
    const node = this.nodeReads[nodeIndex]!;
    if (epoch > node.epoch) {
      node.epoch = epoch;
      node.bytes = 0;
    }
    const f = (sample - epoch * this.samplesPerRankEpoch + 0.5) / this.samplesPerRankEpoch;
    const share = readaheadDeviceShare(pattern, f);
    const bytes = this.reads.deviceBytes * cachedDeviceShare(share, this.job.data.cacheBytesPerNode, node.bytes);
    node.bytes += bytes;
    return bytes;
  }

  // ---- steps ----

  private startStep(): void {
    this.state = "train";
    this.stepStart = this.engine.now;
    this.computeDone = 0;
    this.maxCompute = 0;
    for (const r of this.ranks) if (r.loader.take()) this.rankReady(r);
  }

  /** The rank has its batch: the training process's per-batch CPU time, then the step's compute. */
  private rankReady(r: Rank): void {
    const gen = this.gen;
    this.cpu.run(r.node, this.mainBatchUs, () => {
      if (gen === this.gen) this.compute();
    });
  }

  private compute(): void {
    const c = this.job.compute;
    const us =
      c.jitterCv > 0 ? Math.max(0, Math.round(this.computeRng.normal(c.stepUs, c.jitterCv * c.stepUs))) : c.stepUs;
    if (us > this.maxCompute) this.maxCompute = us;
    const gen = this.gen;
    this.engine.post(us, Priority.COMPLETE, () => this.computeEnded(gen));
  }

  private computeEnded(gen: number): void {
    if (gen !== this.gen) return;
    if (++this.computeDone < this.job.gpus) return;
    const now = this.engine.now;
    const wall = now - this.stepStart;
    const g = this.job.gpus;
    this.gpu.charge("compute", g * this.maxCompute, this.stepStart, now);
    this.gpu.charge("dataWait", g * (wall - this.maxCompute), this.stepStart, now);
    if (this.firstStepIo < 0) this.firstStepIo = g * (wall - this.maxCompute);
    this.step++;
    this.computed++;
    if (this.step >= this.job.steps) return this.finish();
    if (this.checkpointDue(this.step)) this.beginCheckpoint();
    else this.startStep();
  }
}
