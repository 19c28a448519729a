#!/usr/bin/env bash
# System test: the auth server (servers/auth) on the emulator, its routines
# served by lib/ports in tests/linux/auth_test.c with client threads: getids,
# makeauth (subsets, EPERM, root, merged handles), the rendezvous in both
# orders, a forged handshake, wrong rendezvous ports and a dead client failing
# instead of hanging, handles freed by no-senders; under every accelerator
# with 1 and 2 CPUs, its TAP lines and exit status. Then the same checks
# (less the server's own counts) against the auth program (servers/auth/program)
# booted first: it registers its root handle with the boot runner under the
# name "auth" and runs on, and auth_test --remote, booted next, looks that
# name up.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh
. tests/lib/linux_program.sh

LINUX=${WB_LINUX:-build/linux}
SERVER=${WB_AUTH_SERVER:-build/servers/auth/auth}
linux_program_test auth "$LINUX/auth_test" 22

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="auth-remote $accel smp$smp"
		system_boot auth-remote "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$SERVER" "$LINUX/auth_test --remote"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq 21 ]
		tap_ok_todo $? "[$label] all 21 checks of the client passed ($count)" "$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "the auth program registered its root handle (as \"auth\") and ran on" \
			"^bootstrap: $SERVER registered its port and runs on as a server$"
		system_expect_line "$accel" "$label" "the client, another task, exited with status 0" \
			"^bootstrap: $LINUX/auth_test exited with status 0$"
	done
done
tap_done
