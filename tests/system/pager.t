#!/usr/bin/env bash
# System test: the external pager protocol. The suite (module 0, with module 1
# as its helper task) boots with pager-timeout=1500 on the kernel command line,
# under every accelerator with 1 and 2 CPUs. The memory-pressure test is
# tests/system/pager_pressure.t.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="$accel smp$smp"
		system_boot_with_command_line pager-suite "$accel" "$smp" 300 "debug-exit pager-timeout=1500" \
			"$WB_GUEST/pager_tests.elf" "$WB_GUEST/pager_child.elf"
		system_report "pager $label" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
