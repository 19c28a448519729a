# The system-test harness: boots the kernel with a set of boot modules under each
# accelerator and CPU count, and turns the guest's "tap: ok - ..." lines and the
# boot's outcome into numbered TAP. Source it after tap.sh and qemu.sh.

WB_KERNEL=${WB_KERNEL:-build/kernel/wildebeest}
WB_GUEST=${WB_GUEST:-build/guest}
WB_TEST_TMP=${WB_TEST_TMP:-build/tests}

# Known defect, kept visible: under the nested KVM of the project's machines the
# first `syscall` from user mode arrives at the kernel's entry point still in
# user mode (CPL 3), so every user task faults; TCG runs correctly. Checks of a
# KVM boot are reported as TODO until that is understood (see the issue notes).
wb_todo_for()
{
	case "$1" in
	kvm) echo " # TODO syscall entry under nested KVM faults in user mode" ;;
	*) echo "" ;;
	esac
}

# system_boot NAME ACCEL SMP TIMEOUT MODULE...: boots, leaves the serial log in
# $WB_TEST_TMP/NAME-ACCEL-SMP.log, sets boot_status and boot_log.
system_boot()
{
	local name=$1 accel=$2 smp=$3 limit=$4
	shift 4
	system_boot_with_command_line "$name" "$accel" "$smp" "$limit" "debug-exit" "$@"
}

# system_boot_with_command_line NAME ACCEL SMP TIMEOUT APPEND MODULE...:
# system_boot with a kernel command line of the caller's.
system_boot_with_command_line()
{
	local name=$1 accel=$2 smp=$3 limit=$4 append=$5
	shift 5
	mkdir -p "$WB_TEST_TMP"
	boot_log="$WB_TEST_TMP/$name-$accel-smp$smp.log"
	rm -f "$boot_log" "$boot_log.qemu"
	boot_status=0
	wb_boot "$accel" "$smp" "$limit" "$boot_log" "$WB_KERNEL" "$append" "$@" || boot_status=$?
	touch "$boot_log"
}

# herd_modules BOOTSTRAP-ARGS ARCHIVE [SERIAL-ARGS]: the boot modules of the
# image's herd as `make run` boots it (the bootstrap with those arguments, the
# emulator, auth, exec, tmpfs with ARCHIVE as root, proc, pipe, password, the
# serial driver, term), in the array HERD_MODULES.
herd_modules()
{
	local build=build serial_args=${3:-}
	HERD_MODULES=("$build/bootstrap/bootstrap.elf $1" "$build/emul/emul.elf"
		"$build/servers/auth/auth" "$build/servers/exec/exec"
		"$build/translators/tmpfs --archive=$2" "$2" "$build/servers/proc/proc"
		"$build/servers/pipe/pipe" "$build/servers/password/password"
		"$build/drivers/serial/serial${serial_args:+ $serial_args}" "$build/servers/term/term")
}

# system_report LABEL ACCEL EXPECTED-STATUS: one TAP line per guest check, then
# the boot's own checks (no panic, the verdict as QEMU's exit status).
system_report()
{
	local label=$1 accel=$2 expected=$3 todo line
	todo=$(wb_todo_for "$accel")
	local guest_checks=0
	while IFS= read -r line; do
		line=${line%$'\r'}
		case "$line" in
		"tap: ok - "*)
			guest_checks=$((guest_checks + 1))
			tap_ok 0 "[$label] ${line#tap: ok - }$todo"
			;;
		"tap: not ok - "*)
			guest_checks=$((guest_checks + 1))
			tap_ok_todo 1 "[$label] ${line#tap: not ok - }" "$todo"
			;;
		esac
	done <"$boot_log"
	! grep -q '^panic:' "$boot_log"
	tap_ok_todo $? "[$label] the kernel did not panic" "$todo"
	[ "$boot_status" -eq "$expected" ]
	tap_ok_todo $? "[$label] the guest powered off with status $expected (got $boot_status)" "$todo"
	if [ "$boot_status" -ne "$expected" ] || grep -q "^tap: not ok" "$boot_log"; then
		tap_diag "$boot_log"
	fi
}

# tap_ok_todo STATUS DESCRIPTION TODO-SUFFIX: tap_ok, where a failure marked TODO
# does not count against the run.
tap_ok_todo()
{
	if [ -n "$3" ] && [ "$1" -ne 0 ]; then
		tap_count=$((tap_count + 1))
		echo "not ok $tap_count - $2$3"
	else
		tap_ok "$1" "$2$3"
	fi
}

# system_expect_line ACCEL LABEL DESCRIPTION EXTENDED-REGEX: one TAP line, ok
# when a line of the last boot's console log (carriage returns dropped)
# matches the regex; TODO under an accelerator with a known defect.
system_expect_line()
{
	tr -d '\r' <"$boot_log" | grep -Eq "$4"
	tap_ok_todo $? "[$2] $3" "$(wb_todo_for "$1")"
}
