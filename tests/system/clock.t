#!/usr/bin/env bash
# System test: the in-guest clock and entropy test (the "time" device's page,
# monotonic time across CPUs, timed waits within 10 ms, the "random" device),
# under every accelerator with 1 and 2 CPUs, and once more with the kernel told
# to ignore RDRAND/RDSEED (its fallback pool alone).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

for accel in $(wb_accels); do
	for smp in 1 2; do
		system_boot clock "$accel" "$smp" 120 "$WB_GUEST/clock_test.elf"
		system_report "clock $accel smp$smp" "$accel" "$WB_EXIT_PASS"
	done
	system_boot_with_command_line clock-fallback "$accel" 2 120 "debug-exit entropy-no-rdrand" \
		"$WB_GUEST/clock_test.elf"
	system_report "clock $accel smp2 entropy-no-rdrand" "$accel" "$WB_EXIT_PASS"
	grep -q "^entropy: pool from interrupt timing only" "$boot_log"
	tap_ok_todo $? "[clock $accel entropy-no-rdrand] the kernel says its pool is its only source" \
		"$(wb_todo_for "$accel")"
done
tap_done
