#!/usr/bin/env bash
# System test: what the loader and the boot runner (servers/bootstrap) refuse
# or survive, each with a clear line and no crash: a module that is not an ELF
# file, an ELF cut short, an ELF with a segment where the emulator lives, a
# program killed by a fault (SIGSEGV, no exit status), then a good program still runs;
# and an emulator module that is not an emulator. The runner's verdict is
# "fail" (not every program exited), the kernel does not panic.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="refusals $accel smp$smp"
		system_boot linux-refusals "$accel" "$smp" 120 build/bootstrap/bootstrap.elf \
			build/emul/emul.elf "$WB_GUEST/not-an-elf.bin" "$LINUX/truncated" \
			"$LINUX/hello-at-emulator" "$LINUX/crash" "$LINUX/hello still running"
		system_report "$label" "$accel" "$WB_EXIT_FAIL"
		system_expect_line "$accel" "$label" "a module that is not an ELF file (30 bytes of text) is refused" \
			"^bootstrap: $WB_GUEST/not-an-elf.bin: not started: file too small for an ELF header$"
		system_expect_line "$accel" "$label" "an ELF file cut short is refused" \
			"^bootstrap: $LINUX/truncated: not started: program headers out of the file"
		system_expect_line "$accel" "$label" "a segment on the emulator's addresses is refused" \
			"^bootstrap: $LINUX/hello-at-emulator: not started: a loadable segment lies outside"
		system_expect_line "$accel" "$label" "a program killed by a fault is reported killed by SIGSEGV" \
			"^bootstrap: $LINUX/crash killed by signal 11$"
		system_expect_line "$accel" "$label" "the next program still runs and exits" \
			"^bootstrap: $LINUX/hello exited with status 7$"
		system_expect_line "$accel" "$label" "the runner counts 4 failures of 5 programs" \
			"^bootstrap: 5 programs run, 4 failed to start or to exit$"
	done
	label="bad emulator $accel smp1"
	system_boot linux-bad-emulator "$accel" 1 60 build/bootstrap/bootstrap.elf \
		"$WB_GUEST/not-an-elf.bin" "$LINUX/hello"
	system_report "$label" "$accel" "$WB_EXIT_FAIL"
	system_expect_line "$accel" "$label" "an emulator module that is not an emulator is refused" \
		"^bootstrap: $LINUX/hello: not started: the emulator image is not a Wildebeest emulator"
done
tap_done
