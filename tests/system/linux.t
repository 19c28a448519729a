#!/usr/bin/env bash
# System test: unmodified static Linux programs on the emulator, started by the
# first bootstrap (servers/bootstrap) with the loader: a glibc "hello" (output
# and exit status), Debian's busybox-static (echo, true, false, a shell loop,
# uname -a, sha256sum of an empty stdin),
# the emulator's answers to direct system calls (tests/linux/syscall_checks.c:
# ENOSYS with its diagnostic line, EFAULT, memory, registers), bad pointers to
# every call that takes one (tests/linux/bad_pointers.c) and the native escape
# hatch.
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
			"$BUSYBOX uname -a" \
			"$BUSYBOX sha256sum" \
			"$LINUX/syscall_checks" \
			"$LINUX/bad_pointers" \
			"$LINUX/native_ports"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		system_expect_line "$accel" "$label" "hello printed its arguments on stdout" \
			"^hello from a static glibc program, 3 arguments: one two$"
		system_expect_line "$accel" "$label" "hello wrote to stderr" "^hello on stderr$"
		system_expect_line "$accel" "$label" "hello's exit status 7 reached the bootstrap" \
			"^bootstrap: $LINUX/hello exited with status 7$"
		system_expect_line "$accel" "$label" "busybox echo printed its words" "^hello from busybox$"
		statuses=$(tr -d '\r' <"$boot_log" | grep "^bootstrap: $BUSYBOX exited with status" | sed 's/.*status //' | tr '\n' ' ')
		[ "$statuses" = "0 0 1 0 0 0 " ]
		tap_ok_todo $? "[$label] busybox echo, true, false, sh, uname, sha256sum exited with 0, 0, 1, 0, 0, 0 (got $statuses)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "busybox sh counted to 1000 in a loop" "^1000$"
		system_expect_line "$accel" "$label" "busybox uname -a describes the emulated system" \
			"^Linux wildebeest 6\.1\.0-wildebeest .* x86_64 GNU/Linux$"
		system_expect_line "$accel" "$label" "busybox sha256sum of the empty input (stdin at its end)" \
			"^e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -$"
		lines=$(tr -d '\r' <"$boot_log" |
			grep -c "^emul: $LINUX/syscall_checks: unimplemented system call acct (163)$")
		[ "$lines" -eq 1 ]
		tap_ok_todo $? "[$label] an unimplemented system call, made twice, printed its diagnostic once ($lines)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "syscall_checks exited with status 0" \
			"^bootstrap: $LINUX/syscall_checks exited with status 0$"
		system_expect_line "$accel" "$label" "bad_pointers exited with status 0" \
			"^bootstrap: $LINUX/bad_pointers exited with status 0$"
		system_expect_line "$accel" "$label" "native_ports exited with status 0" \
			"^bootstrap: $LINUX/native_ports exited with status 0$"
	done
done
tap_done
