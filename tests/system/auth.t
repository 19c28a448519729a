#!/usr/bin/env bash
# System test: lib/ports on the emulator (tests/linux/auth_test.c, static
# glibc): a bucket bounded to 3 workers serving 8 client threads, objects found
# by protected payload and by name, RPCs cancelled by interrupt and by a dead
# client, no-senders freeing objects, counts back to zero; under every
# accelerator with 1 and 2 CPUs, its TAP lines and exit status.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

PROGRAM=${WB_LINUX:-build/linux}/auth_test
CHECKS=22

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="auth $accel smp$smp"
		system_boot auth "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$PROGRAM"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the program passed ($count)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "the program's exit status 0 reached the bootstrap" \
			"^bootstrap: $PROGRAM exited with status 0$"
	done
done
tap_done
