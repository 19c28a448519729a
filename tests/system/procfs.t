#!/usr/bin/env bash
# System test: /proc (translators/procfs) in the image (build/image/
# test-root.tar, the system's tree plus /test), booted as `make run` boots it
# with init `busybox sh /test/procfs_test.sh` (tests/linux/procfs_test.sh):
# procfs attached to /proc as the image's init attaches it, busybox ps and ps
# -o listing the shell, a child and procfs, /proc/PID/stat's pid, comm, state
# and ppid of a known child, status, cmdline, comm, ls /proc, /proc/self, a
# vanished pid (ENOENT), refused writes (EROFS), uptime, meminfo, loadavg,
# then tests/linux/prctl_test.c (prctl and sysinfo). TCG, 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

B=build
ARCHIVE=$B/image/test-root.tar
SCRIPT_CHECKS=$(grep -c '^check ' tests/linux/procfs_test.sh)
PRCTL_CHECKS=$(grep -c '^	check(' tests/linux/prctl_test.c)

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="procfs $accel smp$smp"
		todo=$(wb_todo_for "$accel")
		herd_modules "--herd --quiet init=/bin/busybox sh /test/procfs_test.sh" "$ARCHIVE" --console
		system_boot_with_command_line procfs "$accel" "$smp" 180 "debug-exit quiet" \
			"${HERD_MODULES[@]}"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		expected=$((SCRIPT_CHECKS + PRCTL_CHECKS))
		[ "$count" -eq "$expected" ]
		tap_ok_todo $? "[$label] all $expected checks passed ($count)" "$todo"
		# prctl and sysinfo are implemented: no "unimplemented" line for them.
		! tr -d '\r' <"$boot_log" | grep -Eq 'unimplemented.*(prctl|sysinfo)|(prctl|sysinfo).*unimplemented'
		tap_ok_todo $? "[$label] no console line about prctl or sysinfo" "$todo"
	done
done
tap_done
