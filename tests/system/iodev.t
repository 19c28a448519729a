#!/usr/bin/env bash
# System test: I/O ports for user-space drivers. Module 0 is refused the
# kernel's ports, is given COM2's through the device master port and drives its
# 16550 in loopback, under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

# COM2 for the guest's driver (COM1 stays the console).
export WB_QEMU_ARGS="-serial null"

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="$accel smp$smp"
		system_boot iodev "$accel" "$smp" 60 "$WB_GUEST/iodev_bootstrap.elf"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
