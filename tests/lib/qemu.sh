# Boots Wildebeest (or any multiboot/Linux kernel) in QEMU for tests and benchmarks.
# Source it; every boot has a timeout and the guest's verdict is QEMU's exit status.

# The guest powers off through QEMU's isa-debug-exit device at port 0xf4:
# writing V makes QEMU exit with status (V << 1) | 1.
WB_EXIT_PASS=33  # guest wrote 0x10: every check passed
WB_EXIT_FAIL=35  # guest wrote 0x11: a check failed
WB_EXIT_PANIC=37 # guest wrote 0x12: the kernel panicked
WB_EXIT_TIMEOUT=124

# Prints the accelerators to test with: "kvm tcg" when /dev/kvm is usable, else "tcg".
# WB_ACCEL=kvm|tcg forces one.
wb_accels()
{
	if [ -n "${WB_ACCEL:-}" ]; then
		echo "$WB_ACCEL"
	elif [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		echo "kvm tcg"
	else
		echo "tcg"
	fi
}

# Prints QEMU's options for an accelerator: KVM boots with qboot (fast firmware),
# TCG with QEMU's default firmware and the most capable emulated CPU. The host CPU
# minus arch-capabilities: nested KVM here refuses to set that MSR (QEMU aborts).
wb_accel_args()
{
	case "$1" in
	kvm) echo "-accel kvm -cpu host,-arch-capabilities -bios /usr/share/qemu/qboot.rom" ;;
	tcg) echo "-accel tcg -cpu max" ;;
	*) echo "wb_accel_args: unknown accelerator $1" >&2; return 1 ;;
	esac
}

# wb_boot ACCEL SMP TIMEOUT LOG KERNEL APPEND [MODULE...]
# Boots KERNEL with the multiboot modules given (each "path args"), serial console
# to LOG, and returns QEMU's exit status (124 when the timeout hit). WB_QEMU_ARGS
# adds options (a test's extra devices, such as a second serial port).
wb_boot()
{
	local accel=$1 smp=$2 limit=$3 log=$4 kernel=$5 append=$6
	shift 6
	local modules="" m
	for m in "$@"; do
		modules="${modules:+$modules,}${m//,/,,}"
	done
	local args
	args=$(wb_accel_args "$accel") || return 1
	# shellcheck disable=SC2086
	timeout -k 5 "$limit" qemu-system-x86_64 $args -M pc -smp "$smp" -m "${WB_MEM:-256M}" \
		-display none -monitor none -no-reboot -serial "file:$log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 ${WB_QEMU_ARGS:-} \
		-kernel "$kernel" -append "$append" ${modules:+-initrd "$modules"} \
		</dev/null >>"$log.qemu" 2>&1
}
