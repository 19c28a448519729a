#!/usr/bin/env bash
# System test: a user-space pager serves a 256 MiB object to a task booted with
# 192 MiB of RAM (128 MiB free), under every accelerator with 1 and 2 CPUs.
# Pending until the kernel evicts pager-backed pages under memory pressure:
# move it to tests/system/ to make it part of `make check`.
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
		WB_MEM=192M pager_boot pager-pressure "$accel" "$smp" 300 "debug-exit" \
			"$WB_GUEST/pager_pressure.elf"
		system_report "pressure $label" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
