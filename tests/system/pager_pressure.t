#!/usr/bin/env bash
# System test: a user-space pager serves a 256 MiB object to a task booted with
# 192 MiB of RAM (at most 128 MiB free), under every accelerator with 1 and 2
# CPUs: the kernel evicts clean pages (dropped) and written ones (returned to the
# pager, then read back as written) to read it through twice. The pager
# timeout is 60 s, not 10: in the second pass the pager also takes 4,096
# returned pages, and on a loaded host a request queued behind them may wait
# longer than 10 s for an answer that does come (the timeout is for pagers that
# never answer, which pager.t tests).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="$accel smp$smp"
		WB_MEM=192M system_boot_with_command_line pager-pressure "$accel" "$smp" 480 \
			"debug-exit pager-timeout=60000" \
			"$WB_GUEST/pager_pressure.elf"
		system_report "pressure $label" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
