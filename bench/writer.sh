#!/usr/bin/env bash
# Write-phase benchmark: IssueWriter's guarded batch upsert (COPY into a temp table + one
# INSERT … ON CONFLICT per batch) against a plain COPY of the same rows into the same table, in
# the same run; goal ≥ 70 % of COPY's rows/s. Runs as an opt-in test (debug build of the Swift
# side; the database work dominates).   bench/writer.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export WORKSUPPORT_BENCH=1
scripts/run-tests --filter IssueWriterBenchmark 2>&1 | grep -aE '^bench rows|passed|failed|error:'
