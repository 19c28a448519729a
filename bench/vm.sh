#!/usr/bin/env bash
# Benchmark: the VM figures next to the Linux guest's nearest equivalents in the same QEMU:
# zero-fill (ns/page), 1 MiB out of line (µs/round trip), pager-backed read (MiB/s), the same
# read with less RAM than the object (every page evicted again: MiB/s); see README.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/qemu.sh
. bench/lib/common.sh
. bench/linux/guest.sh

kernel=${WB_KERNEL:-${WB_BUILD:-build}/kernel/wildebeest}
guest_dir=${WB_GUEST_DIR:-${WB_BUILD:-build}/guest}
logs=$BENCH_BUILD/vm
linux_workloads=$BENCH_BUILD/linux/bench # where build-initramfs.sh takes extra workloads from
wildebeest_tsc_ere='cpu0: tsc ([0-9]+) Hz'
linux_tsc_ere='bench: tsc-hz ([0-9]+)'
object_mib=64 # the size of the pager's object and of the tmpfs file

# The boot modules of each Wildebeest figure, module 0 first, and the guest's figure line.
declare -A modules=(
	[zero-fill]="$guest_dir/bench_vm_zero_fill.elf"
	[ool]="$guest_dir/bench_vm_ool_client.elf $guest_dir/bench_vm_ool_server.elf"
	[pager-read]="$guest_dir/bench_vm_pager_client.elf $guest_dir/bench_vm_pager.elf"
	[pager-read-evicting]="$guest_dir/bench_vm_pager_client.elf $guest_dir/bench_vm_pager.elf"
)
# Guest RAM of a figure, if not QEMU's usual: 48 MiB (44 usable) cannot hold the 64 MiB object,
# so each round of the read evicts what it read before.
declare -A guest_memory=(
	[pager-read-evicting]=48M
)
declare -A wildebeest_ere=(
	[zero-fill]='bench: vm zero-fill median-cycles-per-page=([0-9]+)'
	[ool]='bench: vm ool-1mib median-cycles=([0-9]+)'
	[pager-read]='bench: vm pager-read median-cycles=([0-9]+)'
	[pager-read-evicting]='bench: vm pager-read median-cycles=([0-9]+)'
)
declare -A linux_ere=(
	[zero-fill]='bench: linux vm-zero-fill median-cycles-per-page=([0-9]+)'
	[ool]='bench: linux vm-pipe-1mib median-cycles=([0-9]+)'
	[pager-read]='bench: linux vm-tmpfs-read median-cycles=([0-9]+)'
	[pager-read-evicting]='bench: linux vm-tmpfs-read median-cycles=([0-9]+)'
)
figures="zero-fill ool pager-read pager-read-evicting"

# Both guests get RAM the host has backed already (-mem-prealloc): otherwise the first write
# to each guest page costs the host a fault (~30,000 guest cycles per page under TCG here),
# which a VM figure would count for whichever guest happened to touch fresh frames.
eval "$(declare -f wb_accel_args | sed '1s/^wb_accel_args/wb_accel_args_lazy_ram/')"
wb_accel_args()
{
	local args
	args=$(wb_accel_args_lazy_ram "$1") || return 1
	echo "$args -mem-prealloc"
}

# guest_tsc_hz NAME LOG ERE: the guest's TSC rate as it printed it.
guest_tsc_hz()
{
	local hz
	if ! hz=$(bench_number "$2" "$3") || [ "$hz" -eq 0 ]; then
		bench_error "$1: no TSC frequency (/$3/) in $2"
		return 1
	fi
	echo "$hz"
}

# measure_wildebeest ACCEL FIGURE: prints "CYCLES HZ [EXTRA...]" (EXTRA: the zero-fill's
# allocation and write cycles per page) or "unavailable REASON" when the guest said so.
measure_wildebeest()
{
	local accel=$1 figure=$2 cycles hz reason file
	local log=$logs/wildebeest-$figure-$accel.log
	local -a files
	read -r -a files <<<"${modules[$figure]}"
	for file in "$kernel" "${files[@]}"; do
		if [ ! -f "$file" ]; then
			bench_error "wildebeest $figure: no $file (make bench builds it)"
			return 1
		fi
	done
	WB_MEM=${guest_memory[$figure]:-${WB_MEM:-256M}} bench_boot_wildebeest \
		"wildebeest $figure ($accel)" "$accel" 1 300 "$log" "$kernel" "${files[@]}" || return 1
	if reason=$(bench_number "$log" "bench: vm $figure unavailable: (.*)"); then
		echo "unavailable $reason"
		return 0
	fi
	if ! cycles=$(bench_number "$log" "${wildebeest_ere[$figure]}"); then
		bench_error "wildebeest $figure: no /${wildebeest_ere[$figure]}/ in $log"
		return 1
	fi
	hz=$(guest_tsc_hz wildebeest "$log" "$wildebeest_tsc_ere") || return 1
	if [ "$figure" = zero-fill ]; then
		local ere='allocate-cycles-per-page=([0-9]+) touch-cycles-per-page=([0-9]+)'
		echo "$cycles $hz $(tr -d '\r' <"$log" | sed -nE "s/.*$ere.*/\1 \2/p" | head -n 1)"
	else
		echo "$cycles $hz"
	fi
}

# measure_linux ACCEL LOG: boots the Linux guest once for all three baselines (its /bench/vm,
# bench/linux/vm-workloads.sh); its serial log is LOG. Fails when the guest gave nothing.
measure_linux()
{
	local accel=$1 log=$2
	# A failed baseline (exit 35) leaves the others' figures standing.
	bench_boot_linux "linux ($accel)" "$accel" 1 30 600 "$log" vm ||
		[ "$bench_boot_status" -eq "$WB_EXIT_FAIL" ] || return 1
	guest_tsc_hz linux "$log" "$linux_tsc_ere" >/dev/null
}

# Arithmetic on figures: awk, one decimal.
per_unit()  # per_unit CYCLES HZ UNITS-PER-SECOND: the time in that unit (1e9: ns)
{
	awk -v cycles="$1" -v hz="$2" -v unit="$3" 'BEGIN { printf "%.1f\n", cycles * unit / hz }'
}
mib_per_s()  # mib_per_s CYCLES HZ: the pager object or tmpfs file read in CYCLES
{
	awk -v cycles="$1" -v hz="$2" -v mib="$object_mib" 'BEGIN { printf "%.1f\n", mib * hz / cycles }'
}
ratio()  # ratio A B: A/B to 3 significant digits
{
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3g\n", a / b }'
}

# report FIGURE OURS LINUX-LOG ACCEL: the figure's line; fails when either side gave none.
report()
{
	local figure=$1 linux_log=$3 accel=$4 linux_cycles linux_hz ours_value linux_value
	local -a ours
	read -r -a ours <<<"$2"
	linux_hz=$(bench_number "$linux_log" "$linux_tsc_ere")
	if ! linux_cycles=$(bench_number "$linux_log" "${linux_ere[$figure]}"); then
		bench_error "linux: no /${linux_ere[$figure]}/ in $linux_log"
		[ "${ours[0]}" = unavailable ] &&
			echo "bench: $figure unavailable (${ours[*]:1}) accel=$accel"
		return 1
	fi
	case "$figure" in
	zero-fill)
		ours_value=$(per_unit "${ours[0]}" "${ours[1]}" 1e9)
		linux_value=$(per_unit "$linux_cycles" "$linux_hz" 1e9)
		echo "bench: vm-zero-fill-fault $ours_value ns linux=$linux_value ratio=$(ratio \
			"$ours_value" "$linux_value") measured=allocate+write-per-page" \
			"allocate=$(per_unit "${ours[2]}" "${ours[1]}" 1e9)" \
			"write=$(per_unit "${ours[3]}" "${ours[1]}" 1e9)" \
			"cycles=${ours[0]} linux-cycles=$linux_cycles accel=$accel"
		;;
	ool)
		ours_value=$(per_unit "${ours[0]}" "${ours[1]}" 1e6)
		linux_value=$(per_unit "$linux_cycles" "$linux_hz" 1e6)
		echo "bench: ool-1mib $ours_value us linux=$linux_value ratio=$(ratio "$ours_value" \
			"$linux_value") cycles=${ours[0]} linux-cycles=$linux_cycles accel=$accel"
		;;
	pager-read | pager-read-evicting)
		linux_value=$(mib_per_s "$linux_cycles" "$linux_hz")
		local ram=${guest_memory[$figure]:+ ram=${guest_memory[$figure]}}
		if [ "${ours[0]}" = unavailable ]; then
			echo "bench: $figure unavailable (${ours[*]:1}) linux=$linux_value MiB/s" \
				"accel=$accel"
			return 0
		fi
		ours_value=$(mib_per_s "${ours[0]}" "${ours[1]}")
		echo "bench: $figure $ours_value MiB/s linux=$linux_value ratio=$(ratio \
			"$ours_value" "$linux_value") cycles=${ours[0]} linux-cycles=$linux_cycles" \
			"accel=$accel$ram"
		;;
	esac
}

mkdir -p "$logs" "$linux_workloads"
install -m 0755 bench/linux/vm-workloads.sh "$linux_workloads/vm"
bench/linux/build-initramfs.sh

accels=$(wb_accels)
for accel in $accels; do
	echo "vm.sh: accelerator $accel (of: $accels)" >&2
	declare -A ours=()
	for figure in $figures; do
		if result=$(measure_wildebeest "$accel" "$figure"); then
			ours[$figure]=$result
		fi
	done
	if [ ${#ours[@]} -eq 0 ]; then # the Linux guest is not worth a boot
		bench_error "no Wildebeest figure under $accel"
		continue
	fi
	linux_log=$logs/linux-$accel.log
	if ! measure_linux "$accel" "$linux_log"; then
		bench_error "could not measure the Linux guest under $accel"
		continue
	fi
	failed=()
	for figure in $figures; do
		if [ -z "${ours[$figure]:-}" ]; then
			bench_error "no figure: $figure (Wildebeest failed under $accel, log above)"
			failed+=("$figure")
		elif ! report "$figure" "${ours[$figure]}" "$linux_log" "$accel"; then
			failed+=("$figure")
		fi
	done
	if [ ${#failed[@]} -ne 0 ]; then
		bench_error "failed: ${failed[*]}"
		exit 1
	fi
	exit 0
done
bench_error "no figure: no accelerator ($accels) ran both guests"
exit 1
