# A system test of one static glibc program that prints its own checks:
# source after tap.sh, qemu.sh and system.sh, then call
#   linux_program_test NAME PROGRAM CHECKS
# which boots it under every accelerator with 1 and 2 CPUs and asserts its TAP
# lines, that all CHECKS of them passed, and its exit status 0.
linux_program_test()
{
	local name=$1 program=$2 checks=$3 accel smp label count
	for accel in $(wb_accels); do
		for smp in 1 2; do
			label="$name $accel smp$smp"
			system_boot "$name" "$accel" "$smp" 240 \
				build/bootstrap/bootstrap.elf build/emul/emul.elf "$program"
			system_report "$label" "$accel" "$WB_EXIT_PASS"
			count=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
			[ "$count" -eq "$checks" ]
			tap_ok_todo $? "[$label] all $checks checks of the program passed ($count)" \
				"$(wb_todo_for "$accel")"
			system_expect_line "$accel" "$label" "the program's exit status 0 reached the bootstrap" \
				"^bootstrap: $program exited with status 0$"
		done
	done
}
