#!/usr/bin/env bash
# System test: the external pager protocol. The suite (module 0, with module 1
# as its helper task) boots with pager-timeout=1500 on the kernel command line,
# under every accelerator with 1 and 2 CPUs. The memory-pressure test is
# tests/system-pending/pager_pressure.t until the kernel evicts pages. Pending
# itself: with 2 CPUs a boot sometimes hangs in the first (harness) group.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

# pager_boot NAME ACCEL SMP TIMEOUT APPEND MODULE...: system_boot with a kernel
# command line of our own.
pager_boot()
{
	local name=$1 accel=$2 smp=$3 limit=$4 append=$5
	shift 5
	mkdir -p "$WB_TEST_TMP"
	boot_log="$WB_TEST_TMP/$name-$accel-smp$smp.log"
	rm -f "$boot_log" "$boot_log.qemu"
	boot_status=0
	wb_boot "$accel" "$smp" "$limit" "$boot_log" "$WB_KERNEL" "$append" "$@" || boot_status=$?
	touch "$boot_log"
}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="$accel smp$smp"
		pager_boot pager-suite "$accel" "$smp" 300 "debug-exit pager-timeout=1500" \
			"$WB_GUEST/pager_tests.elf" "$WB_GUEST/pager_child.elf"
		system_report "pager $label" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
