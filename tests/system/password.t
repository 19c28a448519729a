#!/usr/bin/env bash
# System test: the password server (servers/password) on the auth server and
# tmpfs holding build/password-test/root.tar (/etc/passwd, /etc/shadow,
# /etc/group with yescrypt and sha512-crypt hashes of known passwords), then
# tests/linux/password_test in another task: auth handles with the user's ids
# and groups for right passwords, EACCES after the delay for wrong ones (not
# holding up other checks), unknown, malformed, locked, disabled and
# shadowless accounts, a group password, edits of /etc/group and /etc/shadow
# taking effect at once. Under every accelerator, 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
AUTH=${WB_AUTH_SERVER:-build/servers/auth/auth}
TMPFS=${WB_TMPFS:-build/translators/tmpfs}
PASSWORD=${WB_PASSWORD_SERVER:-build/servers/password/password}
ARCHIVE=${WB_PASSWORD_ARCHIVE:-build/password-test/root.tar}
CHECKS=20

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="password $accel smp$smp"
		system_boot password "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$PASSWORD --help" "$AUTH" \
			"$TMPFS --size=1m --archive=$ARCHIVE" "$ARCHIVE" "$PASSWORD" "$LINUX/password_test"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the client passed ($count)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "password --help printed its usage" \
			"^Usage: password$"
		system_expect_line "$accel" "$label" "the password server registered and ran on" \
			"^bootstrap: $PASSWORD registered its port and runs on as a server$"
		system_expect_line "$accel" "$label" "the client, another task, exited with status 0" \
			"^bootstrap: $LINUX/password_test exited with status 0$"
	done
done
tap_done
