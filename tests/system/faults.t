#!/usr/bin/env bash
# System test: tasks that fault (bad memory, bad instructions, a system call
# without an emulator) are terminated alone; a busy task and the bootstrap go
# on; a boot module that is not an executable is refused with an error.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

faults="null-read wild-write kernel-read write-code bad-opcode privileged divide linux-syscall stack-overflow"
for accel in $(wb_accels); do
	for smp in 1 2; do
		label="$accel smp$smp"
		todo=$(wb_todo_for "$accel")
		modules=("$WB_GUEST/fault_bootstrap.elf" "$WB_GUEST/busy_worker.elf" "$WB_GUEST/not-an-elf.bin")
		for f in $faults; do
			modules+=("$WB_GUEST/fault_child.elf $f")
		done
		system_boot faults "$accel" "$smp" 90 "${modules[@]}"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		count=$(grep -Ec "^(fault|syscall): task [0-9]+ \(fault_child.elf\).*task terminated" "$boot_log")
		[ "$count" -eq 9 ]
		tap_ok_todo $? "[$label] the kernel reported each of the 9 faults on the console (saw $count)" "$todo"
		grep -q "^loader: not-an-elf.bin: " "$boot_log"
		tap_ok_todo $? "[$label] the loader said why the corrupt module was refused" "$todo"
	done
done
tap_done
