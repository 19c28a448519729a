#!/usr/bin/env bash
# System test: the exec server (servers/exec) and lib/fshelp's translator
# start. The boot runs the exec program (it reads the emulator, registers as
# "exec" and runs on), then tests/linux/exec_test, which serves exec_child's
# and hello's boot modules from a file server of its own and checks: a child
# exec'd into a task it made gets argv, envp and init ports (it answers
# through one) and its exit status arrives; fds given reach it (its stdout
# arrives at a sink of the test's); EXEC_DEFAULTS; ENOEXEC, EACCES,
# ESRCH, EBADF, EINVAL; ETIMEDOUT from a file server that never answers;
# hello started as a translator (fsys_startup answered, fsys_getroot,
# io_read), then killed (its ports fail, not hang); a translator that never
# calls fsys_startup timing out with its task gone. exec_child and hello then
# run as ordinary modules. Under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
SERVER=${WB_EXEC_SERVER:-build/servers/exec/exec}
HELLO=${WB_TRANSLATORS:-build/translators}/hello
CHECKS=37

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="exec $accel smp$smp"
		system_boot exec "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$SERVER --file-timeout=2000" \
			"$LINUX/exec_test" "$LINUX/exec_child" "$HELLO"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the client passed ($count)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "the exec program registered as a server and ran on" \
			"^bootstrap: $SERVER registered its port and runs on as a server$"
		system_expect_line "$accel" "$label" "the client, another task, exited with status 0" \
			"^bootstrap: $LINUX/exec_test exited with status 0$"
		system_expect_line "$accel" "$label" "exec named the corrupt image it refused" \
			"^exec: /exec_child: not started: "
	done
done
tap_done
