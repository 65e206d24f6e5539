#!/usr/bin/env bash
# Run the stallsim fio calibration matrix against a directory on the storage to profile.
#
# usage: calibration/run-fio.sh TARGET_DIR OUT_DIR
#
# Runs every calibration/fio/*.fio job file with direct I/O on a shared test file
# TARGET_DIR/stallsim-fio.dat and writes OUT_DIR/<job>.json (fio --output-format=json+, or json where
# json+ is unsupported or FIO_FORMAT=json) plus OUT_DIR/machine.json describing the machine and the
# target's filesystem. The test file is removed at the end unless KEEP_FILE=1.
#
# Environment knobs:
#   FIO_SIZE     size of the test file (fio units, k=1024), default 1G; make it larger than any cache
#                in front of the device (direct=1 bypasses the page cache, not a controller or NAS cache)
#   FIO_RUNTIME  seconds per section, default 5 (2 with QUICK=1)
#   FIO_ENGINE   ioengine, default libaio when a tiny probe run works, else psync (psync ignores iodepth)
#   FIO_FORMAT   json+ (default, with latency histograms) or json
#   QUICK=1      reduced matrix: only the qd1 and qd32 single-job sections of each file
#   JOBS         space-separated job names to run (default: all files in calibration/fio)
set -euo pipefail

die() {
  echo "run-fio.sh: $*" >&2
  exit 1
}

[[ $# -eq 2 ]] || die "usage: calibration/run-fio.sh TARGET_DIR OUT_DIR"
TARGET_DIR=$1
OUT_DIR=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JOB_DIR="$HERE/fio"

command -v fio >/dev/null 2>&1 || die "fio is not installed; install it with: apt-get install fio"
[[ -d $TARGET_DIR ]] || die "target directory does not exist: $TARGET_DIR"
[[ -w $TARGET_DIR ]] || die "target directory is not writable: $TARGET_DIR"
mkdir -p "$OUT_DIR"
TARGET_DIR=$(cd "$TARGET_DIR" && pwd)
OUT_DIR=$(cd "$OUT_DIR" && pwd)

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
  FIO_RUNTIME=${FIO_RUNTIME:-2}
else
  FIO_RUNTIME=${FIO_RUNTIME:-5}
fi
FIO_SIZE=${FIO_SIZE:-1G}
FIO_FORMAT=${FIO_FORMAT:-json+}

# Size in bytes (fio convention: k/m/g/t are powers of 1024, an optional trailing "b"/"ib" is ignored).
to_bytes() {
  local s=${1,,}
  s=${s%ib}
  s=${s%b}
  local num=${s%[kmgt]} unit=${s: -1}
  [[ $num =~ ^[0-9]+$ ]] || die "invalid size: $1"
  case $unit in
    k) echo $((num * 1024)) ;;
    m) echo $((num * 1024 ** 2)) ;;
    g) echo $((num * 1024 ** 3)) ;;
    t) echo $((num * 1024 ** 4)) ;;
    *) echo "$num" ;;
  esac
}
SIZE_BYTES=$(to_bytes "$FIO_SIZE")
# Per-job region of the numjobs=4 sequential sections, aligned down to 4 MiB (the largest block size).
FIO_SLICE=$((SIZE_BYTES / 4 / 4194304 * 4194304))
((FIO_SLICE > 0)) || die "FIO_SIZE too small: $FIO_SIZE (need at least 16M)"

# Probe: does libaio work here with O_DIRECT? Does this fio know json+?
probe_dir=$(mktemp -d "$TARGET_DIR/.stallsim-probe.XXXXXX")
trap 'rm -rf "$probe_dir"' EXIT
probe() {
  fio --name=probe --directory="$probe_dir" --size=4M --bs=4k --rw=randread --direct=1 --runtime=1 \
    --ioengine="$1" --output-format="$2" >/dev/null 2>&1
}
if [[ -z ${FIO_ENGINE:-} ]]; then
  if probe libaio json; then FIO_ENGINE=libaio; else FIO_ENGINE=psync; fi
fi
probe "$FIO_ENGINE" json || die "fio cannot do direct I/O with ioengine=$FIO_ENGINE in $TARGET_DIR"
if [[ $FIO_FORMAT == json+ ]] && ! probe "$FIO_ENGINE" json+; then FIO_FORMAT=json; fi
rm -rf "$probe_dir"
trap - EXIT
[[ $FIO_ENGINE == psync ]] && echo "run-fio.sh: libaio unavailable, using psync (iodepth has no effect)" >&2

export FIO_DIR=$TARGET_DIR FIO_SIZE FIO_SLICE FIO_RUNTIME FIO_ENGINE
[[ ${KEEP_FILE:-0} == 1 ]] || trap 'rm -f "$TARGET_DIR/stallsim-fio.dat"' EXIT

if [[ -n ${JOBS:-} ]]; then
  read -r -a jobs <<<"$JOBS"
else
  jobs=()
  for f in "$JOB_DIR"/*.fio; do jobs+=("$(basename "$f" .fio)"); done
fi

started=$(date +%s)
for job in "${jobs[@]}"; do
  file="$JOB_DIR/$job.fio"
  [[ -f $file ]] || die "no such job file: $file"
  sections=()
  if [[ $QUICK == 1 ]]; then
    while IFS= read -r s; do sections+=("--section=$s"); done < <(sed -n 's/^\[\(.*-qd\(1\|32\)-j1\)\]$/\1/p' "$file")
  fi
  what="all sections"
  [[ $QUICK == 1 ]] && what="${#sections[@]} quick sections"
  echo "run-fio.sh: $job ($what) -> $OUT_DIR/$job.json" >&2
  fio "$file" ${sections[@]+"${sections[@]}"} --output-format="$FIO_FORMAT" --output="$OUT_DIR/$job.json" ||
    die "fio failed on $file (partial output in $OUT_DIR/$job.json)"
done
elapsed=$(($(date +%s) - started))

# Machine description, written with node (always present in this project) so the JSON is well-formed.
src=$(findmnt -n -o SOURCE -T "$TARGET_DIR" 2>/dev/null || df -P "$TARGET_DIR" | awk 'NR==2{print $1}')
dev=${src#/dev/}
dev=${dev%%[[]*}
block=$(lsblk -ndo PKNAME "/dev/$dev" 2>/dev/null || true)
block=${block:-$dev}
STALLSIM_M_HOST=$(hostname) \
  STALLSIM_M_KERNEL=$(uname -r) \
  STALLSIM_M_CPU=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || true) \
  STALLSIM_M_CORES=$(nproc) \
  STALLSIM_M_MEM=$(awk '/^MemTotal:/{printf "%.0f", $2 * 1024; exit}' /proc/meminfo) \
  STALLSIM_M_FSTYPE=$(findmnt -n -o FSTYPE -T "$TARGET_DIR" 2>/dev/null || df -PT "$TARGET_DIR" | awk 'NR==2{print $2}') \
  STALLSIM_M_SOURCE=$src \
  STALLSIM_M_MOUNT=$(findmnt -n -o TARGET -T "$TARGET_DIR" 2>/dev/null || true) \
  STALLSIM_M_MOUNTOPTS=$(findmnt -n -o OPTIONS -T "$TARGET_DIR" 2>/dev/null || true) \
  STALLSIM_M_ROTATIONAL=$(cat "/sys/block/$block/queue/rotational" 2>/dev/null || true) \
  STALLSIM_M_SCHEDULER=$(cat "/sys/block/$block/queue/scheduler" 2>/dev/null || true) \
  STALLSIM_M_MODEL=$(cat "/sys/block/$block/device/model" 2>/dev/null || true) \
  STALLSIM_M_DF=$(df -PT "$TARGET_DIR" | awk 'NR==2{printf "%.0f", $3 * 1024}') \
  STALLSIM_M_FIO=$(fio --version) \
  STALLSIM_M_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ) \
  STALLSIM_M_TARGET=$TARGET_DIR \
  STALLSIM_M_JOBS="${jobs[*]}" \
  STALLSIM_M_ELAPSED=$elapsed \
  STALLSIM_M_QUICK=$QUICK \
  STALLSIM_M_FORMAT=$FIO_FORMAT \
  STALLSIM_M_SIZE_BYTES=$SIZE_BYTES \
  node -e '
    const e = process.env;
    const str = (v) => (v === undefined || v === "" ? null : v.trim());
    const num = (v) => (v === undefined || v === "" || Number.isNaN(Number(v)) ? null : Number(v));
    const m = {
      hostname: str(e.STALLSIM_M_HOST),
      kernel: str(e.STALLSIM_M_KERNEL),
      cpuModel: str(e.STALLSIM_M_CPU),
      cpuCores: num(e.STALLSIM_M_CORES),
      memoryBytes: num(e.STALLSIM_M_MEM),
      target: {
        directory: str(e.STALLSIM_M_TARGET),
        fsType: str(e.STALLSIM_M_FSTYPE),
        device: str(e.STALLSIM_M_SOURCE),
        mountPoint: str(e.STALLSIM_M_MOUNT),
        mountOptions: str(e.STALLSIM_M_MOUNTOPTS),
        deviceModel: str(e.STALLSIM_M_MODEL),
        rotational: e.STALLSIM_M_ROTATIONAL === "" ? null : e.STALLSIM_M_ROTATIONAL === "1",
        scheduler: str(e.STALLSIM_M_SCHEDULER),
        fsSizeBytes: num(e.STALLSIM_M_DF),
      },
      fio: {
        version: str(e.STALLSIM_M_FIO),
        ioengine: str(e.FIO_ENGINE),
        outputFormat: str(e.STALLSIM_M_FORMAT),
        sizeBytes: num(e.STALLSIM_M_SIZE_BYTES),
        runtimeSeconds: num(e.FIO_RUNTIME),
        quick: e.STALLSIM_M_QUICK === "1",
        jobs: (e.STALLSIM_M_JOBS ?? "").split(" ").filter(Boolean),
        elapsedSeconds: num(e.STALLSIM_M_ELAPSED),
      },
      dateUtc: str(e.STALLSIM_M_DATE),
    };
    process.stdout.write(JSON.stringify(m, null, 2) + "\n");
  ' >"$OUT_DIR/machine.json"

echo "run-fio.sh: done in ${elapsed}s; results in $OUT_DIR" >&2
