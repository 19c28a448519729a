#!/usr/bin/env bash
# System test: the image (image/, build/image/test-root.tar: the system's tree
# plus /test/image_test) booted as `make run` boots it — the kernel's `quiet`,
# the bootstrap's --quiet, the serial driver on COM1 (--console) with term on
# it, pipe and password in the herd — with init /test/image_test: /dev/null,
# /dev/zero, /dev/tty, /servers, pipe2 through /servers/pipe, reboot refused
# to uid 1000, and reboot(RB_POWER_OFF) as root powering the machine off
# cleanly. COM1 is the user's one serial line: nothing but the program's own
# lines may come out on it. TCG, 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

B=build
ARCHIVE=$B/image/test-root.tar
IMAGE_CHECKS=12

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="image $accel smp$smp"
		todo=$(wb_todo_for "$accel")
		system_boot_with_command_line image "$accel" "$smp" 120 "debug-exit quiet" \
			"$B/bootstrap/bootstrap.elf --herd --quiet init=/test/image_test" \
			$B/emul/emul.elf $B/servers/auth/auth $B/servers/exec/exec \
			"$B/translators/tmpfs --archive=$ARCHIVE" "$ARCHIVE" $B/servers/proc/proc \
			$B/servers/pipe/pipe $B/servers/password/password \
			"$B/drivers/serial/serial --console" $B/servers/term/term
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$IMAGE_CHECKS" ]
		tap_ok_todo $? "[$label] all $IMAGE_CHECKS checks of image_test passed ($count)" "$todo"
		system_expect_line "$accel" "$label" "a write to /dev/tty reached the terminal" \
			'^image_test: this line went through /dev/tty$'
		# The quiet boot: every line on COM1 is the program's (or empty).
		chatter=$(tr -d '\r' <"$boot_log" | grep -v -e '^tap: ' -e '^image_test: ' -e '^$' |
			head -3)
		[ -z "$chatter" ]
		tap_ok_todo $? "[$label] no boot chatter on the console${chatter:+ (got: $chatter)}" "$todo"
	done
done
tap_done
