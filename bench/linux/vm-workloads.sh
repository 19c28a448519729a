#!/bin/sh
# /bench/vm of the Linux baseline guest, installed there by bench/vm.sh: runs the three VM
# baselines (bench/linux/vm_*.c) in one boot and fails when any of them failed.
status=0
for workload in vm_zero_fill vm_pipe_1mib vm_tmpfs_read; do
	if ! "/bench/$workload"; then
		echo "bench: linux $workload failed"
		status=1
	fi
done
exit "$status"
