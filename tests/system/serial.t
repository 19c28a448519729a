#!/usr/bin/env bash
# System test: interrupts for user-space drivers and the serial driver. The
# kernel's "irq" device refuses what it must (tests/linux/serial_test), then
# the driver (drivers/serial) serves COM2, whose far end is a QEMU socket that
# tests/system/serial_host.pl answers: a read waits in the driver without
# holding it and is answered when the interrupt brings the host's bytes.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
DRIVER=${WB_SERIAL_DRIVER:-build/drivers/serial/serial}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="serial $accel smp$smp"
		mkdir -p "$WB_TEST_TMP"
		socket="$WB_TEST_TMP/serial-$accel-$smp.sock"
		host_log="$WB_TEST_TMP/serial-$accel-$smp.host"
		rm -f "$socket"
		export WB_QEMU_ARGS="-chardev socket,id=com2,path=$socket,server=on,wait=off -serial chardev:com2"
		perl tests/system/serial_host.pl "$socket" tests/system/serial_script.txt 100 >"$host_log" 2>&1 &
		host=$!
		system_boot serial "$accel" "$smp" 120 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf \
			"$DRIVER" "$LINUX/serial_test"
		wait "$host"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		while IFS= read -r line; do
			case "$line" in
			"host: ok - "*) tap_ok_todo 0 "[$label] ${line#host: ok - }" "$(wb_todo_for "$accel")" ;;
			"host: not ok - "*) tap_ok_todo 1 "[$label] ${line#host: not ok - }" "$(wb_todo_for "$accel")" ;;
			esac
		done <"$host_log"
		system_expect_line "$accel" "$label" "the driver serves COM2" \
			"^serial: serving the UART at 0x2f8, IRQ 3$"
		system_expect_line "$accel" "$label" "the driver got an interrupt" \
			"^serial: first interrupt on IRQ 3$"
	done
done
tap_done
