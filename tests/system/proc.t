#!/usr/bin/env bash
# System test: the proc server (servers/proc) as a program booted first,
# registering init's proc port with the boot runner, and proc_test booted next
# in another task: its pid, children it makes with task_create and registers,
# exits marked and waited for (at once, answered late, WNOHANG), a child
# killed without marking reaped as killed, a grandchild going to init when its
# parent dies, groups and sessions, argv and env,
# message ports, the host name, bad pids and ports, no records left over;
# under every accelerator with 1 and 2 CPUs, its TAP lines and exit status.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
SERVER=${WB_PROC_SERVER:-build/servers/proc/proc}
CHECKS=46

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="proc $accel smp$smp"
		system_boot proc "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$SERVER" "$LINUX/proc_test"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the client passed ($count)" "$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "proc: a parent waits for a child and gets its exit status" \
			"^tap: ok - proc: a parent waits for a child and gets its exit status"
		system_expect_line "$accel" "$label" "the proc program registered init's proc port and ran on" \
			"^bootstrap: $SERVER registered its port and runs on as a server$"
		system_expect_line "$accel" "$label" "the client, another task, exited with status 0" \
			"^bootstrap: $LINUX/proc_test exited with status 0$"
	done
done
tap_done
