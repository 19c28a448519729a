# TAP helpers for the busybox sh suite (tests/shell/*.sh), sourced by every
# script: numbered ok/not ok lines, a plan at the end, and a scratch directory.
wb_n=0
wb_failed=0

# ok STATUS DESCRIPTION
ok()
{
	wb_n=$((wb_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $wb_n - $2"
	else
		echo "not ok $wb_n - $2"
		wb_failed=$((wb_failed + 1))
	fi
}

# is GOT EXPECTED DESCRIPTION
is()
{
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "$1" | sed 's/^/#   got:      /'
		printf '%s\n' "$2" | sed 's/^/#   expected: /'
	fi
}

# skip DESCRIPTION REASON: an assertion that does not apply here.
skip()
{
	wb_n=$((wb_n + 1))
	echo "ok $wb_n - $1 # SKIP $2"
}

# scratch: a fresh directory under $TMPDIR (or /tmp) as the current directory.
scratch()
{
	wb_scratch=$(mktemp -d "${TMPDIR:-/tmp}/wbsh.XXXXXX") || exit 1
	cd "$wb_scratch" || exit 1
}

# finish: removes the scratch directory, prints the plan; status 1 on a failure.
finish()
{
	cd / && [ -n "${wb_scratch:-}" ] && rm -rf "$wb_scratch"
	echo "1..$wb_n"
	[ "$wb_failed" -eq 0 ]
}
