# busybox sh suite: init of tests/system/shell.t's boot. Runs each script of
# /test/shell, each between "# begin NAME" and "# end NAME status N" lines.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export TMPDIR=/tmp
export WB_RUN_AS=/test/shell/run_as
cd /tmp || exit 1
for name in ${WB_SHELL_SCRIPTS:-io status jobs files text perms archive misc hurd}; do
	echo "# begin $name"
	/bin/busybox sh "/test/shell/$name.sh" 2>&1
	echo "# end $name status $?"
done
echo "# shell suite done"
