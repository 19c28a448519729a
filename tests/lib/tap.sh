# Minimal TAP producer for shell tests run by prove: ok/not ok with a running count.
# Source it, call tap_ok/tap_is/tap_like, and tap_done at the end (plan printed last).

tap_count=0
tap_failed=0

tap_ok()  # tap_ok CONDITION-STATUS DESCRIPTION
{
	tap_count=$((tap_count + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_count - $2"
	else
		echo "not ok $tap_count - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

tap_is()  # tap_is GOT EXPECTED DESCRIPTION
{
	if [ "$1" = "$2" ]; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		echo "#   got: '$1'"
		echo "#   expected: '$2'"
	fi
}

tap_like()  # tap_like FILE EXTENDED-REGEX DESCRIPTION
{
	if grep -Eq -- "$2" "$1"; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		echo "#   no line of $(basename "$1") matches /$2/"
	fi
}

tap_diag()  # tap_diag FILE: the file as TAP comments
{
	sed 's/^/# | /' "$1"
}

tap_done()
{
	echo "1..$tap_count"
	[ "$tap_failed" -eq 0 ]
}
