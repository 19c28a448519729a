#!/usr/bin/env bash
# System test: execve through the emulator and the exec server. The boot
# runner starts proc, auth, exec and tmpfs (build/execve-test/root.tar:
# busybox, /test/execve_child), then tests/linux/execve_test as a program:
# each failing execve (ENOENT, ENOEXEC, EACCES, ENOTDIR, ELOOP, E2BIG, EFAULT,
# a missing "#!" interpreter) leaves it running; then execveat replaces it
# with execve_child (argv/envp exact, same pid, fds with and without
# FD_CLOEXEC, umask, signal mask, ignored signals, a handler reset), which
# execs a "#!" script that busybox sh runs and that execs execve_child again,
# which execs busybox as "echo". The exit status of that last image reaches
# the boot runner. TCG, 1 and 2 CPUs. Then the herd with busybox sh as init
# (started by exec): its `exec` finds exec again.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
ARCHIVE=${WB_EXECVE_ARCHIVE:-build/execve-test/root.tar}
CHECKS=42
MODULES=(build/bootstrap/bootstrap.elf build/emul/emul.elf build/servers/proc/proc
	build/servers/auth/auth build/servers/exec/exec
	"build/translators/tmpfs --archive=$ARCHIVE" "$ARCHIVE" "$LINUX/execve_test")

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="execve $accel smp$smp"
		system_boot execve "$accel" "$smp" 240 "${MODULES[@]}"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		todo=$(wb_todo_for "$accel")
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		[ "$count" -eq "$CHECKS" ]
		tap_ok_todo $? "[$label] all $CHECKS checks of the three images passed ($count)" "$todo"
		! tr -d '\r' <"$boot_log" | grep -q 'EXECVE-MARKER'
		tap_ok_todo $? "[$label] no successful execve ever returned (no marker line)" "$todo"
		expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
		expect "the first image ran up to its execveat" \
			'^execve_test: 0 checks failed; execveat of execve_child now$'
		expect "the child ran in its place" \
			'^execve_child: stage1 done, 0 failed; the #! script next$'
		expect "busybox sh ran the #! script with \$0, \$1 and the same pid" \
			'^script: 0=/tmp/script 1=one pid-same=yes$'
		expect "busybox exec'd with argv[0] \"echo\" printed" '^busybox-echo: argv\[0\] was echo$'
		expect "the last image's exit status reached the boot runner" \
			"^bootstrap: $LINUX/execve_test exited with status 0$"
	done
done

# The herd's init is started by exec, not by the boot runner: its execve
# finds exec through the init port exec gave it (no registry, no /servers).
for accel in $(wb_accels); do
	label="execve herd $accel smp1"
	system_boot execve-herd "$accel" 1 240 \
		"build/bootstrap/bootstrap.elf --herd init=/bin/busybox sh -c 'exec /bin/busybox echo herd init exec ok'" \
		build/emul/emul.elf build/servers/auth/auth build/servers/exec/exec \
		"build/translators/tmpfs --archive=$ARCHIVE" "$ARCHIVE" build/servers/proc/proc
	system_report "$label" "$accel" "$WB_EXIT_PASS"
	expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
	expect "init's sh exec'd busybox echo, found through exec's init port" '^herd init exec ok$'
	expect "that image's exit status is init's" \
		'^bootstrap: herd: init /bin/busybox exited with status 0; powering off$'
done
tap_done
