#!/usr/bin/env bash
# System test: the one-node translators on lib/trivfs (translators/hello,
# translators/null), each booted as a program that registers its control port
# with the boot runner (after the auth server, whose "auth" they look up),
# then checked from another task by tests/linux/trivfs_test: fsys_getroot with
# open modes checked against the mode, reads whole and in pieces with io_seek,
# io_stat, options changed and shown at run time, EBADF, EACCES, EROFS,
# io_reauthenticate through auth (the server learns the true ids; mismatched
# and forged rendezvous fail), io_restrict_auth, file_utimens, file_set_size,
# fsys_goaway refused while open (EBUSY) and accepted after close or forced,
# after which the ports fail; null started --zero, then plain and --full
# (ENOSPC); and a hello inside the client whose auth server dies mid-rendezvous
# (errors, no hang). Under every accelerator with 1 and 2 CPUs; each
# translator reports its lib/ports objects all gone at the end. First both
# translators' --help.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
TRANSLATORS=${WB_TRANSLATORS:-build/translators}
AUTH=${WB_AUTH_SERVER:-build/servers/auth/auth}
CLIENT="$LINUX/trivfs_test"
CHECKS=77

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="trivfs $accel smp$smp"
		system_boot trivfs "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$AUTH" \
			"$TRANSLATORS/hello --help" "$TRANSLATORS/null --help" \
			"$TRANSLATORS/hello" "$CLIENT hello" "$TRANSLATORS/null --zero" "$CLIENT null"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the client passed ($count)" \
			"$(wb_todo_for "$accel")"
		for translator in hello null; do
			system_expect_line "$accel" "$label" "$translator registered its control port and ran on" \
				"^bootstrap: $TRANSLATORS/$translator registered its port and runs on as a server$"
			system_expect_line "$accel" "$label" \
				"$translator went away with none of its lib/ports objects left" \
				"^$translator: gone, 0 lib/ports objects left$"
		done
		system_expect_line "$accel" "$label" "hello --help printed its usage" \
			"^Usage: hello \\[--contents=TEXT\\]$"
		system_expect_line "$accel" "$label" "null --help printed its usage" \
			"^Usage: null \\[--zero\\] \\[--full\\]$"
		[ "$(tr -d '\r' <"$boot_log" | grep -Ec "^bootstrap: $TRANSLATORS/(hello|null) exited with status 0$")" -eq 2 ]
		tap_ok_todo $? "[$label] both --help runs exited with status 0" "$(wb_todo_for "$accel")"
		[ "$(tr -d '\r' <"$boot_log" | grep -c "^bootstrap: $CLIENT exited with status 0$")" -eq 2 ]
		tap_ok_todo $? "[$label] both clients, other tasks, exited with status 0" \
			"$(wb_todo_for "$accel")"
	done
done
tap_done
