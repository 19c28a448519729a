#!/usr/bin/env bash
# System test: the in-guest Mach IPC conformance suite (module 0, with module 1
# as the second task for cross-task cases) and the hostile-message test, each
# under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="$accel smp$smp"
		system_boot ipc-conformance "$accel" "$smp" 600 "$WB_GUEST/ipc_conformance.elf" \
			"$WB_GUEST/ipc_child.elf"
		system_report "conformance $label" "$accel" "$WB_EXIT_PASS"
		system_boot ipc-hostile "$accel" "$smp" 300 "$WB_GUEST/ipc_hostile.elf" \
			"$WB_GUEST/ipc_child.elf"
		system_report "hostile $label" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
