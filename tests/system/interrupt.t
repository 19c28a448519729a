#!/usr/bin/env bash
# System test: signals interrupting reads and writes on pipes lose nothing
# (interrupt_operation, hurd/interrupt.defs): tests/linux/interrupt_test.c,
# with proc and the pipe server booted first, checks EINTR and SA_RESTART on a
# blocked read, many writes racing a signal to the reader (every byte read
# once, in order), an interrupted write on a full pipe (never done twice), and
# a parent's read on a pipe end shared with its child undisturbed by the
# child's signal. Under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
PROGRAM="$LINUX/interrupt_test"
CHECKS=21
PIPE=${WB_PIPE_SERVER:-build/servers/pipe/pipe}
PROC=${WB_PROC_SERVER:-build/servers/proc/proc}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="interrupt $accel smp$smp"
		todo=$(wb_todo_for "$accel")
		system_boot interrupt "$accel" "$smp" 180 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$PROC" "$PIPE" "$PROGRAM"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the program passed ($count)" "$todo"
		system_expect_line "$accel" "$label" "the program exited with status 0" \
			"^bootstrap: $PROGRAM exited with status 0$"
	done
done
tap_done
