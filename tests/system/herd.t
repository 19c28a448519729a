#!/usr/bin/env bash
# System test: the full herd (servers/bootstrap --herd). The bootstrap starts
# auth, exec, tmpfs as the root file system (build/herd/test-root.tar), proc,
# the serial driver (COM2) and term, then init = /sbin/herd_test from the root
# file system through exec. herd_test checks its init ports and proc's list
# of the herd, then runs from the tree, as its children: translator_test (an
# active hello read through dir_lookup + io_read, fsys options, goaway; a
# passive translator started with the node owner's uid and reused; EPERM for
# uid 1000 on root's node; task_terminate of translators; one that never
# answers fsys_startup), settrans/fsysopts/showtrans with lookup_cat, and
# auth_test --remote (the rendezvous); init's fds 0-2 are the terminal, so
# COM2 is kept in a file and joined to the console's log. A second boot leaves proc out, gives a
# serial driver that crashes, a term that never registers and an init that is
# not in the tree: one clear line each, and a clean power-off. A third gives
# 66 boot modules. TCG, 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

B=build
ARCHIVE=${WB_HERD_TEST_ARCHIVE:-$B/herd/test-root.tar}
TRANSLATOR_CHECKS=51
AUTH_CHECKS=21
HERD_CHECKS=37
SERVERS=("$B/servers/auth/auth" "$B/servers/exec/exec"
	"$B/translators/tmpfs --translator-timeout=3000 --archive=$ARCHIVE" "$ARCHIVE")
export WB_QEMU_ARGS="-serial null" # COM2, for the serial driver and term

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="herd $accel smp$smp"
		# init's descriptors 0-2 are the terminal: COM2 is kept in a file
		# and joined to the console's log.
		com2="$WB_TEST_TMP/herd-$accel-smp$smp.com2"
		rm -f "$com2"
		WB_QEMU_ARGS="-serial file:$com2" system_boot herd "$accel" "$smp" 240 \
			"build/bootstrap/bootstrap.elf --herd init=/sbin/herd_test" build/emul/emul.elf \
			"${SERVERS[@]}" "$B/servers/proc/proc" "$B/drivers/serial/serial" \
			"$B/servers/term/term"
		[ -f "$com2" ] && tr -d '\r' <"$com2" >>"$boot_log"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
		for server in auth exec root proc serial term; do
			expect "$server started, registered and got a pid from proc" \
				"^bootstrap: herd: $server is pid [0-9]+$"
		done
		expect "init was looked up in the root file system and started through exec" \
			"^bootstrap: herd: init /sbin/herd_test started through exec as pid [0-9]+$"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		want=$((TRANSLATOR_CHECKS + AUTH_CHECKS + HERD_CHECKS))
		[ "$count" -eq "$want" ]
		tap_ok_todo $? "[$label] all $want checks of init and its children passed ($count)" \
			"$(wb_todo_for "$accel")"
		expect "settrans -a's hello read through lib/lookup" \
			'^lookup_cat: /srv/herd-node: "one"$'
		expect "fsysopts shows the running translator's options" '^hello --contents=one$'
		expect "after fsysopts --contents=two the next lookup reads the change" \
			'^lookup_cat: /srv/herd-node: "two"$'
		expect "settrans -g made it go away: the empty node underneath" \
			'^lookup_cat: /srv/herd-node: ""$'
		expect "showtrans of a missing node says so" \
			'^showtrans: /srv/missing: No such file or directory$'
		expect "init's exit powers the machine off with its status" \
			'^bootstrap: herd: init /sbin/herd_test exited with status 0; powering off$'
	done
done

# A herd with proc missing, a serial driver that crashes, a term that never
# registers and no init in the tree: a line for each, the boot goes on
# without them, then stops cleanly.
for accel in $(wb_accels); do
	label="herd failures $accel smp1"
	system_boot herd-failures "$accel" 1 120 \
		"build/bootstrap/bootstrap.elf --herd --server-timeout=3000 init=/sbin/no-init" \
		build/emul/emul.elf "${SERVERS[@]}" "$B/herd/broken/serial" "$B/herd/broken/term"
	system_report "$label" "$accel" "$WB_EXIT_FAIL"
	expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
	expect "a missing server is named with the reason" \
		'^bootstrap: herd: proc: not started: no boot module named proc$'
	expect "a server that dies before registering is named, with how it ended" \
		"^bootstrap: herd: serial \\($B/herd/broken/serial\\): not started: it was killed \\(no exit status\\) before registering$"
	expect "a server that never registers is named, with the timeout, and terminated" \
		"^bootstrap: herd: term \\($B/herd/broken/term\\): not started: no registration within 3000 ms; terminated$"
	expect "the boot went on: the root file system started" \
		'^bootstrap: herd: root \(.*tmpfs\) started and registered$'
	expect "an init missing from the tree is named with the reason" \
		'^bootstrap: herd: init /sbin/no-init: not started: No such file or directory \(2\)$'
	expect "then the machine powers off" '^bootstrap: herd: /sbin/no-init not started; powering off$'
done
# The kernel takes 64 boot modules: 66 given (pads: a small text file, never run by
# the herd), auth as module 63 is found and started, the rest is refused
# with a line saying so.
PAD=tests/system/term_script.txt
for accel in $(wb_accels); do
	label="herd modules $accel smp1"
	pads=()
	for _ in $(seq 2 62); do pads+=("$PAD"); done
	system_boot herd-modules "$accel" 1 120 \
		"build/bootstrap/bootstrap.elf --herd --server-timeout=3000" build/emul/emul.elf \
		"${pads[@]}" "$B/servers/auth/auth" "$PAD" "$PAD"
	system_report "$label" "$accel" "$WB_EXIT_FAIL"
	expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
	expect "beyond 64 modules the kernel says which it ignores" \
		'^boot: 66 boot modules given, at most 64 are taken: modules 64 to 65 are ignored$'
	expect "module 63 is read and started" \
		"^bootstrap: herd: auth \\($B/servers/auth/auth\\) started and registered$"
	expect "without exec, init is not started and the machine powers off" \
		'^bootstrap: herd: init not started: exec is not running; powering off$'
done
tap_done
