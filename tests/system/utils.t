#!/usr/bin/env bash
# System test: settrans, showtrans and fsysopts (utils/) booted as programs on
# the emulator: each --help prints its usage and exits 0; a bad command line and
# a boot without a root file system give the Hurd-style error and exit 1.
# Under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

UTILS=${WB_UTILS:-build/utils}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="utils $accel smp$smp"
		system_boot utils "$accel" "$smp" 240 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf \
			"$UTILS/settrans --help" "$UTILS/showtrans --help" "$UTILS/fsysopts --help" \
			"$UTILS/settrans -a" "$UTILS/settrans --bogus /x" "$UTILS/showtrans /x"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		for program in settrans showtrans fsysopts; do
			system_expect_line "$accel" "$label" "$program --help printed its usage" \
				"^Usage: $program \\[OPTION\\.\\.\\.\\] "
		done
		[ "$(tr -d '\r' <"$boot_log" | grep -Ec "^bootstrap: $UTILS/(settrans|showtrans|fsysopts) exited with status 0$")" -eq 3 ]
		tap_ok_todo $? "[$label] the three --help runs exited with status 0" "$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "settrans without NODE says so" \
			"^settrans: missing NODE$"
		system_expect_line "$accel" "$label" "settrans --bogus is an unrecognized option" \
			"^settrans: unrecognized option '--bogus'$"
		system_expect_line "$accel" "$label" "showtrans without a root file system says so" \
			"^showtrans: no root port \\(no init port, none registered as \"root\"\\): No such process$"
		[ "$(tr -d '\r' <"$boot_log" | grep -Ec "^bootstrap: $UTILS/(settrans|showtrans) exited with status 1$")" -eq 3 ]
		tap_ok_todo $? "[$label] the three failing runs exited with status 1" "$(wb_todo_for "$accel")"
	done
done
tap_done
