# Boots the Linux baseline guest (Debian's kernel + bench initramfs) in the same QEMU
# configuration as tests/lib/qemu.sh's wb_boot. Source it after tests/lib/qemu.sh.

# Options that only make the guest kernel boot faster: serial, no hardware Linux
# would probe for in vain, no TSC watchdog (QEMU's TSC is stable).
WB_LINUX_APPEND="console=ttyS0 quiet panic=-1 tsc=reliable no_timer_check"
WB_LINUX_APPEND+=" i8042.noaux i8042.nokbd i8042.nopnp"

# Prints the newest /boot/vmlinuz-* (WB_LINUX_KERNEL overrides); fails when there is none.
wb_linux_kernel()
{
	if [ -n "${WB_LINUX_KERNEL:-}" ]; then
		echo "$WB_LINUX_KERNEL"
		return
	fi
	local newest
	newest=$(find /boot -maxdepth 1 -name 'vmlinuz-*' -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$newest" ]; then
		echo "wb_linux_kernel: no /boot/vmlinuz-* (install linux-image-amd64)" >&2
		return 1
	fi
	echo "/boot/$newest"
}

# Prints the initramfs path bench/linux/build-initramfs.sh writes.
wb_linux_initramfs()
{
	echo "${WB_BUILD:-build}/bench/linux/initramfs.cpio"
}

# wb_linux_boot ACCEL SMP TIMEOUT LOG [PARAM...]
# Boots the Linux guest with the kernel parameters given (e.g. wb.bench=NAME) added,
# serial console to LOG, and returns QEMU's exit status (33 when /init passed).
wb_linux_boot()
{
	local accel=$1 smp=$2 limit=$3 log=$4
	shift 4
	local kernel initramfs args
	kernel=$(wb_linux_kernel) || return 1
	initramfs=$(wb_linux_initramfs)
	if [ ! -r "$initramfs" ]; then
		echo "wb_linux_boot: no $initramfs (run bench/linux/build-initramfs.sh)" >&2
		return 1
	fi
	args=$(wb_accel_args "$accel") || return 1
	# shellcheck disable=SC2086
	timeout -k 5 "$limit" qemu-system-x86_64 $args -M pc -smp "$smp" -m "${WB_MEM:-256M}" \
		-display none -monitor none -no-reboot -serial "file:$log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$kernel" -initrd "$initramfs" -append "$WB_LINUX_APPEND${*:+ $*}" \
		</dev/null >>"$log.qemu" 2>&1
}
