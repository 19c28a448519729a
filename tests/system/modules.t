#!/usr/bin/env bash
# System test: boot modules as devices. Module 0 reads module 1 (a guest ELF)
# and module 2 (a text file made here) through the device master port the
# kernel gave it, under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

# Module 2: the lines tests/guest/modules_bootstrap.h describes.
mkdir -p "$WB_TEST_TMP"
text="$WB_TEST_TMP/modules-text.txt"
for ((line = 0; line < 400; line++)); do
	printf 'line %05u of the module test\n' "$line"
done >"$text"
elf="$WB_GUEST/hello_child.elf"
size1=$(stat -c %s "$elf")

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="$accel smp$smp"
		system_boot modules "$accel" "$smp" 60 \
			"$WB_GUEST/modules_bootstrap.elf size1=$size1" "$elf" "$text"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
	done
done
tap_done
