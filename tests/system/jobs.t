#!/usr/bin/env bash
# System test: job control (tests/linux/jobs_test.c) with proc, the pipe
# server, the serial driver and term on COM2, whose far end
# (tests/system/serial_host.pl) types tests/system/jobs_script.txt: ^C and ^\
# post SIGINT and SIGQUIT to the foreground group through proc and the
# processes' message ports, TIOCSWINSZ posts SIGWINCH, blocked reads on the
# terminal and on a pipe end with EINTR or go on under SA_RESTART, the
# background rule (SIGTTIN, SIGTTOU, EIO), a child's stop and continue through
# proc_wait and SIGCHLD, forked children stopped and continued (waitpid
# WUNTRACED/WCONTINUED, ^Z), ^Z stopping the leader until the helper's SIGCONT,
# and at last ^C with SIGINT's default action: "killed by signal 2". Under
# every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh
. tests/lib/serial_host.sh

LINUX=${WB_LINUX:-build/linux}
PROGRAM="$LINUX/jobs_test"
LEADER_CHECKS=43
HELPER_CHECKS=6
PROC=${WB_PROC_SERVER:-build/servers/proc/proc}
PIPE=${WB_PIPE_SERVER:-build/servers/pipe/pipe}
DRIVER=${WB_SERIAL_DRIVER:-build/drivers/serial/serial}
TERM_SERVER=${WB_TERM_SERVER:-build/servers/term/term}

for accel in $(wb_accels); do
	for smp in 1 2; do
		# The last one is killed by ^C on purpose: the runner's verdict is "fail".
		serial_host_boot jobs "$accel" "$smp" tests/system/jobs_script.txt 150 180 \
			"$WB_EXIT_FAIL" build/bootstrap/bootstrap.elf build/emul/emul.elf "$PROC" \
			"$PIPE" "$DRIVER" "$TERM_SERVER" "$PROGRAM leader" "$PROGRAM helper" \
			"$PROGRAM interrupted"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		wanted=$((LEADER_CHECKS + HELPER_CHECKS))
		[ "$count" -eq "$wanted" ]
		tap_ok_todo $? "[$label] all $wanted checks of the three processes passed ($count)" "$todo"
		system_expect_line "$accel" "$label" "the leader's checks all passed" \
			"^jobs: 0 checks failed$"
		system_expect_line "$accel" "$label" "the helper exited with status 0" \
			"^jobs helper: 0 checks failed$"
		system_expect_line "$accel" "$label" "^C with SIGINT's default action: killed by signal 2" \
			"^bootstrap: $PROGRAM killed by signal 2$"
		! tr -d '\r' <"$boot_log" | grep -q "^jobs: still alive after"
		tap_ok_todo $? "[$label] nothing ran after the fatal ^C" "$todo"
	done
done
tap_done
