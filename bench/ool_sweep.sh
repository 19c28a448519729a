#!/usr/bin/env bash
# Benchmark behind the kernel's virtual-copy threshold for out-of-line data: the OOL round
# trip from 4 KiB to 1 MiB, once with every size copied (ool-copy-bytes) and once with every
# size a virtual copy (ool-copy-virtual), printed side by side in µs (TCG unless WB_ACCEL).
# The two boots alternate WB_SWEEP_ROUNDS times (default 4) and each figure is the lowest
# median of its rounds, so that load from elsewhere on the machine counts for neither side.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/qemu.sh

kernel=${WB_KERNEL:-${WB_BUILD:-build}/kernel/wildebeest}
guest_dir=${WB_GUEST_DIR:-${WB_BUILD:-build}/guest}
logs=${WB_BUILD:-build}/bench/ool-sweep
accel=${WB_ACCEL:-tcg}
mkdir -p "$logs"

eval "$(declare -f wb_accel_args | sed '1s/^wb_accel_args/wb_accel_args_lazy_ram/')"
wb_accel_args() # host-backed RAM, as bench/vm.sh does
{
	local args
	args=$(wb_accel_args_lazy_ram "$1") || return 1
	echo "$args -mem-prealloc"
}

rounds=${WB_SWEEP_ROUNDS:-4}
for ((round = 1; round <= rounds; round++)); do
for method in bytes virtual; do
	log=$logs/$method-$round.log
	rm -f "$log" "$log.qemu"
	status=0
	wb_boot "$accel" 1 "${WB_BENCH_TIMEOUT:-600}" "$log" "$kernel" "debug-exit ool-copy-$method" \
		"$guest_dir/bench_vm_ool_client.elf --sweep" "$guest_dir/bench_vm_ool_server.elf" ||
		status=$?
	if [ "$status" -ne "$WB_EXIT_PASS" ]; then
		echo "ool-sweep: the $method boot failed (status $status, log $log)" >&2
		exit 1
	fi
done
done

hz=$(tr -d '\r' <"$logs/bytes-1.log" | sed -nE 's/.*cpu0: tsc ([0-9]+) Hz.*/\1/p' | head -n 1)
echo "sender   bytes    copied-us  virtual-us"
for sender in reads rewrites; do
	for ((size = 4096; size <= 1048576; size *= 2)); do
		ere="ool-sweep sender=$sender bytes=$size median-cycles=([0-9]+)"
		copied=$(cat "$logs"/bytes-*.log | tr -d '\r' | sed -nE "s/.*$ere.*/\1/p" | sort -n | head -n 1)
		virtual=$(cat "$logs"/virtual-*.log | tr -d '\r' | sed -nE "s/.*$ere.*/\1/p" | sort -n | head -n 1)
		awk -v s="$sender" -v b="$size" -v c="$copied" -v v="$virtual" -v hz="$hz" \
			'BEGIN { printf "%-8s %-8d %9.1f %11.1f\n", s, b, c * 1e6 / hz, v * 1e6 / hz }'
	done
done
