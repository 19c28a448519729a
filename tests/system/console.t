#!/usr/bin/env bash
# System test: COM1 handed by the kernel to the user-space serial driver
# (`serial --console`, the kernel's "com1" device) and taken back when the
# driver crashes: the driver's line reaches COM1 while kernel messages are
# held, then come out after it (tests/linux/console_test), with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
DRIVER=${WB_SERIAL_DRIVER:-build/drivers/serial/serial}

# The first line of the boot log matching an extended regex, or 0.
line_of()
{
	local number
	number=$(tr -d '\r' <"$boot_log" | grep -En "$1" | head -1 | cut -d: -f1)
	echo "${number:-0}"
}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="console $accel smp$smp"
		todo=$(wb_todo_for "$accel")
		system_boot console "$accel" "$smp" 120 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf \
			"$DRIVER --console" "$LINUX/console_test"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		handed=$(line_of "^console: COM1 handed to a user-space driver")
		driver=$(line_of "^driver: this line went out through the user-space driver$")
		back=$(line_of "^console: COM1 is the kernel's again")
		serving=$(line_of "^serial: serving the UART at 0x3f8, IRQ 4$")
		[ "$handed" -gt 0 ] && [ "$driver" -gt "$handed" ]
		tap_ok_todo $? "[$label] the driver's line came out on COM1 after the handover" "$todo"
		[ "$back" -gt "$driver" ] && [ "$serving" -gt "$back" ]
		tap_ok_todo $? "[$label] kernel messages of that time were held and came out after COM1 came back" "$todo"
		[ "$(tr -d '\r' <"$boot_log" | grep -c "^console: COM1 is the kernel's again")" -eq 2 ]
		tap_ok_todo $? "[$label] COM1 came back twice (the crash, then device_close)" "$todo"
	done
done
tap_done
