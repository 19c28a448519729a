#!/usr/bin/env bash
# System test: translators on tmpfs's nodes (lib/fshelp through lib/netfs).
# Boots auth, exec, tmpfs with a tree holding /hurd/hello and two test
# translators (tests/linux/translator_test/), then translator_test in another
# task: an active hello set, read through dir_lookup + io_read, reauthenticated
# (io_reauthenticate through auth: it then uses the ids auth gives), changed with
# fsys_set_options and sent away with file_set_translator's goaway flags; a
# passive translator started on first lookup with the node owner's uid and
# reused; uid 1000 refused on root's node (EPERM) and allowed on its own;
# translators killed (errors, no hang; a passive one restarted once for
# concurrent lookups); one that never calls fsys_startup failing the lookup
# within tmpfs's --translator-timeout, and one that stops answering failing
# the lookup within it too; a lookup through two translators. A second boot drives the same through
# the utilities and lib/lookup (utils.t's tree): settrans sets a passive hello,
# lookup_cat's first lookup starts it, fsysopts shows and changes its options,
# showtrans its record, settrans -g stops it and clears the record. Under
# every accelerator, 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

AUTH=${WB_AUTH_SERVER:-build/servers/auth/auth}
EXEC=${WB_EXEC_SERVER:-build/servers/exec/exec}
TMPFS=${WB_TMPFS:-build/translators/tmpfs}
TEST_DIR=${WB_TRANSLATOR_TEST_DIR:-build/linux/translator_test}
ARCHIVE="$TEST_DIR/root.tar"
CLIENT="$TEST_DIR/translator_test"
CHECKS=51
UTILS=${WB_UTILS:-build/utils}
LINUX=${WB_LINUX:-build/linux}
UTILS_ARCHIVE=${WB_UTILS_ARCHIVE:-build/utils-test/root.tar}
NODE=/srv/passive-node

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="translators $accel smp$smp"
		system_boot translators "$accel" "$smp" 300 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$AUTH" "$EXEC" \
			"$TMPFS --translator-timeout=3000 --archive=$ARCHIVE" "$ARCHIVE" "$CLIENT"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the client passed ($count)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "the hello that went away said so" \
			"^hello: gone, 0 lib/ports objects left$"
		system_expect_line "$accel" "$label" "the client, another task, exited with status 0" \
			"^bootstrap: $CLIENT exited with status 0$"

		label="translators utils $accel smp$smp"
		system_boot translators-utils "$accel" "$smp" 300 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$AUTH" "$EXEC" \
			"$TMPFS --archive=$UTILS_ARCHIVE" "$UTILS_ARCHIVE" \
			"$UTILS/settrans $NODE /hurd/hello --contents=passive" \
			"$LINUX/lookup_cat $NODE" "$UTILS/fsysopts $NODE" \
			"$UTILS/fsysopts $NODE --contents=changed" "$LINUX/lookup_cat $NODE" \
			"$UTILS/showtrans $NODE" "$UTILS/settrans -g $NODE" "$LINUX/lookup_cat $NODE"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
		expect "settrans set the passive record and exited with status 0" \
			"^bootstrap: $UTILS/settrans exited with status 0$"
		expect "the first lookup through lib/lookup started it and read it" \
			"^lookup_cat: $NODE: \"passive\"$"
		expect "fsysopts shows the running passive translator's options" \
			"^hello --contents=passive$"
		expect "after fsysopts --contents=changed the next lookup reads the same translator" \
			"^lookup_cat: $NODE: \"changed\"$"
		expect "showtrans prints the passive record" "^/hurd/hello --contents=passive$"
		expect "settrans -g made it go away" "^hello: gone, 0 lib/ports objects left$"
		expect "then the node reads as the empty file underneath (record cleared)" \
			"^lookup_cat: $NODE: \"\"$"
		[ "$(tr -d '\r' <"$boot_log" | grep -c '^hello: serving$')" -eq 1 ]
		tap_ok_todo $? "[$label] one hello started for all the lookups" "$(wb_todo_for "$accel")"
		[ "$(tr -d '\r' <"$boot_log" | grep -Ec "^bootstrap: ($UTILS|$LINUX)/[a-z_]+ exited with status 0$")" -eq 8 ]
		tap_ok_todo $? "[$label] all 8 commands exited with status 0" "$(wb_todo_for "$accel")"
	done
done
tap_done
