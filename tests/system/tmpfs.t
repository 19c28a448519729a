#!/usr/bin/env bash
# System test: tmpfs (translators/tmpfs on lib/netfs) as the root file system:
# the auth server, then tmpfs with its initial tree (build/tmpfs/root.tar, a
# ustar archive passed as a boot module and read through the device master
# port) registering its root directory as "root", then tests/linux/tmpfs_test
# in another task: files, directories, symbolic links, the lookup contract's
# MAGICAL answers, readdir, permissions for uid 1000 (auth_makeauth and
# io_reauthenticate), the size limit. Under every accelerator, 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
AUTH=${WB_AUTH_SERVER:-build/servers/auth/auth}
TMPFS=${WB_TMPFS:-build/translators/tmpfs}
ARCHIVE=${WB_TMPFS_ARCHIVE:-build/tmpfs/root.tar}
CHECKS=52

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="tmpfs $accel smp$smp"
		system_boot tmpfs "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$TMPFS --help" "$AUTH" \
			"$TMPFS --size=16m --archive=$ARCHIVE" "$ARCHIVE" "$LINUX/tmpfs_test"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the client passed ($count)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "tmpfs --help printed its usage" \
			"^Usage: tmpfs \\[--size=BYTES\\[k\\|m\\|g\\]\\]"
		system_expect_line "$accel" "$label" "tmpfs registered its root directory and ran on" \
			"^bootstrap: $TMPFS registered its port and runs on as a server$"
		system_expect_line "$accel" "$label" "the archive module was passed over as data" \
			"^bootstrap: module [0-9]+ is data, not run: $ARCHIVE$"
		system_expect_line "$accel" "$label" "the client, another task, exited with status 0" \
			"^bootstrap: $LINUX/tmpfs_test exited with status 0$"
	done
done
tap_done
