#!/usr/bin/env bash
# System test: the emulator's file system calls (emul/fd*, file*, dir*,
# path*), seen by unmodified static programs on the herd (auth, exec, tmpfs as
# "root" with build/utils-test/root.tar): tests/linux/files_test.c through
# glibc (contents, O_EXCL/O_APPEND/O_TRUNC, holes, directories, rename, links,
# symbolic links, cwd and .., umask, descriptors, EBADF/EFAULT, ids through
# auth, a dead server), after settrans -a has put hello on /srv/hello-node;
# then Debian's busybox-static applets as boot modules on the same tmpfs.
# Under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
UTILS=${WB_UTILS:-build/utils}
AUTH=${WB_AUTH_SERVER:-build/servers/auth/auth}
EXEC=${WB_EXEC_SERVER:-build/servers/exec/exec}
TMPFS=${WB_TMPFS:-build/translators/tmpfs}
ARCHIVE=${WB_UTILS_ARCHIVE:-build/utils-test/root.tar}
BUSYBOX=${WB_BUSYBOX:-/bin/busybox}
HERD=(build/bootstrap/bootstrap.elf build/emul/emul.elf "$AUTH" "$EXEC"
	"$TMPFS --archive=$ARCHIVE" "$ARCHIVE")

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="files $accel smp$smp"
		system_boot files "$accel" "$smp" 300 "${HERD[@]}" \
			"$UTILS/settrans -a /srv/hello-node /hurd/hello --contents=one" \
			"$LINUX/files_test"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		total=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		failed=$(tr -d '\r' <"$boot_log" | grep '^tap: not ok - ' | head -5 | tr '\n' ';')
		[ "$total" -ge 80 ] && [ -z "$failed" ]
		tap_ok_todo $? "[$label] files_test: $total checks passed, none failed ($failed)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "files_test exited with status 0" \
			"^bootstrap: $LINUX/files_test exited with status 0$"
		! tr -d '\r' <"$boot_log" | grep -q "unimplemented system call"
		tap_ok_todo $? "[$label] no unimplemented system call on the way" "$(wb_todo_for "$accel")"
	done
done
tap_done
