#!/usr/bin/env bash
# System test: signals in the emulator, seen by an ordinary static glibc
# program (tests/linux/signals_test.c): handlers and siginfo, faults as
# SIGSEGV/SIGFPE/SIGILL/SIGTRAP, registers and SSE state intact, masks and
# pending signals, the alternate stack, timers, sigsuspend, interrupted and
# restarted waits; then the same program raising SIGTERM with the default
# action, which the boot runner reports as "killed by signal 15"; then, with
# the proc program booted first, two emulated processes (signals_peer.c): ids
# from proc, kill from one to the other through proc and the target's message
# port, a post with the wrong refport refused (EPERM). Under every accelerator
# with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
PROGRAM="$LINUX/signals_test"
CHECKS=41
PEER="$LINUX/signals_peer"
PEER_CHECKS=16
PROC=${WB_PROC_SERVER:-build/servers/proc/proc}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="signals $accel smp$smp"
		todo=$(wb_todo_for "$accel")
		system_boot signals "$accel" "$smp" 120 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$PROGRAM" "$PROGRAM die"
		# One of the two programs is killed on purpose: the runner's verdict is "fail".
		system_report "$label" "$accel" "$WB_EXIT_FAIL"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the program passed ($count)" "$todo"
		system_expect_line "$accel" "$label" "the program exited with status 0" \
			"^bootstrap: $PROGRAM exited with status 0$"
		system_expect_line "$accel" "$label" "SIGTERM's default action: killed by signal 15" \
			"^bootstrap: $PROGRAM killed by signal 15$"
		! tr -d '\r' <"$boot_log" | grep -q "^signals: still alive after SIGTERM"
		tap_ok_todo $? "[$label] nothing ran after the fatal SIGTERM" "$todo"

		label="signals between processes $accel smp$smp"
		system_boot signals-peer "$accel" "$smp" 120 build/bootstrap/bootstrap.elf \
			build/emul/emul.elf "$PROC" "$PEER target" "$PEER killer"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$PEER_CHECKS" ]
		tap_ok_todo $? "[$label] all $PEER_CHECKS checks of the two processes passed ($count)" "$todo"
		system_expect_line "$accel" "$label" "the killer exited with status 0" \
			"^bootstrap: $PEER exited with status 0$"
	done
done
tap_done
