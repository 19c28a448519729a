#!/usr/bin/env bash
# System test: the in-guest emulation test (non-negative system calls entering
# the task's emulator, its inheritance, the exception without one, per-thread
# FS/GS bases, the kernel's object counts after), under every accelerator with
# 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

for accel in $(wb_accels); do
	for smp in 1 2; do
		system_boot emulation "$accel" "$smp" 180 "$WB_GUEST/emulation_test.elf"
		system_report "emulation $accel smp$smp" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
