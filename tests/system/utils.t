#!/usr/bin/env bash
# System test: settrans, showtrans and fsysopts (utils/) booted as programs on
# the emulator. First boot: each --help prints its usage and exits 0; a bad
# command line and a boot without a root file system give the Hurd-style error
# and exit 1. Second boot, the herd (auth, exec, tmpfs as "root" with
# build/utils-test/root.tar): settrans -a starts hello on /srv/hello-node,
# lookup_cat reads it through lib/lookup, fsysopts shows and changes
# --contents, settrans sets a passive record that showtrans prints and a lookup
# starts, settrans -g makes the active one go away, a missing node is ENOENT,
# and settrans run as uid 1000 (run_as_user) is refused on root's node and
# allowed on its own. Under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

UTILS=${WB_UTILS:-build/utils}
LINUX=${WB_LINUX:-build/linux}
AUTH=${WB_AUTH_SERVER:-build/servers/auth/auth}
EXEC=${WB_EXEC_SERVER:-build/servers/exec/exec}
TMPFS=${WB_TMPFS:-build/translators/tmpfs}
ARCHIVE=${WB_UTILS_ARCHIVE:-build/utils-test/root.tar}

# The lines of the second boot a user would see, in order of the modules.
herd_checks()
{
	local accel=$1 label=$2
	expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
	expect "tmpfs registered the root directory" \
		"^bootstrap: $TMPFS registered its port and runs on as a server$"
	expect "settrans -a started hello on /srv/hello-node and exited 0" \
		"^bootstrap: $UTILS/settrans exited with status 0$"
	expect "lookup_cat reads the active translator through lib/lookup" \
		'^lookup_cat: /srv/hello-node: "one"$'
	expect "fsysopts shows the running translator's options" \
		"^/hurd/hello --contents=one$"
	expect "after fsysopts --contents=two the file reads two" \
		'^lookup_cat: /srv/hello-node: "two"$'
	expect "showtrans prints the passive record" \
		"^/hurd/hello --contents=passive$"
	expect "showtrans -p prefixes each node" \
		"^/srv/passive-node: /hurd/hello --contents=passive$"
	expect "a lookup starts the passive translator" \
		'^lookup_cat: /srv/passive-node: "passive"$'
	expect "after settrans -g the node reads as the empty file underneath" \
		'^lookup_cat: /srv/hello-node: ""$'
	expect "settrans on a missing node says so" \
		"^settrans: /srv/missing: No such file or directory$"
	expect "settrans as uid 1000 on root's node is refused" \
		"^settrans: /srv/passive-node: Operation not permitted$"
	expect "... and exits with status 1" \
		"^run_as_user: /bin/settrans exited with status 1$"
	expect "settrans as uid 1000 on its own node succeeds" \
		"^run_as_user: /bin/settrans exited with status 0$"
	expect "showtrans prints uid 1000's record" \
		"^/hurd/hello --contents=mine$"
	[ "$(tr -d '\r' <"$boot_log" | grep -c "^bootstrap: $UTILS/settrans exited with status 1$")" -eq 1 ]
	tap_ok_todo $? "[$label] only the missing node's settrans failed" "$(wb_todo_for "$accel")"
}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="utils $accel smp$smp"
		system_boot utils "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf \
			"$UTILS/settrans --help" "$UTILS/showtrans --help" "$UTILS/fsysopts --help" \
			"$UTILS/settrans -a" "$UTILS/settrans --bogus /x" "$UTILS/showtrans /x"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		for program in settrans showtrans fsysopts; do
			system_expect_line "$accel" "$label" "$program --help printed its usage" \
				"^Usage: $program \\[OPTION\\.\\.\\.\\] "
		done
		[ "$(tr -d '\r' <"$boot_log" | grep -Ec "^bootstrap: $UTILS/(settrans|showtrans|fsysopts) exited with status 0$")" -eq 3 ]
		tap_ok_todo $? "[$label] the three --help runs exited with status 0" "$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "settrans without NODE says so" \
			"^settrans: missing NODE$"
		system_expect_line "$accel" "$label" "settrans --bogus is an unrecognized option" \
			"^settrans: unrecognized option '--bogus'$"
		system_expect_line "$accel" "$label" "showtrans without a root file system says so" \
			"^showtrans: no root port \\(no init port, none registered as \"root\"\\): No such process$"
		[ "$(tr -d '\r' <"$boot_log" | grep -Ec "^bootstrap: $UTILS/(settrans|showtrans) exited with status 1$")" -eq 3 ]
		tap_ok_todo $? "[$label] the three failing runs exited with status 1" "$(wb_todo_for "$accel")"
	done
done

if [ ! -x "$TMPFS" ] || [ ! -x "$EXEC" ] || [ ! -f "$ARCHIVE" ]; then
	tap_ok 0 "the herd boot # SKIP no tmpfs or exec server built"
	tap_done
	exit
fi
for accel in $(wb_accels); do
	for smp in 1 2; do
		label="utils herd $accel smp$smp"
		system_boot utils-herd "$accel" "$smp" 300 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$AUTH" "$EXEC" \
			"$TMPFS --archive=$ARCHIVE" "$ARCHIVE" \
			"$UTILS/settrans -a /srv/hello-node /hurd/hello --contents=one" \
			"$LINUX/lookup_cat /srv/hello-node" \
			"$UTILS/fsysopts /srv/hello-node" \
			"$UTILS/fsysopts /srv/hello-node --contents=two" \
			"$LINUX/lookup_cat /srv/hello-node" \
			"$UTILS/settrans /srv/passive-node /hurd/hello --contents=passive" \
			"$UTILS/showtrans /srv/passive-node" \
			"$UTILS/showtrans -p /srv/passive-node /srv/hello-node" \
			"$LINUX/lookup_cat /srv/passive-node" \
			"$UTILS/settrans -g /srv/hello-node" \
			"$LINUX/lookup_cat /srv/hello-node" \
			"$UTILS/settrans /srv/missing /hurd/hello" \
			"$LINUX/run_as_user 1000 /bin/settrans /srv/passive-node" \
			"$LINUX/run_as_user 1000 /bin/settrans /home/user/node /hurd/hello --contents=mine" \
			"$UTILS/showtrans /home/user/node"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		herd_checks "$accel" "$label"
	done
done
tap_done
