#!/usr/bin/env bash
# Write-phase benchmark: IssueWriter's guarded batch upsert (COPY into a temp table + one
# INSERT … ON CONFLICT per 500-row batch) against a plain COPY of the same rows into the same
# table, in the same run; goal ≥ 70 % of COPY's rows/s. Swift encoding counts on both sides.
# Runs the opt-in IssueWriterBenchmark test from a release build of the tests (.build-release-tests;
# the first build takes several minutes) against a private PostgreSQL.   bench/writer.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-20000}
swift build -c release --build-tests --scratch-path .build-release-tests -Xswiftc -enable-testing >/dev/null
tests=$(find .build-release-tests -name WorkSupportPackageTests.xctest -type f | head -n 1)
cluster=$(mktemp -d /tmp/worksupport-writer-bench.XXXXXX)
chmod 755 "$cluster"
trap 'scripts/pg-cluster stop "$cluster"; rm -rf "$cluster"' EXIT
scripts/pg-cluster start "$cluster"
WORKSUPPORT_BENCH=1 WORKSUPPORT_BENCH_ROWS="$rows" WORKSUPPORT_TEST_DATABASE_URL=$(scripts/pg-cluster url "$cluster") \
    "$tests" --testing-library swift-testing --filter IssueWriterBenchmark 2>&1 | grep -a '^bench rows'
