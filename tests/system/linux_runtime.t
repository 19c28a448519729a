#!/usr/bin/env bash
# System test: the process-runtime program (tests/linux/runtime_test: 1 GiB
# through malloc, 8 pthreads on mutexes and condition variables, __thread
# values, CLOCK_MONOTONIC, nanosleep within 10 ms, getrandom) and the edge
# cases of the same calls (tests/linux/thread_edges.c: futex errors, bad
# pointers, a robust mutex whose owner died, the last thread's exit status),
# unmodified static glibc, on the emulator under every accelerator with 1 and
# 2 CPUs: their TAP lines, and their exit statuses reaching the bootstrap.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

PROGRAM=${WB_RUNTIME_TEST:-build/linux/runtime_test}
EDGES=${WB_LINUX:-build/linux}/thread_edges
THREAD_CALLS='futex|clone|clone3|exit|set_tid_address|set_robust_list|get_robust_list|rseq|gettid'
THREAD_CALLS+='|clock_[a-z]+|gettimeofday|time|nanosleep|getrandom|sched_[a-z]+'

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="runtime $accel smp$smp"
		WB_MEM=512M system_boot linux-runtime "$accel" "$smp" 300 \
			build/bootstrap/bootstrap.elf build/emul/emul.elf "$PROGRAM" "$EDGES"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		tr -d '\r' <"$boot_log" | grep -q "^bootstrap: $PROGRAM exited with status 0$"
		tap_ok_todo $? "[$label] the program's exit status 0 reached the bootstrap" \
			"$(wb_todo_for "$accel")"
		tr -d '\r' <"$boot_log" | grep -q "^bootstrap: $EDGES exited with status 5$"
		tap_ok_todo $? "[$label] thread_edges' last thread's status 5 reached the bootstrap" \
			"$(wb_todo_for "$accel")"
		# Calls of other parts of the emulator (files) may still be missing; none
		# of the thread, futex, time, randomness and scheduling ones may be.
		! tr -d '\r' <"$boot_log" | grep -Eq "unimplemented system call ($THREAD_CALLS) "
		tap_ok_todo $? "[$label] no thread, futex, clock, sleep or random call was unimplemented" \
			"$(wb_todo_for "$accel")"
	done
done
tap_done
