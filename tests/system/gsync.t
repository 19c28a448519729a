#!/usr/bin/env bash
# System test: the in-guest gsync test (gsync_wait/gsync_wake/gsync_requeue
# with racing threads, a futex-style mutex under load, the kernel's object
# counts after), under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

for accel in $(wb_accels); do
	for smp in 1 2; do
		system_boot gsync "$accel" "$smp" 180 "$WB_GUEST/gsync_test.elf"
		system_report "gsync $accel smp$smp" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
