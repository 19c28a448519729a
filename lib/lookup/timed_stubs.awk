# Turns a preprocessed Hurd interface (.defs) into its timed twin for
# lib/lookup: routines renamed timed_NAME with a timeout_ms argument after the
# first (MIG's waittime: a send and receive timeout on every call), the
# subsystem renamed timed_NAME (its header guard) with the same message ids.
/^subsystem[ \t]/ {
	sub(/^subsystem[ \t]+/, "subsystem timed_")
	print
	print "userprefix timed_;"
	print "msgoption MACH_SEND_TIMEOUT;"
	next
}
pending_first_argument {
	pending_first_argument = 0
	if ($0 ~ /\);[ \t]*$/) {
		sub(/\);[ \t]*$/, ";")
		print
		print "\twaittime timeout_ms: natural_t);"
	} else {
		print
		print "\twaittime timeout_ms: natural_t;"
	}
	next
}
/^(simple)?routine[ \t]+[a-z_0-9]+\($/ {
	pending_first_argument = 1
}
/^(simple)?routine[ \t]+[a-z_0-9]+\(.*\)/ {
	print "timed_stubs.awk: a routine declared on one line: " $0 > "/dev/stderr"
	exit 1
}
{ print }
