#!/usr/bin/env bash
# System test: the busybox sh suite (tests/shell/*.sh: pipes, redirections,
# here-documents, subshells, jobs, traps, file and text utilities, tar, dd,
# permissions for uid 1000, timeout, date, ps, translators). Each script first
# runs on the host under Debian's busybox-static, which must pass it (Linux's
# behaviour is the expectation, and gives the list of checks); then the herd
# boots as `make run` boots it, with the test tree (build/shell/test-root.tar:
# the image plus /test/shell) and init = `busybox sh /test/shell/run.sh`, and every host check must pass in the guest
# too, unless tests/shell/todo.list names it with the missing feature. TCG
# with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

B=build
BUSYBOX=${WB_BUSYBOX:-/bin/busybox}
RUN_AS=$(realpath "${WB_SHELL_RUN_AS:-$B/shell/run_as}")
ARCHIVE=${WB_SHELL_ARCHIVE:-$B/shell/test-root.tar}
SCRIPTS=${WB_SHELL_SCRIPTS:-io status jobs files text perms archive misc hurd}
TODO_LIST=tests/shell/todo.list
# The default, "herd", boots the herd as `make run` does (image.t: quiet, term
# on COM1 with the serial driver's --console, pipe and password at /servers,
# the exec server at init port slot 6, init run.sh). WB_SHELL_BOOT=modules has
# the first bootstrap run proc, auth, exec, tmpfs and pipe and then busybox as
# boot modules, reaching the servers through its registry.
BOOT=${WB_SHELL_BOOT:-herd}
# boot_modules SCRIPT...: the boot modules (in MODULES) and kernel command line
# (in COMMAND_LINE) of a boot that runs those scripts.
boot_modules()
{
	local run="/test/shell/run.sh $*"
	case "$BOOT" in
	modules)
		MODULES=("$B/bootstrap/bootstrap.elf" "$B/emul/emul.elf" "$B/servers/proc/proc"
			"$B/servers/auth/auth" "$B/servers/exec/exec"
			"$B/translators/tmpfs --archive=$ARCHIVE" "$ARCHIVE" "$B/servers/pipe/pipe"
			"$BUSYBOX sh $run")
		COMMAND_LINE="debug-exit"
		;;
	*)
		herd_modules "--herd --quiet init=/bin/busybox sh $run" "$ARCHIVE" --console
		MODULES=("${HERD_MODULES[@]}")
		COMMAND_LINE="debug-exit quiet"
		;;
	esac
}

# The scripts each boot runs: in `make check` the two boots share them out
# (each takes ~70-95 s under TCG); WB_SHELL_FULL=1 runs every script under
# both CPU counts.
if [ -n "${WB_SHELL_FULL:-}" ] || [ -n "${WB_SHELL_SCRIPTS:-}" ]; then
	SCRIPTS_SMP1=$SCRIPTS
	SCRIPTS_SMP2=$SCRIPTS
else
	SCRIPTS_SMP1="io files text misc hurd"
	SCRIPTS_SMP2="status jobs perms archive"
fi
mkdir -p "$WB_TEST_TMP"

# shell_results FILE: "RESULT<TAB>DESCRIPTION" for each TAP line of FILE
# (RESULT ok, not-ok or skip), carriage returns dropped.
shell_results()
{
	tr -d '\r' <"$1" | sed -n \
		-e 's/^ok [0-9]* - \(.*\) # SKIP .*$/skip\t\1/p' \
		-e '/ # SKIP /!s/^ok [0-9]* - \(.*\)$/ok\t\1/p' \
		-e 's/^not ok [0-9]* - \(.*\)$/not-ok\t\1/p'
}

# todo_reason SCRIPT DESCRIPTION: the reason todo.list gives (a line
# "SCRIPT<TAB>DESCRIPTION-PATTERN<TAB>REASON", shell patterns; a check that
# did not run is looked up as "did not run: DESCRIPTION"), or nothing.
todo_reason()
{
	local script pattern reason
	while IFS=$'\t' read -r script pattern reason; do
		case "$script" in '#'* | '') continue ;; esac
		# shellcheck disable=SC2053
		if [[ $1 == $script && $2 == $pattern ]]; then
			echo "$reason"
			return
		fi
	done <"$TODO_LIST"
}

# The host's runs (in the background, while the first guest boots): every
# script under Debian's busybox on Linux, its TAP and exit status kept.
host_run()
{
	local script out
	for script in $SCRIPTS; do
		out="$WB_TEST_TMP/shell-host-$script.tap"
		WB_RUN_AS=$RUN_AS WB_BUSYBOX=$BUSYBOX "$BUSYBOX" sh "tests/shell/$script.sh" \
			>"$out" 2>"$out.stderr" </dev/null
		echo $? >"$out.status"
	done
}

# 1. On the host: every script passes under Debian's busybox on Linux, and
# its checks are the list the guest must match.
declare -A host_checks
host_report()
{
	local script out status result description duplicates
	for script in $SCRIPTS; do
		out="$WB_TEST_TMP/shell-host-$script.tap"
		status=$(cat "$out.status" 2>/dev/null || echo none)
		host_checks[$script]=$(shell_results "$out" | cut -f2)
		while IFS=$'\t' read -r result description; do
			case "$result" in
			ok) tap_ok 0 "[host busybox] $script: $description" ;;
			skip) tap_ok 0 "[host busybox] $script: $description # SKIP not on Linux" ;;
			*) tap_ok 1 "[host busybox] $script: $description" ;;
			esac
		done < <(shell_results "$out")
		[ "$status" = 0 ] && tr -d '\r' <"$out" | grep -q '^1\.\.[0-9]'
		tap_ok $? "[host busybox] $script.sh ran to its plan and exited 0 ($status)"
		[ "$status" = 0 ] || tap_diag "$out"
		duplicates=$(echo "${host_checks[$script]}" | sort | uniq -d)
		[ -z "$duplicates" ]
		tap_ok $? "[host busybox] $script.sh's checks have distinct names ($duplicates)"
	done
}

# guest_boot ACCEL SMP SCRIPT...: one boot running those scripts; its log is
# $WB_TEST_TMP/shell-ACCEL-smpSMP.log, QEMU's status in boot_status.
guest_boot()
{
	local accel=$1 smp=$2
	shift 2
	boot_modules "$@"
	system_boot_with_command_line shell "$accel" "$smp" 600 "$COMMAND_LINE" "${MODULES[@]}"
}

# 2. In the guest: the same checks, by name. guest_report ACCEL SMP SCRIPT...
guest_report()
{
	local accel=$1 smp=$2 label="shell $1 smp$2" accel_todo screen script section
	local result description todo key reason
	shift 2
	accel_todo=$(wb_todo_for "$accel")
	screen="$WB_TEST_TMP/shell-$accel-smp$smp.log"
	for script in "$@"; do
		section="$WB_TEST_TMP/shell-$accel-smp$smp-$script.tap"
		tr -d '\r' <"$screen" | sed -n "/^# begin $script\$/,/^# end $script status/p" >"$section"
		declare -A guest=()
		while IFS=$'\t' read -r result description; do
			guest[$description]=$result
		done < <(shell_results "$section")
		while IFS= read -r description; do
			[ -n "$description" ] || continue
			result=${guest[$description]:-missing}
			todo=$accel_todo
			if [ "$result" != ok ] && [ "$result" != skip ] && [ -z "$todo" ]; then
				key=$description
				[ "$result" = missing ] && key="did not run: $description"
				reason=$(todo_reason "$script" "$key")
				[ -n "$reason" ] && todo=" # TODO $reason"
			fi
			case "$result" in
			ok) tap_ok 0 "[$label] $script: $description$todo" ;;
			skip) tap_ok 0 "[$label] $script: $description # SKIP in the guest" ;;
			missing) tap_ok_todo 1 "[$label] $script: $description (did not run)" "$todo" ;;
			*) tap_ok_todo 1 "[$label] $script: $description" "$todo" ;;
			esac
		done <<<"${host_checks[$script]}"
		unset guest
	done
	! grep -q '^panic:' "$screen"
	tap_ok_todo $? "[$label] the kernel did not panic" "$accel_todo"
	tr -d '\r' <"$screen" | grep -q '^# shell suite done$'
	tap_ok_todo $? "[$label] the suite ran to its end" "$accel_todo"
	[ "$boot_status" -eq "$WB_EXIT_PASS" ]
	tap_ok_todo $? "[$label] the machine powered off cleanly after the suite (QEMU status $boot_status)" \
		"$accel_todo"
	if ! tr -d '\r' <"$screen" | grep -q '^# shell suite done$'; then
		echo "# the guest's terminal and console (COM1):"
		tap_diag "$screen" | tail -60
	fi
}

# The host's runs go on beside the first boot. The two boots run one after
# the other: side by side, the slower guests lost a command substitution's
# last output more often (README: a pipe read a signal interrupts just as its
# answer arrives loses that answer).
host_run &
host_pid=$!
first=1
for accel in $(wb_accels); do
	# shellcheck disable=SC2086
	guest_boot "$accel" 1 $SCRIPTS_SMP1
	if [ -n "$first" ]; then
		wait "$host_pid"
		host_report
		first=
	fi
	# shellcheck disable=SC2086
	guest_report "$accel" 1 $SCRIPTS_SMP1
	# shellcheck disable=SC2086
	guest_boot "$accel" 2 $SCRIPTS_SMP2
	# shellcheck disable=SC2086
	guest_report "$accel" 2 $SCRIPTS_SMP2
done
tap_done
