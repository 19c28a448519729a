#!/usr/bin/env bash
# System test: the term server (servers/term) on the user-space serial driver
# (drivers/serial) on COM2, whose far end is a QEMU socket where
# tests/system/serial_host.pl types tests/system/term_script.txt: echo, erase,
# kill and word erase, EOF, ^C ending a waiting read, raw and VMIN reads, echo
# off, the window size, and the driver's crash seen by clients as EIO
# (tests/linux/term_test); then the driver restarted takes COM2 and IRQ 3 back
# and serves tests/linux/serial_test. Under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh
. tests/lib/serial_host.sh

LINUX=${WB_LINUX:-build/linux}
DRIVER=${WB_SERIAL_DRIVER:-build/drivers/serial/serial}
TERM_SERVER=${WB_TERM_SERVER:-build/servers/term/term}

for accel in $(wb_accels); do
	for smp in 1 2; do
		serial_host_boot term "$accel" "$smp" tests/system/term_script.txt 100 120 \
			"$WB_EXIT_PASS" build/bootstrap/bootstrap.elf build/emul/emul.elf "$DRIVER" \
			"$TERM_SERVER --test-hooks" "$LINUX/term_test" "$DRIVER" "$LINUX/serial_test"
		system_expect_line "$accel" "$label" "term serves on the driver" \
			"^term: serving a terminal on the serial driver$"
		system_expect_line "$accel" "$label" "input came by interrupt" \
			"^serial: first interrupt on IRQ 3$"
		system_expect_line "$accel" "$label" "^C was recorded as SIGINT for the foreground group" \
			"^term: SIGINT for foreground process group 1 "
		system_expect_line "$accel" "$label" "term saw the driver go" \
			"^term: the serial driver is gone"
		system_expect_line "$accel" "$label" "the driver task was terminated by its crash" \
			"^fault: task [0-9]+ .*invalid opcode.*task terminated$"
		[ "$(tr -d '\r' <"$boot_log" | grep -c '^serial: serving the UART at 0x2f8, IRQ 3$')" -eq 2 ]
		tap_ok_todo $? "[$label] a second driver took COM2 and IRQ 3 after the crash" "$todo"
	done
done
tap_done
