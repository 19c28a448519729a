# /proc in the image (tests/system/procfs.t boots it as init with busybox sh):
# procfs attached as init attaches it, then ps, /proc/PID/{stat,status,
# cmdline,comm} of a known child, /proc/self, a vanished pid, refused writes,
# the system files, and prctl_test. One "tap: ok - ..." line per check.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
failed=0
check()
{
	if [ "$1" -eq 0 ]; then
		echo "tap: ok - $2"
	else
		echo "tap: not ok - $2"
		failed=1
	fi
}
wait_for()
{
	for try in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		[ -e "$1" ] && return 0
		sleep 0.5
	done
	return 1
}

/hurd/procfs /proc &
procfs=$!
wait_for /proc/uptime
check $? "procfs attaches itself to /proc"

cd /tmp || exit 1
sleep 600 &
child=$!
for try in 1 2 3 4 5 6 7 8 9 10; do
	grep -q sleep "/proc/$child/cmdline" 2>/dev/null && break
	sleep 0.5
done

ps >ps-out 2>&1
check $? "ps runs"
awk -v p=$$ '$1 == p' ps-out | grep -q sh
check $? "ps lists this shell ($$) with sh"
awk -v p=$child '$1 == p' ps-out | grep -q 'sleep 600'
check $? "ps lists the child $child as sleep 600"
awk -v p=$procfs '$1 == p' ps-out | grep -q 'procfs /proc'
check $? "ps lists procfs itself"
ps -o pid,ppid,stat,comm >ps-o-out 2>&1
awk -v p=$child -v pp=$$ '$1 == p && $2 == pp && $3 ~ /^S/ && $4 == "sleep"' ps-o-out | grep -q .
check $? "ps -o pid,ppid,stat,comm shows the child's pid, parent, state and name"
cat ps-out ps-o-out | sed 's/^/# /'

read -r pid comm state ppid pgrp rest <"/proc/$child/stat"
[ "$pid" = "$child" ] && [ "$comm" = "(sleep)" ] && [ "$state" = S ] && [ "$ppid" = $$ ]
check $? "/proc/$child/stat: pid, (comm), state, ppid ($pid $comm $state $ppid)"
[ "$(echo "$rest" | wc -w)" -ge 40 ]
check $? "/proc/$child/stat has Linux's fields ($(echo "$rest" | wc -w) after pgrp)"
[ "$(tr '\0' ' ' <"/proc/$child/cmdline")" = "sleep 600 " ]
check $? "/proc/$child/cmdline is the argv, NUL-separated"
[ "$(cat "/proc/$child/comm")" = sleep ]
check $? "/proc/$child/comm is sleep"
grep -q "^PPid:	$$\$" "/proc/$child/status" && grep -q '^Name:	sleep$' "/proc/$child/status" &&
	grep -q '^Uid:	0	' "/proc/$child/status"
check $? "/proc/$child/status: Name, PPid, Uid"
ls /proc >ls-out
grep -qx "$child" ls-out && grep -qx 1 ls-out && grep -qx uptime ls-out
check $? "ls /proc lists the pids and the system files"

self=$(sh -c 'read -r pid rest </proc/self/stat; [ "$pid" = $$ ] && echo same')
[ "$self" = same ]
check $? "/proc/self/stat read by a shell is that shell's"
link=$(readlink /proc/self)
case "$link" in '' | *[!0-9]*) r=1 ;; *) [ "$link" != $$ ]; r=$? ;; esac
check $r "readlink /proc/self is the reader's pid ($link), not its parent's"

kill "$child"
wait "$child" 2>/dev/null
[ ! -e "/proc/$child" ] && ! cat "/proc/$child/stat" 2>/dev/null
check $? "a vanished pid's directory is gone (ENOENT)"
cat "/proc/$child/stat" 2>&1 | grep -q 'No such file'
check $? "reading a vanished pid's stat says No such file"

! (echo x >"/proc/$$/stat") 2>/dev/null
check $? "writing /proc/PID/stat fails"
(echo x >"/proc/$$/stat") 2>&1 | grep -q -i 'read-only'
check $? "as root the write is EROFS (Read-only file system)"
! touch /proc/new-file 2>/dev/null
check $? "creating a file in /proc fails"

grep -Eq '^[0-9]+\.[0-9][0-9] [0-9]+\.[0-9][0-9]$' /proc/uptime
check $? "/proc/uptime ($(cat /proc/uptime))"
total=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
[ "${total:-0}" -gt 16384 ]
check $? "/proc/meminfo's MemTotal (${total:-none} kB)"
grep -Eq '^0.00 0.00 0.00 1/[0-9]+ [0-9]+$' /proc/loadavg
check $? "/proc/loadavg ($(cat /proc/loadavg))"

/test/prctl_test
check $? "prctl_test passes"

echo "procfs_test: done"
exit $failed
