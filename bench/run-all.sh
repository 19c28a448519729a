#!/usr/bin/env bash
# Runs every benchmark bench/*.sh (or only those named: run-all.sh boot ...), each next to
# its Linux guest; `make bench` calls it. Exits non-zero when any benchmark failed.
set -euo pipefail
cd "$(dirname "$0")/.."

benchmarks=()
if [ $# -eq 0 ]; then
	for script in bench/*.sh; do
		[ "$script" = bench/run-all.sh ] || benchmarks+=("$script")
	done
else
	for name in "$@"; do
		benchmarks+=("bench/${name%.sh}.sh")
	done
fi

failed=()
for script in "${benchmarks[@]}"; do
	if [ ! -f "$script" ]; then
		echo "run-all: no benchmark $script" >&2
		failed+=("$script")
	elif ! bash "$script"; then
		failed+=("$script")
	fi
done
if [ ${#failed[@]} -ne 0 ]; then
	echo "run-all: failed: ${failed[*]}" >&2
	exit 1
fi
