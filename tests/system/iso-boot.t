#!/usr/bin/env bash
# System test: the CD image of `make iso` boots through SeaBIOS and GRUB to the kernel banner,
# and a test copy with debug-exit (same mk/mkiso.sh) powers off with pass under each accelerator.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/qemu.sh

build=${WB_BUILD:-build}
iso=$build/wildebeest.iso
work=$build/tests/iso-boot
release=$work/release
test_iso=$work/wildebeest-debug-exit.iso
# SeaBIOS and GRUB reading the CD: ~0.5 s under TCG, but ~40 s under this project's nested
# KVM, which runs the firmware's and GRUB's real-mode code slowly.
limit=${WB_ISO_TIMEOUT:-120}

if [ ! -f "$iso" ]; then
	echo "1..0 # SKIP no $iso (make iso)"
	exit 0
fi
mkdir -p "$work"
[ -d "$release" ] && chmod -R u+w "$release"
rm -rf "$release"

# The released image's /boot: kernel, modules and grub.cfg.
xorriso -osirrox on -indev "$iso" -extract /boot "$release" >"$work/extract.log" 2>&1
tap_ok $? "$iso holds a /boot tree"
release_cfg=$release/grub/grub.cfg
touch "$release_cfg" 2>/dev/null
tap_like "$release_cfg" '^[[:space:]]*multiboot /boot/wildebeest' "grub.cfg boots the kernel with multiboot"
! grep -q 'debug-exit' "$release_cfg"
tap_ok $? "the released image is for real PCs: no debug-exit on its command lines"

# The same kernel and modules, with the same arguments, plus debug-exit for the kernel.
modules=()
while read -r name args; do
	modules+=("$release/$name${args:+ $args}")
done < <(sed -nE 's|^[[:space:]]*module /boot/([^ ]+) [^ ]+ ?(.*)$|\1 \2|p' "$release_cfg")
mk/mkiso.sh -a debug-exit "$test_iso" "$release/wildebeest" "${modules[@]}" >"$work/mkiso.log" 2>&1
status=$?
tap_ok $status "mk/mkiso.sh builds a test image of it with debug-exit (${#modules[@]} modules)"
if [ $status -ne 0 ]; then
	tap_diag "$work/mkiso.log"
	tap_done
	exit
fi

# QEMU options of an accelerator without the -bios firmware: qboot cannot boot CDs.
cd_accel_args()
{
	local argument skip=0 kept=()
	for argument in $(wb_accel_args "$1"); do
		if [ $skip -eq 1 ]; then
			skip=0
		elif [ "$argument" = -bios ]; then
			skip=1
		else
			kept+=("$argument")
		fi
	done
	echo "${kept[*]}"
}

for accel in $(wb_accels); do
	log=$work/$accel.log
	rm -f "$log" "$log.qemu" "$log.text"
	args=$(cd_accel_args "$accel")
	# shellcheck disable=SC2086
	timeout -k 5 "$limit" qemu-system-x86_64 $args -M pc -smp 1 -m "${WB_MEM:-256M}" \
		-display none -monitor none -no-reboot -serial "file:$log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$test_iso" -boot d \
		</dev/null >>"$log.qemu" 2>&1
	status=$?
	# GRUB's terminal escapes and carriage returns would hide the start of the banner line.
	touch "$log"
	sed -e 's/\r//g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$log" >"$log.text"
	tap_like "$log.text" '^Wildebeest' "$accel: GRUB boots the kernel from the CD to its banner"
	tap_is "$status" "$WB_EXIT_PASS" "$accel: the bootstrap module powers off with pass"
	if [ "$status" -ne "$WB_EXIT_PASS" ]; then
		tap_diag "$log.text"
		[ -s "$log.qemu" ] && tap_diag "$log.qemu"
	fi
done
tap_done
