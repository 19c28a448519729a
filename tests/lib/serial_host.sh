# COM2's far end for system tests that type on a terminal (serial_host.pl playing
# a script on a QEMU socket) and its verdicts as TAP; source after system.sh.

# serial_host_start NAME ACCEL SMP SCRIPT SECONDS: exports WB_QEMU_ARGS with
# COM2 on a socket in $WB_TEST_TMP and starts the player of SCRIPT on it in the
# background for at most SECONDS; sets host (its pid) and host_log.
serial_host_start()
{
	local name=$1 accel=$2 smp=$3 script=$4 seconds=$5
	mkdir -p "$WB_TEST_TMP"
	local socket="$WB_TEST_TMP/$name-$accel-$smp.sock"
	host_log="$WB_TEST_TMP/$name-$accel-$smp.host"
	rm -f "$socket"
	export WB_QEMU_ARGS="-chardev socket,id=com2,path=$socket,server=on,wait=off -serial chardev:com2"
	perl tests/system/serial_host.pl "$socket" "$script" "$seconds" >"$host_log" 2>&1 &
	host=$!
}

# serial_host_report LABEL TODO: waits for the player's end, then one TAP line
# for each of its "host: ok - ..." and "host: not ok - ..." lines.
serial_host_report()
{
	local label=$1 todo=$2 line
	wait "$host"
	while IFS= read -r line; do
		case "$line" in
		"host: ok - "*) tap_ok_todo 0 "[$label] COM2: ${line#host: ok - }" "$todo" ;;
		"host: not ok - "*) tap_ok_todo 1 "[$label] COM2: ${line#host: not ok - }" "$todo" ;;
		esac
	done <"$host_log"
}

# serial_host_boot NAME ACCEL SMP SCRIPT PLAYER_SECONDS BOOT_SECONDS VERDICT
# MODULE...: one boot of a COM2 test: sets label ("NAME ACCEL smpSMP") and todo,
# starts the player, boots (system_boot), reports the boot's outcome against
# VERDICT ($WB_EXIT_PASS or $WB_EXIT_FAIL) and the player's verdicts.
serial_host_boot()
{
	local name=$1 accel=$2 smp=$3 script=$4 player=$5 limit=$6 verdict=$7
	shift 7
	label="$name $accel smp$smp"
	todo=$(wb_todo_for "$accel")
	serial_host_start "$name" "$accel" "$smp" "$script" "$player"
	system_boot "$name" "$accel" "$smp" "$limit" "$@"
	system_report "$label" "$accel" "$verdict"
	serial_host_report "$label" "$todo"
}
