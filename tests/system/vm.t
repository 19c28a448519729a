#!/usr/bin/env bash
# System test: the in-guest Mach virtual-memory conformance suite and the VM
# hostile test, each as module 0 under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

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
