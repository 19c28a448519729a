#!/usr/bin/env bash
# Benchmark: the emulated null system call (syscall -> the task's emulator entry -> back,
# include/wildebeest/emulation.h) against getppid through syscall on the Linux guest;
# prints "bench: emulated-null-syscall <ns> ns linux=<ns> ratio=<r>" plus cycles. Then
# the same Linux program (bench/linux/syscall_getppid.c, static glibc) unmodified on
# Wildebeest through the real emulator (emul/, started by servers/bootstrap):
# "bench: emulated-getppid <ns> ns linux=<ns> ratio=<r>".
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/qemu.sh
. bench/lib/common.sh
. bench/linux/guest.sh

kernel=${WB_KERNEL:-${WB_BUILD:-build}/kernel/wildebeest}
module=${WB_GUEST_DIR:-${WB_BUILD:-build}/guest}/bench_emulation.elf
bootstrap=${WB_BUILD:-build}/bootstrap/bootstrap.elf
emulator=${WB_BUILD:-build}/emul/emul.elf
getppid_program=${WB_BUILD:-build}/bench/syscall_getppid
logs=$BENCH_BUILD/emulation

for file in "$kernel" "$module" "$bootstrap" "$emulator" "$getppid_program"; do
	if [ ! -f "$file" ]; then
		bench_error "no $file (make bench builds it)"
		exit 1
	fi
done
bench/linux/build-initramfs.sh
mkdir -p "$logs"

# figure NAME LOG FIGURE-ERE HZ-ERE: prints "CYCLES HZ" from a guest's log.
figure()
{
	local cycles hz
	if ! cycles=$(bench_number "$2" "$3"); then
		bench_error "$1: no figure (/$3/) in $2"
		return 1
	fi
	if ! hz=$(bench_number "$2" "$4") || [ "$hz" -eq 0 ]; then
		bench_error "$1: no TSC frequency (/$4/) in $2"
		return 1
	fi
	echo "$cycles $hz"
}

measure_linux()  # measure_linux ACCEL: "CYCLES HZ"
{
	local accel=$1 log=$logs/linux-$1.log
	bench_boot_linux "linux ($accel)" "$accel" 1 30 400 "$log" syscall_getppid || return 1
	figure linux "$log" 'bench: syscall getppid median-cycles=([0-9]+)' 'bench: tsc-hz ([0-9]+)'
}

measure_wildebeest()  # measure_wildebeest ACCEL: "CYCLES HZ"
{
	local accel=$1 log=$logs/wildebeest-$1.log
	bench_boot_wildebeest "wildebeest ($accel)" "$accel" 1 120 "$log" "$kernel" "$module" ||
		return 1
	figure wildebeest "$log" 'bench: emulated-null-syscall median-cycles=([0-9]+)' \
		'cpu0: tsc ([0-9]+) Hz'
}

measure_emulator()  # measure_emulator ACCEL: "CYCLES HZ"
{
	local accel=$1 log=$logs/wildebeest-emulator-$1.log
	bench_boot_wildebeest "wildebeest emulator ($accel)" "$accel" 1 120 "$log" "$kernel" \
		"$bootstrap" "$emulator" "$getppid_program" || return 1
	figure "wildebeest emulator" "$log" 'bench: syscall getppid median-cycles=([0-9]+)' \
		'cpu0: tsc ([0-9]+) Hz'
}

ns()  # ns CYCLES HZ: nanoseconds with one decimal
{
	awk -v cycles="$1" -v hz="$2" 'BEGIN { printf "%.1f\n", cycles * 1e9 / hz }'
}

accels=$(wb_accels)
for accel in $accels; do
	echo "emulation.sh: accelerator $accel (of: $accels)" >&2
	if ! linux=$(measure_linux "$accel"); then
		bench_error "could not measure the Linux guest under $accel"
		continue
	fi
	if ! ours=$(measure_wildebeest "$accel"); then
		bench_error "could not measure Wildebeest under $accel"
		continue
	fi
	read -r our_cycles our_hz <<<"$ours"
	read -r linux_cycles linux_hz <<<"$linux"
	our_ns=$(ns "$our_cycles" "$our_hz")
	linux_ns=$(ns "$linux_cycles" "$linux_hz")
	echo "bench: emulated-null-syscall $our_ns ns linux=$linux_ns ratio=$(bench_ratio "$our_ns" "$linux_ns")" \
		"cycles=$our_cycles linux-cycles=$linux_cycles (getppid) accel=$accel"
	if ! emulated=$(measure_emulator "$accel"); then
		bench_error "could not measure getppid through the emulator under $accel"
		exit 1
	fi
	read -r emulated_cycles emulated_hz <<<"$emulated"
	emulated_ns=$(ns "$emulated_cycles" "$emulated_hz")
	echo "bench: emulated-getppid $emulated_ns ns linux=$linux_ns" \
		"ratio=$(bench_ratio "$emulated_ns" "$linux_ns") cycles=$emulated_cycles" \
		"linux-cycles=$linux_cycles (the same static glibc program) accel=$accel"
	exit 0
done
bench_error "no figure under any accelerator ($accels)"
exit 1
