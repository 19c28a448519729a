#!/usr/bin/env bash
# System test: the image (image/, build/image/test-root.tar: the system's tree
# plus /test/image_test) booted as `make run` boots it — the kernel's `quiet`,
# the bootstrap's --quiet, the serial driver on COM1 (--console) with term on
# it, pipe and password in the herd — with init /test/image_test: /dev/null,
# /dev/zero, /dev/tty, /servers, pipe2 through /servers/pipe, reboot refused
# to uid 1000, and reboot(RB_POWER_OFF) as root powering the machine off
# cleanly. COM1 is the user's one serial line: nothing but the program's own
# lines may come out on it. Then the image itself with its /sbin/init, term on
# COM2, whose far end (tests/system/serial_host.pl) plays
# tests/system/image_session.txt: the banner and motd, the user's prompt, id,
# cat, /dev/null, head -c 4 /dev/zero | od, /dev/tty, ls /servers, a pipe
# between two programs, su with a wrong password (the failure message) and
# the right one (uid 0, the password not echoed), and exit powering off.
# TCG, 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

B=build
ARCHIVE=$B/image/test-root.tar
IMAGE_CHECKS=12
IMAGE=$B/image/root.tar
SESSION_CHECKS=$(grep -c '^expect' tests/system/image_session.txt)

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="image $accel smp$smp"
		todo=$(wb_todo_for "$accel")
		herd_modules "--herd --quiet init=/test/image_test" "$ARCHIVE" --console
		system_boot_with_command_line image "$accel" "$smp" 120 "debug-exit quiet" \
			"${HERD_MODULES[@]}"
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

		label="image session $accel smp$smp"
		socket="$WB_TEST_TMP/image-$accel-$smp.sock"
		host_log="$WB_TEST_TMP/image-session-$accel-$smp.host"
		rm -f "$socket"
		perl tests/system/serial_host.pl "$socket" tests/system/image_session.txt 100 \
			>"$host_log" 2>&1 &
		host=$!
		herd_modules "--herd init=/sbin/init" "$IMAGE"
		WB_QEMU_ARGS="-chardev socket,id=com2,path=$socket,server=on,wait=off -serial chardev:com2" \
			system_boot image-session "$accel" "$smp" 120 "${HERD_MODULES[@]}"
		wait "$host"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		while IFS= read -r line; do
			case "$line" in
			"host: ok - "*) tap_ok_todo 0 "[$label] ${line#host: ok - }" "$todo" ;;
			"host: not ok - "*)
				tap_ok_todo 1 "[$label] ${line#host: not ok - }" "$todo"
				tap_diag "$host_log"
				;;
			esac
		done <"$host_log"
		[ "$(grep -c '^host: ok - ' "$host_log")" -eq "$SESSION_CHECKS" ]
		tap_ok_todo $? "[$label] all $SESSION_CHECKS steps of the session passed" "$todo"
	done
done
tap_done
