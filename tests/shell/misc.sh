# busybox sh suite: sleep and timeout, date (+FORMAT, -d @N) and ps (the
# shell itself and a background sleep; busybox ps reads /proc). Prints TAP.
wb_dir=${0%/*}
[ "$wb_dir" = "$0" ] && wb_dir=.
. "$wb_dir/lib.sh"
scratch

start=$(date +%s)
sleep 2
end=$(date +%s)
[ $((end - start)) -ge 1 ] && [ $((end - start)) -lt 60 ]
ok $? "sleep 2 takes about two seconds by date +%s"
timeout 1 sleep 10 2>/dev/null
is $? 143 "timeout 1 sleep 10 kills the sleep: status 143 (128+SIGTERM)"
timeout 10 true
is $? 0 "timeout 10 true: the command's own status"
timeout 10 sh -c 'exit 5'
is $? 5 "timeout passes on a nonzero status"
timeout -s INT 1 sleep 10 2>/dev/null
is $? 130 "timeout -s INT: status 130"
sleep 0.2
is $? 0 "sleep takes fractions of a second"

year=$(date +%Y)
case $year in 20[0-9][0-9]) r=0 ;; *) r=1 ;; esac
ok $r "date +%Y is a year of this century"
is "$(date -u -d @86400 +%Y-%m-%d)" 1970-01-02 "date -u -d @86400 +%Y-%m-%d"
is "$(date -u -d @0 '+%H:%M:%S %a')" "00:00:00 Thu" "date +'%H:%M:%S %a' of the epoch"

# Wildebeest: the image's init attaches procfs to /proc; this suite's boot
# runs no such init, so the script attaches it (as root) when /proc is not
# served yet, and waits up to ~10 s for it; it stops it at the end (a
# boot-module shell's boot ends only when all its descendants have).
procfs=
if [ ! -e /proc/uptime ] && [ -x /hurd/procfs ]; then
	/hurd/procfs /proc &
	procfs=$!
	for try in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		[ -e /proc/uptime ] && break
		sleep 0.5
	done
fi

sleep 30 &
sleeper=$!
# Until the child has exec'd sleep (ps shows it), within ~5 s.
for try in 1 2 3 4 5 6 7 8 9 10; do
	ps >ps-out 2>&1
	ps_status=$?
	awk -v p=$sleeper '$1 == p' ps-out | grep -q 'sleep 30' && break
	sleep 0.5
done
is $ps_status 0 "ps runs"
awk -v p=$$ '$1 == p' ps-out | grep -q sh
ok $? "ps sees the shell itself"
awk -v p=$sleeper '$1 == p' ps-out | grep -q 'sleep 30'
ok $? "ps sees the background sleep 30"
kill $sleeper
wait $sleeper 2>/dev/null
if [ -n "$procfs" ]; then
	kill "$procfs"
	wait "$procfs" 2>/dev/null
fi
finish
