# Helpers shared by the benchmarks: reading figures from serial logs, host TSC stamps,
# cycle/ms arithmetic and failure reports. Source it from the repo root.

BENCH_BUILD=${WB_BUILD:-build}/bench

bench_error()  # bench_error MESSAGE...: to stderr, prefixed with the benchmark's name
{
	echo "$(basename "$0"): $*" >&2
}

# Prints the path of the host-TSC helper, compiling it when missing or stale.
bench_host_tsc_tool()
{
	local tool=$BENCH_BUILD/host-tsc source=bench/lib/host-tsc.c
	if [ ! -x "$tool" ] || [ "$source" -nt "$tool" ]; then
		mkdir -p "$BENCH_BUILD"
		"${CC:-gcc}" -std=gnu11 -O2 -Wall -Wextra -o "$tool" "$source" || return 1
	fi
	echo "$tool"
}

# bench_number LOG ERE: the first capture group of the first line of LOG matching ERE
# (carriage returns from the serial console removed); fails when no line matches.
bench_number()
{
	local value
	value=$(tr -d '\r' <"$1" | sed -nE "s/.*$2.*/\1/p" | head -n 1)
	[ -n "$value" ] || return 1
	echo "$value"
}

# bench_cycles_since_start FIRST_TSC HOST_BEFORE HOST_AFTER: cycles from the guest's
# start to FIRST_TSC. A guest TSC inside the host's [before, after] window is the host's
# own counter (nested KVM without TSC offsetting), so count from the QEMU launch instead.
bench_cycles_since_start()
{
	local first=$1 before=$2 after=$3
	if ((first < before)); then
		echo "$first" # below the host's counter: counts from the guest's reset
	elif ((first <= after)); then
		bench_error "note: guest TSC is the host's; counting from QEMU's launch"
		echo $((first - before))
	else
		bench_error "guest TSC $first is past the host's $after after the boot"
		return 1
	fi
}

bench_ms()  # bench_ms CYCLES HZ: milliseconds with 3 decimals
{
	awk -v cycles="$1" -v hz="$2" 'BEGIN { printf "%.3f\n", cycles * 1000 / hz }'
}

bench_ratio()  # bench_ratio A B: A/B with 2 decimals
{
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'
}

# bench_explain_boot NAME STATUS LOG: why a boot that did not exit 33 failed, with the
# tail of its serial and QEMU logs, to stderr.
bench_explain_boot()
{
	local name=$1 status=$2 log=$3 why
	case "$status" in
	124) why="timed out" ;;
	35) why="guest reported failure (exit 35)" ;;
	37) why="guest kernel panicked (exit 37)" ;;
	0) why="guest powered off without the debug-exit device (exit 0)" ;;
	*) why="QEMU exited $status" ;;
	esac
	bench_error "$name: $why; serial log $log"
	if [ -s "$log" ]; then
		tr -d '\r' <"$log" | tail -n 15 | sed 's/^/  | /' >&2
	fi
	if [ -s "$log.qemu" ]; then
		tail -n 5 "$log.qemu" | sed 's/^/  qemu| /' >&2
	fi
}

# bench_boot_wildebeest NAME ACCEL SMP TCG-LIMIT LOG KERNEL MODULE...: one benchmark
# boot (debug-exit) with the timeout for ACCEL (WB_BENCH_TIMEOUT overrides: 30 s
# under KVM, TCG-LIMIT under TCG); fails, saying why, unless the guest passed.
bench_boot_wildebeest()
{
	local name=$1 accel=$2 smp=$3 tcg_limit=$4 log=$5 kernel=$6 limit status=0
	shift 6
	case "$accel" in
	kvm) limit=${WB_BENCH_TIMEOUT:-30} ;;
	*) limit=${WB_BENCH_TIMEOUT:-$tcg_limit} ;;
	esac
	rm -f "$log" "$log.qemu"
	wb_boot "$accel" "$smp" "$limit" "$log" "$kernel" "debug-exit" "$@" || status=$?
	if [ "$status" -ne "$WB_EXIT_PASS" ]; then
		bench_explain_boot "$name" "$status" "$log"
		return 1
	fi
}

# bench_boot_linux NAME ACCEL SMP KVM-LIMIT TCG-LIMIT LOG WORKLOAD: one boot of the
# Linux guest running /bench/WORKLOAD (bench/linux/guest.sh) with the timeout for
# ACCEL (WB_BENCH_LINUX_TIMEOUT overrides); its status in bench_boot_status; fails,
# saying why, unless the guest passed.
bench_boot_linux()
{
	local name=$1 accel=$2 smp=$3 kvm_limit=$4 tcg_limit=$5 log=$6 workload=$7 limit
	case "$accel" in
	kvm) limit=${WB_BENCH_LINUX_TIMEOUT:-$kvm_limit} ;;
	*) limit=${WB_BENCH_LINUX_TIMEOUT:-$tcg_limit} ;;
	esac
	rm -f "$log" "$log.qemu"
	bench_boot_status=0
	wb_linux_boot "$accel" "$smp" "$limit" "$log" "wb.bench=$workload" || bench_boot_status=$?
	if [ "$bench_boot_status" -ne "$WB_EXIT_PASS" ]; then
		bench_explain_boot "$name" "$bench_boot_status" "$log"
		return 1
	fi
}
