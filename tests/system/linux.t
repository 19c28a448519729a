#!/usr/bin/env bash
# System test: unmodified static Linux programs on the emulator, started by the
# first bootstrap (servers/bootstrap) with the loader: a glibc "hello" (output
# and exit status), Debian's busybox-static (echo, true, false, a shell loop),
# the emulator's answers to direct system calls (tests/linux/syscall_checks.c:
# ENOSYS with its diagnostic line, EFAULT, memory) and the native escape hatch.
# One boot runs them all, under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
BUSYBOX=${WB_BUSYBOX:-/bin/busybox}
loop='i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done; echo $i'

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="linux $accel smp$smp"
		system_boot linux "$accel" "$smp" 240 "$WB_GUEST/bootstrap_accounting.elf" build/emul/emul.elf \
			"$LINUX/hello one two" \
			"$BUSYBOX echo hello from busybox" \
			"$BUSYBOX true" \
			"$BUSYBOX false" \
			"$BUSYBOX sh -c '$loop'" \
			"$LINUX/syscall_checks" \
			"$LINUX/native_ports"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		system_expect_line "$accel" "$label" "hello printed its arguments on stdout" \
			"^hello from a static glibc program, 3 arguments: one two$"
		system_expect_line "$accel" "$label" "hello wrote to stderr" "^hello on stderr$"
		system_expect_line "$accel" "$label" "hello's exit status 7 reached the bootstrap" \
			"^bootstrap: $LINUX/hello exited with status 7$"
		system_expect_line "$accel" "$label" "busybox echo printed its words" "^hello from busybox$"
		statuses=$(tr -d '\r' <"$boot_log" | grep "^bootstrap: $BUSYBOX exited with status" | sed 's/.*status //' | tr '\n' ' ')
		[ "$statuses" = "0 0 1 0 " ]
		tap_ok_todo $? "[$label] busybox echo, true, false, sh exited with 0, 0, 1, 0 (got $statuses)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "busybox sh counted to 1000 in a loop" "^1000$"
		system_expect_line "$accel" "$label" "an unimplemented system call printed its diagnostic" \
			"^emul: $LINUX/syscall_checks: unimplemented system call acct \(163\)$"
		system_expect_line "$accel" "$label" "syscall_checks exited with status 0" \
			"^bootstrap: $LINUX/syscall_checks exited with status 0$"
		system_expect_line "$accel" "$label" "native_ports exited with status 0" \
			"^bootstrap: $LINUX/native_ports exited with status 0$"
	done
done
tap_done
