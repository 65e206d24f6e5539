/**
 * The block device under a file, from Linux's sysfs and /proc/diskstats: its readahead window (what the
 * page cache reads ahead of a buffered sequential reader) and the bytes it has read so far, so a replay can
 * report what the device moved besides what the loader asked for (readahead over-read). Absent when the file
 * is not on a plain block device (overlay or tmpfs: the device number has major 0) or outside Linux.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/** A block device as the kernel names it. */
export interface BlockDevice {
  /** Name in /proc/diskstats (e.g. `vda`, `nvme0n1p2`). */
  readonly name: string;
  /** The readahead window (queue/read_ahead_kb × 1024), bytes. */
  readonly readaheadBytes: number;
}

/** Major and minor numbers of a Linux dev_t (glibc's encoding). */
function majorMinor(dev: number): [number, number] {
  const d = BigInt(dev);
  const major = Number(((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn));
  const minor = Number((d & 0xffn) | ((d >> 12n) & ~0xffn));
  return [major, minor];
}

/** The device holding `file`, or undefined when it cannot be told (see the file header). */
export function blockDeviceOf(file: string): BlockDevice | undefined {
  try {
    const [major, minor] = majorMinor(statSync(file).dev);
    if (major === 0) return undefined;
    const sys = realpathSync(`/sys/dev/block/${major}:${minor}`);
    // A partition's queue settings are its disk's.
    const queue = [path.join(sys, "queue"), path.join(sys, "..", "queue")].find((q) => existsSync(q));
    if (queue === undefined) return undefined;
    const kb = Number(readFileSync(path.join(queue, "read_ahead_kb"), "utf8").trim());
    if (!Number.isFinite(kb)) return undefined;
    return { name: path.basename(sys), readaheadBytes: kb * 1024 };
  } catch {
    return undefined;
  }
}

/** Bytes the device has read since boot (sectors read × 512, /proc/diskstats), or undefined. */
export function deviceBytesRead(device: BlockDevice): number | undefined {
  try {
    for (const line of readFileSync("/proc/diskstats", "utf8").split("\n")) {
      const f = line.trim().split(/\s+/);
      if (f[2] === device.name) return Number(f[5]) * 512;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
