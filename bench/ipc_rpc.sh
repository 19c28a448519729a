#!/usr/bin/env bash
# Benchmark: null-RPC round trip (a MIG routine, client and server in two tasks) with 1 CPU
# and across 2, against a futex ping-pong of two processes on the Linux guest; prints
# "bench: ipc-null-rpc[-cross-cpu] <ns> ns linux=<ns> ratio=<r>" plus cycles and pipe fields.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/qemu.sh
. bench/lib/common.sh
. bench/linux/guest.sh

kernel=${WB_KERNEL:-${WB_BUILD:-build}/kernel/wildebeest}
guest_dir=${WB_GUEST_DIR:-${WB_BUILD:-build}/guest}
client=$guest_dir/bench_rpc_client.elf
server=$guest_dir/bench_rpc_server.elf
calls=${WB_BENCH_RPC_CALLS:-100000} # timed RPCs per Wildebeest boot (the Linux side does 100000)
logs=$BENCH_BUILD/ipc_rpc
linux_workload=ipc_pingpong
wildebeest_tsc_ere='cpu0: tsc ([0-9]+) Hz'
linux_tsc_ere='bench: tsc-hz ([0-9]+)'

# placement SMP: the name of the case a boot with SMP CPUs measures.
placement()
{
	if [ "$1" -eq 1 ]; then echo same-cpu; else echo cross-cpu; fi
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

# measure_linux ACCEL SMP: prints "CYCLES HZ PIPE-CYCLES", the median futex and pipe round
# trips of the case.
measure_linux()
{
	local accel=$1 smp=$2 case cycles pipe_cycles hz
	local log=$logs/linux-$accel-smp$smp.log
	case=$(placement "$smp")
	bench_boot_linux "linux ($accel, $smp CPUs)" "$accel" "$smp" 30 400 "$log" \
		"$linux_workload" || return 1
	if ! cycles=$(bench_number "$log" "bench: pingpong futex $case median-cycles=([0-9]+)"); then
		bench_error "linux: no futex $case figure in $log"
		return 1
	fi
	if ! pipe_cycles=$(bench_number "$log" "bench: pingpong pipe $case median-cycles=([0-9]+)"); then
		bench_error "linux: no pipe $case figure in $log"
		return 1
	fi
	hz=$(guest_tsc_hz linux "$log" "$linux_tsc_ere") || return 1
	echo "$cycles $hz $pipe_cycles"
}

# measure_wildebeest ACCEL SMP: prints "CYCLES HZ CLIENT-CPUS SERVER-CPUS" (CPU masks).
measure_wildebeest()
{
	local accel=$1 smp=$2 figures hz cycles client_cpus server_cpus
	local log=$logs/wildebeest-$accel-smp$smp.log
	bench_boot_wildebeest "wildebeest ($accel, $smp CPUs)" "$accel" "$smp" 120 "$log" "$kernel" \
		"$client $calls" "$server" || return 1
	local ere='bench: rpc null median-cycles=([0-9]+) .*client-cpus=(0x[0-9a-f]+) server-cpus=(0x[0-9a-f]+)'
	figures=$(tr -d '\r' <"$log" | sed -nE "s/.*$ere.*/\1 \2 \3/p" | head -n 1)
	if [ -z "$figures" ]; then
		bench_error "wildebeest: no 'bench: rpc null' figure in $log"
		return 1
	fi
	hz=$(guest_tsc_hz wildebeest "$log" "$wildebeest_tsc_ere") || return 1
	read -r cycles client_cpus server_cpus <<<"$figures"
	echo "$cycles $hz $client_cpus $server_cpus"
}

ns()  # ns CYCLES HZ: nanoseconds with one decimal
{
	awk -v cycles="$1" -v hz="$2" 'BEGIN { printf "%.1f\n", cycles * 1e9 / hz }'
}

ratio()  # ratio A B: A/B to 3 significant digits (the ratios here can be far below 0.01)
{
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3g\n", a / b }'
}

# report SMP OURS LINUX: the figure's line from measure_wildebeest's and measure_linux's output.
report()
{
	local smp=$1 name=ipc-null-rpc ours_ns linux_ns
	local -a ours linux
	read -r -a ours <<<"$2"
	read -r -a linux <<<"$3"
	[ "$smp" -eq 1 ] || name=ipc-null-rpc-cross-cpu
	if [ "$smp" -gt 1 ] && (((ours[2] & ours[3]) != 0)); then
		bench_error "note: client (cpus ${ours[2]}) and server (cpus ${ours[3]}) shared a CPU"
	fi
	ours_ns=$(ns "${ours[0]}" "${ours[1]}")
	linux_ns=$(ns "${linux[0]}" "${linux[1]}")
	echo "bench: $name $ours_ns ns linux=$linux_ns ratio=$(ratio "$ours_ns" "$linux_ns")" \
		"cycles=${ours[0]} linux-cycles=${linux[0]} linux-pipe=$(ns "${linux[2]}" "${linux[1]}")" \
		"cpus=${ours[2]}/${ours[3]} accel=$accel"
}

bench/linux/build-initramfs.sh
mkdir -p "$logs"
wildebeest_missing=""
for file in "$kernel" "$client" "$server"; do
	[ -f "$file" ] || wildebeest_missing+=" $file"
done
wildebeest_problem=${wildebeest_missing:+"missing$wildebeest_missing (make bench builds them)"}

linux_only=() # Linux figures of accelerators under which Wildebeest gave none
accels=$(wb_accels)
for accel in $accels; do
	echo "ipc_rpc.sh: accelerator $accel (of: $accels)" >&2
	ours=() linux=() failed=""
	for smp in 1 2; do
		if ! figure=$(measure_linux "$accel" "$smp"); then
			failed=linux
			break
		fi
		linux[smp]=$figure
		if [ -n "$wildebeest_missing" ]; then
			failed=wildebeest
		elif [ -z "$failed" ]; then
			if figure=$(measure_wildebeest "$accel" "$smp"); then
				ours[smp]=$figure
			else
				failed=wildebeest
				wildebeest_problem="the guest failed under $accel with $smp CPUs (log above)"
			fi
		fi
	done
	if [ -z "$failed" ]; then
		report 1 "${ours[1]}" "${linux[1]}"
		report 2 "${ours[2]}" "${linux[2]}"
		exit 0
	fi
	for smp in "${!linux[@]}"; do
		read -r cycles hz pipe_cycles <<<"${linux[smp]}"
		figure="linux $(placement "$smp") ($accel, TSC $hz Hz): futex $(ns "$cycles" "$hz") ns"
		figure+=" ($cycles cycles), pipe $(ns "$pipe_cycles" "$hz") ns ($pipe_cycles cycles)"
		linux_only+=("$figure")
	done
	if [ "$failed" = linux ]; then
		bench_error "could not measure the Linux guest under $accel"
	fi
done
for figure in "${linux_only[@]}"; do
	bench_error "$figure"
done
bench_error "no figure: ${wildebeest_problem:-the Linux guest failed under every accelerator ($accels)}"
exit 1
