-- Runs and stored storage profiles (issue #5). Times are ISO 8601 UTC strings; JSON columns hold text.
CREATE TABLE runs (
  -- AUTOINCREMENT: a deleted run's number is never given to a new run.
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  -- File name or label used in messages (e.g. "scenario", "mlperf-unet3d-h100.yaml").
  source TEXT NOT NULL,
  -- The scenario exactly as submitted (a bundled scenario: its file's text at submission).
  scenario_text TEXT NOT NULL,
  seed INTEGER NOT NULL,
  replications INTEGER NOT NULL,
  fidelity TEXT NOT NULL CHECK (fidelity IN ('auto', 'per-step', 'bulk')),
  -- The storage profiles the scenario named, as profile JSON keyed by the name or path it wrote.
  profiles TEXT NOT NULL DEFAULT '{}',
  version TEXT NOT NULL,
  -- Estimated simulated work (units, see src/api/runs/work-estimate.ts).
  work REAL NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress REAL NOT NULL DEFAULT 0,
  progress_message TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  error TEXT,
  headline TEXT,
  result TEXT
);

CREATE INDEX runs_status ON runs (status);

CREATE TABLE profiles (
  name TEXT PRIMARY KEY,
  -- The calibration document { profile, curves, fitError } as JSON (Infinity as null).
  document TEXT NOT NULL,
  created_at TEXT NOT NULL
);
