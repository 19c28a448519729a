#!/usr/bin/env bash
# Benchmark: processes and the shell (bench/linux/shell_bench.c, one static glibc binary run
# as a boot module on the servers and as a workload of the Linux guest, with Debian's busybox-static):
# fork+execve("/bin/true")+waitpid in µs per iteration, a 10,000-line busybox sh script in
# ms, and busybox ls -lR of 2,000 files on tmpfs in ms. Prints
# "bench: NAME <figure> <unit> linux=<figure> ratio=<r> ..." for each.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/qemu.sh
. bench/lib/common.sh
. bench/linux/guest.sh

build=${WB_BUILD:-build}
kernel=${WB_KERNEL:-$build/kernel/wildebeest}
archive=$BENCH_BUILD/shell-root.tar
logs=$BENCH_BUILD/shell
# The first bootstrap runs the servers and then shell_bench as boot modules (tmpfs with
# the system's tree plus /bench/shell_bench as the root): the programs reach the servers
# through its registry, and shell_bench's output is on the console.
modules=("$build/bootstrap/bootstrap.elf" "$build/emul/emul.elf" "$build/servers/proc/proc"
	"$build/servers/auth/auth" "$build/servers/exec/exec"
	"$build/translators/tmpfs --archive=$archive" "$archive" "$build/servers/pipe/pipe"
	"$BENCH_BUILD/shell_bench")
for file in "$kernel" "$archive" "$BENCH_BUILD/shell_bench" "${modules[@]%% *}"; do
	if [ ! -f "$file" ]; then
		bench_error "no $file (make bench builds it)"
		exit 1
	fi
done
bench/linux/build-initramfs.sh
mkdir -p "$logs"

measure_linux()  # measure_linux ACCEL LOG
{
	bench_boot_linux "linux ($1)" "$1" 1 60 600 "$2" shell_bench
}

measure_wildebeest()  # measure_wildebeest ACCEL LOG
{
	bench_boot_wildebeest "wildebeest ($1)" "$1" 1 900 "$2" "$kernel" "${modules[@]}"
}

# report NAME UNIT SCALE OUR-ERE LINUX-ERE: one line, figures = cycles * SCALE / Hz.
report()
{
	local name=$1 unit=$2 scale=$3 ours linux ours_value linux_value
	if ! linux=$(bench_number "$linux_log" "$5"); then
		bench_error "$name: no figure /$5/ in $linux_log"
		return 1
	fi
	if ! ours=$(bench_number "$wb_log" "$4"); then
		bench_error "$name: no figure /$4/ in $wb_log; linux $linux cycles"
		return 1
	fi
	ours_value=$(awk -v c="$ours" -v hz="$wb_hz" -v s="$scale" 'BEGIN { printf "%.1f", c * s / hz }')
	linux_value=$(awk -v c="$linux" -v hz="$linux_hz" -v s="$scale" 'BEGIN { printf "%.1f", c * s / hz }')
	echo "bench: $name $ours_value $unit linux=$linux_value ratio=$(bench_ratio "$ours_value" \
		"$linux_value") cycles=$ours linux-cycles=$linux (the same static glibc program and busybox) accel=$accel"
}

accels=$(wb_accels)
for accel in $accels; do
	echo "shell.sh: accelerator $accel (of: $accels)" >&2
	linux_log=$logs/linux-$accel.log
	wb_log=$logs/wildebeest-$accel.log
	measure_linux "$accel" "$linux_log" || { bench_error "no Linux figures under $accel"; continue; }
	measure_wildebeest "$accel" "$wb_log" || bench_error "the Wildebeest boot failed under $accel"
	if ! linux_hz=$(bench_number "$linux_log" 'bench: tsc-hz ([0-9]+)') ||
		! wb_hz=$(bench_number "$wb_log" 'cpu0: tsc ([0-9]+) Hz'); then
		bench_error "no TSC frequency in $linux_log or $wb_log"
		exit 1
	fi
	failed=0
	report fork-exec-wait-true µs 1000000 'fork-exec-true cycles-per-iteration=([0-9]+)' \
		'fork-exec-true cycles-per-iteration=([0-9]+)' || failed=1
	report sh-10000-lines ms 1000 'sh-10000-lines median-cycles=([0-9]+)' \
		'sh-10000-lines median-cycles=([0-9]+)' || failed=1
	report ls-lR-2000-files ms 1000 'ls-lR-2000 median-cycles=([0-9]+)' \
		'ls-lR-2000 median-cycles=([0-9]+)' || failed=1
	exit "$failed"
done
bench_error "no figure under any accelerator ($accels)"
exit 1
