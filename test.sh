#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: tests: N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh --tests || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
if ! dotnet build Platform.sln -v quiet -nologo; then
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

# Test projects stop their private servers when the test host exits; give them time to do it cleanly
# (the test platform's default is 100 ms before it kills the host).
export VSTEST_TESTHOST_SHUTDOWN_TIMEOUT=60000
log=$(mktemp)
# One test project at a time: several of them start whole platforms, and the machine has 2 cores.
dotnet test Platform.sln --no-build -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

projects=$(dotnet sln Platform.sln list | grep -cE '^tests/.*\.Tests\.csproj$')
summaries=$(grep -cE '^(Passed|Failed)!|^No test is available in ' "$log")
count() { grep -E '^(Passed|Failed)!' "$log" | grep -oE "$1: +[0-9]+" | awk '{ sum += $2 } END { print sum + 0 }'; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
# A test project that crashed prints no summary: count it as a failure, never as silence.
if [ "$summaries" -lt "$projects" ]; then
  echo "$((projects - summaries)) test project(s) ended without a result summary (crashed or aborted)."
  failed=$((failed + projects - summaries))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
