#!/usr/bin/env bash
# System test: processes in the emulator (emul/fork*.c, emul/wait.c), seen by
# an ordinary static glibc program (tests/linux/fork_test.c) booted after
# proc, auth, exec, tmpfs as root and the pipe server: fork and vfork, exit
# and kill statuses through wait4 and waitid, ids, copy-on-write memory,
# shared descriptors and offsets, SIGCHLD, interrupted and restarted waits,
# fork in a threaded process, 200 forks in a row; then a SIGCHLD storm
# (tests/linux/fork_sigchld.c: children ending while the parent is in system
# calls and user code, every signal on the program's own context); then
# busybox sh running a subshell by fork. Under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
PROGRAM="$LINUX/fork_test"
CHECKS=51
STORM="$LINUX/fork_sigchld"
STORM_CHECKS=8
PROC=${WB_PROC_SERVER:-build/servers/proc/proc}
AUTH=${WB_AUTH_SERVER:-build/servers/auth/auth}
EXEC=${WB_EXEC_SERVER:-build/servers/exec/exec}
TMPFS=${WB_TMPFS:-build/translators/tmpfs}
ARCHIVE=${WB_UTILS_ARCHIVE:-build/utils-test/root.tar}
PIPE=${WB_PIPE_SERVER:-build/servers/pipe/pipe}
BUSYBOX=${WB_BUSYBOX:-/bin/busybox}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="fork $accel smp$smp"
		todo=$(wb_todo_for "$accel")
		system_boot fork "$accel" "$smp" 480 build/bootstrap/bootstrap.elf \
			build/emul/emul.elf "$PROC" "$AUTH" "$EXEC" "$TMPFS --archive=$ARCHIVE" \
			"$ARCHIVE" "$PIPE" "$PROGRAM" "$STORM" \
			"$BUSYBOX sh -c '(exit 3); echo subshell status \$?'"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq $((CHECKS + STORM_CHECKS)) ]
		tap_ok_todo $? "[$label] all $CHECKS + $STORM_CHECKS checks of the programs passed ($count)" "$todo"
		system_expect_line "$accel" "$label" "the program exited with status 0" \
			"^bootstrap: $PROGRAM exited with status 0$"
		system_expect_line "$accel" "$label" "the SIGCHLD storm exited with status 0" \
			"^bootstrap: $STORM exited with status 0$"
		! tr -d '\r' <"$boot_log" | grep -q "cannot write the frame\|cannot resume on the stack"
		tap_ok_todo $? "[$label] no signal frame went on the emulator's stack" "$todo"
		system_expect_line "$accel" "$label" "busybox sh: a subshell by fork, (exit 3) gives \$? 3" \
			"^subshell status 3$"
		! tr -d '\r' <"$boot_log" | grep -q "unimplemented system call \(fork\|vfork\|clone\|wait4\|waitid\|getrusage\) "
		tap_ok_todo $? "[$label] no process call is unimplemented" "$todo"
	done
done
tap_done
