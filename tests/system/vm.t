#!/usr/bin/env bash
# System test: the in-guest Mach virtual-memory conformance suite and the VM
# hostile test, each as module 0 under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

# The suite was written from the Mach interface ahead of the kernel's VM (the VM
# issue): until the VM passes it, every check here runs and reports but is TODO,
# so `make check` stays green. WB_VM_STRICT=1 makes failures count; when the VM
# passes, make that the default (or delete this block).
if [ "${WB_VM_STRICT:-0}" != 1 ]; then
	eval "wb_system_$(declare -f wb_todo_for)"
	wb_todo_for()
	{
		local todo
		todo=$(wb_system_wb_todo_for "$1")
		echo "${todo:- # TODO VM issue: the kernel does not pass the VM suite yet}"
	}
fi

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="$accel smp$smp"
		system_boot vm-conformance "$accel" "$smp" 300 "$WB_GUEST/vm_conformance.elf"
		system_report "vm conformance $label" "$accel" "$WB_EXIT_PASS"
		system_boot vm-hostile "$accel" "$smp" 300 "$WB_GUEST/vm_hostile.elf"
		system_report "vm hostile $label" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
