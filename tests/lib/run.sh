#!/usr/bin/env bash
# `make run`: boots the kernel with the given boot modules in QEMU, serial
# console on this terminal (Ctrl-A X quits QEMU). Usage: run.sh KERNEL MODULE...
# where a MODULE is a path, or "path arguments" (one word). WB_QEMU_ARGS adds
# QEMU options (make run's serial line and firmware), WB_APPEND the kernel's
# command line.
set -euo pipefail
. "$(dirname "$0")/qemu.sh"
kernel=$1
shift
modules=""
for m in "$@"; do # "path args" or a bare path, as given
	modules="${modules:+$modules,}${m//,/,,}"
done
accel=$(wb_accels | cut -d' ' -f1)
# shellcheck disable=SC2046
exec qemu-system-x86_64 $(wb_accel_args "$accel") -M pc -smp "${WB_SMP:-2}" -m "${WB_MEM:-256M}" \
	-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 ${WB_QEMU_ARGS:-} \
	-kernel "$kernel" ${WB_APPEND:+-append "$WB_APPEND"} ${modules:+-initrd "$modules"}
