#!/usr/bin/env bash
# System test: settrans, showtrans and fsysopts (utils/) booted as programs on
# the emulator. First boot: each --help prints its usage and exits 0; a bad
# command line and a boot without a root file system give the Hurd-style error
# and exit 1; lib/lookup on a directory port nobody answers times out
# (tests/linux/utils_test/lookup_timeout). Then two boots of the herd (auth, exec, tmpfs as "root" with
# build/utils-test/root.tar; the kernel takes 16 modules): settrans -a starts
# hello on /srv/hello-node, lookup_cat reads it through lib/lookup (also
# through an absolute symbolic link), fsysopts shows and changes --contents,
# settrans -g makes it go away, a missing node is ENOENT; settrans sets passive
# records that showtrans prints, settrans -c creates a node, settrans -x is
# EBUSY on a node with a record, and settrans run as uid 1000 (run_as_user) is
# refused on root's node and allowed on its own. (tmpfs does not start passive
# translators yet.) Under every accelerator with 1 and 2 CPUs.
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

# What a user sees in the herd boots, in the order of the modules.
active_checks()
{
	local accel=$1 label=$2
	expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
	expect "tmpfs registered the root directory" \
		"^bootstrap: $TMPFS registered its port and runs on as a server$"
	expect "lookup_cat reads hello, started by settrans -a, through lib/lookup" \
		'^lookup_cat: /srv/hello-node: "one"$'
	expect "... and through an absolute symbolic link (MAGICAL /, then REAUTH)" \
		'^lookup_cat: /srv/link: "one"$'
	expect "... and through .. and . inside tmpfs" \
		'^lookup_cat: /srv/../srv/./hello-node: "one"$'
	expect "fsysopts shows the running translator's options" \
		"^(/hurd/)?hello --contents=one$"
	expect "after fsysopts --contents=two the file reads two" \
		'^lookup_cat: /srv/hello-node: "two"$'
	expect "settrans -g: hello went away" "^hello: gone, 0 lib/ports objects left$"
	expect "after settrans -g the node reads as the empty file underneath" \
		'^lookup_cat: /srv/hello-node: ""$'
	expect "settrans on a missing node says so" \
		"^settrans: /srv/missing: No such file or directory$"
	expect "fsysopts on a node without a translator says so" \
		"^fsysopts: /srv/hello-node: no active translator: No such device or address$"
	[ "$(tr -d '\r' <"$boot_log" | grep -c "^bootstrap: $UTILS/settrans exited with status 0$")" -eq 2 ]
	tap_ok_todo $? "[$label] settrans -a and settrans -g exited with status 0" \
		"$(wb_todo_for "$accel")"
	[ "$(tr -d '\r' <"$boot_log" | grep -Ec "^bootstrap: $UTILS/(settrans|fsysopts) exited with status 1$")" -eq 2 ]
	tap_ok_todo $? "[$label] the two failing commands exited with status 1" \
		"$(wb_todo_for "$accel")"
}

passive_checks()
{
	local accel=$1 label=$2
	expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
	expect "showtrans prints the passive record" "^/hurd/hello --contents=passive$"
	expect "showtrans -p prefixes each node; a node without a record is empty" \
		"^/srv/passive-node: /hurd/hello --contents=passive$"
	expect "... the node without a record" "^/srv/hello-node: $"
	expect "settrans as uid 1000 on root's node is refused" \
		"^settrans: /srv/passive-node: Operation not permitted$"
	expect "... and exits with status 1" "^run_as_user: /bin/settrans exited with status 1$"
	expect "settrans as uid 1000 on its own node succeeds" \
		"^run_as_user: /bin/settrans exited with status 0$"
	expect "showtrans prints uid 1000's record" "^/hurd/hello --contents=mine$"
	expect "settrans -c made a node and set its record" "^/hurd/hello --contents=created$"
	expect "settrans -x on a node with a record is refused" \
		"^settrans: /srv/passive-node: Device or resource busy$"
	[ "$(tr -d '\r' <"$boot_log" | grep -Ec "^bootstrap: $UTILS/(settrans|showtrans) exited with status 0$")" -eq 6 ]
	tap_ok_todo $? "[$label] the six settrans and showtrans runs exited with status 0" \
		"$(wb_todo_for "$accel")"
}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="utils $accel smp$smp"
		system_boot utils "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf \
			"$UTILS/settrans --help" "$UTILS/showtrans --help" "$UTILS/fsysopts --help" \
			"$UTILS/settrans -a" "$UTILS/settrans --bogus /x" "$UTILS/showtrans /x" \
			"$LINUX/lookup_timeout"
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
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq 5 ]
		tap_ok_todo $? "[$label] all 5 checks of lookup_timeout passed ($count)" \
			"$(wb_todo_for "$accel")"
	done
done

# The herd needs the fs branch's tmpfs (its sources, not a stale build).
if [ ! -f translators/tmpfs/tmpfs.mk ] || [ ! -f servers/exec/exec.mk ]; then
	tap_ok 0 "the herd boots # SKIP no tmpfs or exec server in this tree"
	tap_done
	exit
fi
HERD=(build/bootstrap/bootstrap.elf build/emul/emul.elf "$AUTH" "$EXEC"
	"$TMPFS --archive=$ARCHIVE" "$ARCHIVE")
for accel in $(wb_accels); do
	for smp in 1 2; do
		label="utils active $accel smp$smp"
		system_boot utils-active "$accel" "$smp" 300 "${HERD[@]}" \
			"$UTILS/settrans -a /srv/hello-node /hurd/hello --contents=one" \
			"$LINUX/lookup_cat /srv/hello-node /srv/link /srv/../srv/./hello-node" \
			"$UTILS/fsysopts /srv/hello-node" \
			"$UTILS/fsysopts /srv/hello-node --contents=two" \
			"$LINUX/lookup_cat /srv/hello-node" \
			"$UTILS/settrans -g /srv/hello-node" \
			"$LINUX/lookup_cat /srv/hello-node" \
			"$UTILS/settrans /srv/missing /hurd/hello" \
			"$UTILS/fsysopts /srv/hello-node --contents=three"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		active_checks "$accel" "$label"

		label="utils passive $accel smp$smp"
		system_boot utils-passive "$accel" "$smp" 300 "${HERD[@]}" \
			"$UTILS/settrans /srv/passive-node /hurd/hello --contents=passive" \
			"$UTILS/showtrans /srv/passive-node" \
			"$UTILS/showtrans -p /srv/passive-node /srv/hello-node" \
			"$LINUX/run_as_user 1000 /bin/settrans /srv/passive-node" \
			"$LINUX/run_as_user 1000 /bin/settrans /home/user/node /hurd/hello --contents=mine" \
			"$UTILS/showtrans /home/user/node" \
			"$UTILS/settrans -c /tmp/new-node /hurd/hello --contents=created" \
			"$UTILS/showtrans /tmp/new-node" \
			"$UTILS/settrans -x /srv/passive-node /hurd/hello --contents=again"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		passive_checks "$accel" "$label"
	done
done
tap_done
