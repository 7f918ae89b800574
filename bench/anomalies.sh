#!/usr/bin/env bash
# Anomaly pass benchmark: every rule and the lifecycle over bench/seed-issues.sql (100k issues,
# anomalies of every kind planted), first pass, steady-state pass and a pass after fixes.
# Prints `anomaly_pass issues=… first_seconds=… steady_seconds=… after_fix_seconds=…`. Goal: < 2 s.
#   bench/anomalies.sh [ISSUES]
set -euo pipefail
cd "$(dirname "$0")/.."
export WORKSUPPORT_BENCH=1 WORKSUPPORT_BENCH_ROWS="${1:-100000}"
scripts/run-tests --filter AnomalyPassBenchmark 2>&1 | grep -E '^anomaly_pass|passed|failed|error:'
