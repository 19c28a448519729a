#!/usr/bin/env bash
# Benchmark: time from the guest's start to its first user task, Wildebeest against the
# Linux guest in the same QEMU; prints "bench: boot-to-first-task <ms> ms linux=<ms> ratio=<r>".
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/qemu.sh
. bench/lib/common.sh
. bench/linux/guest.sh

kernel=${WB_KERNEL:-${WB_BUILD:-build}/kernel/wildebeest}
module=${WB_GUEST_DIR:-${WB_BUILD:-build}/guest}/bench_boot.elf
logs=$BENCH_BUILD/boot
wildebeest_timeout=${WB_BENCH_TIMEOUT:-30}

for file in "$kernel" "$module"; do
	if [ ! -f "$file" ]; then
		bench_error "no $file (make $file)"
		exit 1
	fi
done
bench/linux/build-initramfs.sh
host_tsc=$(bench_host_tsc_tool)
mkdir -p "$logs"

# boot_ms NAME LOG HZ-ERE COMMAND...: runs the boot COMMAND (serial console to LOG) and
# prints the milliseconds from the guest's start to its first task, at the guest's TSC rate.
boot_ms()
{
	local name=$1 log=$2 hz_ere=$3
	shift 3
	local before after status=0 first hz cycles
	rm -f "$log" "$log.qemu"
	before=$("$host_tsc")
	"$@" || status=$?
	after=$("$host_tsc")
	if [ "$status" -ne "$WB_EXIT_PASS" ]; then
		bench_explain_boot "$name" "$status" "$log"
		return 1
	fi
	if ! first=$(bench_number "$log" 'bench: first-task tsc=([0-9]+)'); then
		bench_error "$name: no 'bench: first-task tsc=' line in $log"
		return 1
	fi
	if ! hz=$(bench_number "$log" "$hz_ere") || [ "$hz" -eq 0 ]; then
		bench_error "$name: no TSC frequency (/$hz_ere/) in $log"
		return 1
	fi
	cycles=$(bench_cycles_since_start "$first" "$before" "$after") || return 1
	bench_ms "$cycles" "$hz"
}

accels=$(wb_accels)
for accel in $accels; do
	echo "boot.sh: accelerator $accel (of: $accels)" >&2
	case "$accel" in
	kvm) linux_timeout=${WB_BENCH_LINUX_TIMEOUT:-20} ;;
	*) linux_timeout=${WB_BENCH_LINUX_TIMEOUT:-120} ;;
	esac
	wildebeest_log=$logs/wildebeest-$accel.log
	linux_log=$logs/linux-$accel.log
	if ours=$(boot_ms wildebeest "$wildebeest_log" 'cpu0: tsc ([0-9]+) Hz' \
		wb_boot "$accel" 1 "$wildebeest_timeout" "$wildebeest_log" \
		"$kernel" "debug-exit" "$module bench_boot") &&
		linux=$(boot_ms linux "$linux_log" 'bench: tsc-hz ([0-9]+)' \
			wb_linux_boot "$accel" 1 "$linux_timeout" "$linux_log"); then
		echo "bench: boot-to-first-task $ours ms linux=$linux ratio=$(bench_ratio "$ours" "$linux")"
		exit 0
	fi
	bench_error "could not measure both guests under $accel"
done
bench_error "failed under every accelerator ($accels)"
exit 1
