# busybox sh suite: what tests/system/shell.t's boot runs (sh run.sh [NAME...]):
# each script of /test/shell named (all by default) between "# begin NAME" and
# "# end NAME status N" lines, then "# shell suite done". Input is /dev/null,
# as on the host (a terminal would make rm ask before removing a read-only file).
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export TMPDIR=/tmp
export WB_RUN_AS=/test/shell/run_as
cd /tmp || exit 1
[ $# -gt 0 ] || set -- io status jobs files text perms archive misc hurd
for name in "$@"; do
	echo "# begin $name"
	/bin/busybox sh "/test/shell/$name.sh" </dev/null 2>&1
	echo "# end $name status $?"
done
echo "# shell suite done"
