# busybox sh suite: background jobs and wait (and wait $pid's status), trap
# (EXIT, INT sent with kill -INT $$, a trap in a background job) and kill.
# Prints TAP.
wb_dir=${0%/*}
[ "$wb_dir" = "$0" ] && wb_dir=.
. "$wb_dir/lib.sh"
scratch

(sleep 1; echo done >bg-out) &
bg=$!
[ -n "$bg" ] && [ "$bg" != "$$" ]
ok $? "\$! is the background job's pid, not the shell's"
is "$(cat bg-out 2>/dev/null)" "" "the shell went on while the job runs"
wait
is "$(cat bg-out)" done "wait waits for the background job"
(exit 3) &
p3=$!
(exit 4) &
p4=$!
wait $p4
is $? 4 "wait \$pid gives that job's exit status"
wait $p3
is $? 3 "... also for a job that ended first"
sh -c 'kill -TERM $$' &
wait $!
is $? 143 "wait \$pid of a job killed by SIGTERM is 128+15"
for i in 1 2 3 4 5; do echo $i >job-$i & done
wait
is "$(cat job-1 job-2 job-3 job-4 job-5 | tr -d '\n')" 12345 "five background jobs all ran"

is "$(sh -c 'trap "echo bye" EXIT; echo hi')" "hi
bye" "trap on EXIT runs when the shell ends"
is "$(sh -c 'trap "echo bye" EXIT; exit 3')" bye "... also on exit N"
sh -c 'trap "exit 9" EXIT; exit 3'
is $? 9 "an exit in the EXIT trap sets the status"
is "$(sh -c 'trap "echo caught-int" INT; kill -INT $$; echo after')" "caught-int
after" "trap on INT catches kill -INT \$\$, and the shell goes on"
sh -c 'kill -INT $$; echo not-here'
is $? 130 "without a trap, kill -INT \$\$ ends the shell with 130"
is "$(sh -c 'trap "" INT; kill -INT $$; echo ignored')" ignored "trap '' INT ignores the signal"
is "$(sh -c 'trap "echo usr1" USR1; trap - USR1; trap "echo t" TERM; kill -TERM $$')" t "trap - resets; the TERM trap runs"

sh -c 'trap "echo got-term >trapped; exit 0" TERM; touch started; while :; do sleep 1; done' &
job=$!
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -e started ] && break
	sleep 1
done
kill -TERM $job
wait $job
is $? 0 "a background job's TERM trap ran and exited 0"
is "$(cat trapped)" got-term "... and wrote its file"
sleep 30 &
sl=$!
kill $sl
wait $sl
is $? 143 "kill ends a background sleep (status 143)"
kill -0 $$
is $? 0 "kill -0 \$\$: the shell exists"
kill -0 99999 2>/dev/null
is $? 1 "kill -0 of a pid that does not exist fails"
is "$(kill -l 15)" TERM "kill -l names signal 15"
finish
