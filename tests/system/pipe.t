#!/usr/bin/env bash
# System test: the pipe server (servers/pipe) booted with --max-pipes=16,
# registering as "pipe", then tests/linux/pipe_test in another task: order,
# reads and writes that wait (answered late), end of file and EPIPE when an
# end's last port goes, O_NONBLOCK, io_select with timeouts, 1 MiB between two
# threads with equal checksums, io_duplicate, a forgotten waiter,
# interrupt_operation ending kept reads, selects and writes, the pipe
# limit, and the server's counts back to zero. Under every accelerator, 1 and
# 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
PIPE=${WB_PIPE_SERVER:-build/servers/pipe/pipe}
CHECKS=55

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="pipe $accel smp$smp"
		system_boot pipe "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$PIPE --help" \
			"$PIPE --max-pipes=16" "$LINUX/pipe_test"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the client passed ($count)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "pipe --help printed its usage" \
			"^Usage: pipe \\[--max-pipes=N\\]"
		system_expect_line "$accel" "$label" "the pipe server registered and ran on" \
			"^bootstrap: $PIPE registered its port and runs on as a server$"
		system_expect_line "$accel" "$label" "the client, another task, exited with status 0" \
			"^bootstrap: $LINUX/pipe_test exited with status 0$"
	done
done
tap_done
