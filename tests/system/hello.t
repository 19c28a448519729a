#!/usr/bin/env bash
# System test: module 0 (the bootstrap task) starts module 1 as a second task;
# both print over mach_print and run threads, which must reach every CPU.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="$accel smp$smp"
		todo=$(wb_todo_for "$accel")
		system_boot hello "$accel" "$smp" 60 "$WB_GUEST/hello_bootstrap.elf" \
			"$WB_GUEST/hello_child.elf first second"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		grep -Eq "^smp: $smp CPUs online" "$boot_log"
		tap_ok_todo $? "[$label] the kernel started $smp CPUs" ""
		grep -Eq "^bootstrap: hello from .*hello_bootstrap.elf on cpu [0-9]+ of $smp" "$boot_log"
		tap_ok_todo $? "[$label] module 0 printed its greeting, with its CPU" "$todo"
		grep -Eq "^child: hello from module 1 .* on cpu [0-9]+, 3 arguments" "$boot_log"
		tap_ok_todo $? "[$label] module 1 printed its greeting, with its CPU and arguments" "$todo"
		grep -Eq "^child: argv\[2\] = second" "$boot_log"
		tap_ok_todo $? "[$label] module 1 received its command line" "$todo"
		all=$(( (1 << smp) - 1 ))
		grep -Eq "^child: threads ran on cpu mask 0x$(printf %x $all)\b" "$boot_log"
		tap_ok_todo $? "[$label] module 1's threads ran on all $smp CPUs" "$todo"
	done
done
tap_done
