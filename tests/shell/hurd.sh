# busybox sh suite: translators from the shell, Wildebeest only: settrans -a
# of hello on a file in a scratch directory, cat, showtrans, fsysopts
# (--contents) and settrans -g. Each check is skipped where there is no
# settrans (Linux). Prints TAP.
wb_dir=${0%/*}
[ "$wb_dir" = "$0" ] && wb_dir=.
. "$wb_dir/lib.sh"
scratch

CHECKS="settrans -ap starts hello on a file
cat reads the translator's contents
showtrans shows the passive record
fsysopts shows the running translator's options
fsysopts --contents changes them
cat reads the change
settrans -g makes the translator go away
cat reads the empty file underneath again
a passive record alone starts hello on the first lookup
settrans of a node that does not exist fails
settrans takes a node relative to the current directory"

if ! command -v settrans >/dev/null 2>&1; then
	echo "$CHECKS" | while IFS= read -r check; do
		skip "$check" "no settrans: not on Wildebeest"
	done
	# The pipe ran skip in a subshell: count here too.
	wb_n=$(echo "$CHECKS" | wc -l)
	finish
	exit
fi

: >node
node=$wb_scratch/node
settrans -ap "$node" /hurd/hello --contents=one
is $? 0 "settrans -ap starts hello on a file"
is "$(cat node)" one "cat reads the translator's contents"
is "$(showtrans "$node")" "/hurd/hello --contents=one" "showtrans shows the passive record"
is "$(fsysopts "$node")" "hello --contents=one" "fsysopts shows the running translator's options"
fsysopts "$node" --contents=two
is $? 0 "fsysopts --contents changes them"
is "$(cat node)" two "cat reads the change"
settrans -g "$node"
is $? 0 "settrans -g makes the translator go away"
is "$(cat node)" "" "cat reads the empty file underneath again"
: >passive
settrans "$wb_scratch/passive" /hurd/hello --contents=started-late
is "$(cat passive)" started-late "a passive record alone starts hello on the first lookup"
settrans "$wb_scratch/missing-node" /hurd/hello 2>/dev/null
is $? 1 "settrans of a node that does not exist fails"
: >relative
settrans relative /hurd/hello --contents=here 2>/dev/null
is "$(showtrans "$wb_scratch/relative" 2>/dev/null)" "/hurd/hello --contents=here" "settrans takes a node relative to the current directory"
finish
