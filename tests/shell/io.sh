# busybox sh suite: pipes, redirections (>, >>, <, 2>&1, <>) and
# here-documents, quoted and unquoted. Prints TAP; run with `sh io.sh`.
wb_dir=${0%/*}
[ "$wb_dir" = "$0" ] && wb_dir=.
. "$wb_dir/lib.sh"
scratch

is "$(echo hello | tr a-z A-Z)" HELLO "a pipe between two commands"
is "$(seq 1 3000 | sort -rn | head -n 1)" 3000 "a three-stage pipe carries 3000 lines"
is "$(seq 1 20000 | wc -l)" 20000 "20000 lines through a pipe (more than its buffer)"
false | true
is $? 0 "a pipeline's status is its last command's (false | true)"
true | false
is $? 1 "... (true | false)"

echo one >f
is "$(cat f)" one "> creates a file"
echo two >f
is "$(cat f)" two "> truncates an existing file"
echo three >>f
is "$(cat f)" "two
three" ">> appends"
is "$(tr a-z A-Z <f)" "TWO
THREE" "< makes a file the standard input"
is "$(ls /nonexistent-wb 2>&1 | grep -c 'No such file')" 1 "2>&1 sends the standard error into a pipe"
{
	echo out
	echo err >&2
} >both 2>&1
is "$(cat both)" "out
err" "> file 2>&1 puts both streams in the file"
is "$({
	echo visible
	echo hidden >&2
} 2>/dev/null)" visible "2>/dev/null discards the standard error"
printf 'abcdef\n' >rw
exec 3<>rw
echo XY >&3
exec 3>&-
is "$(cat rw)" "XY
def" "<> opens read-write without truncating, writing from the start"
read -r first <>rw
is "$first" XY "<> opens for reading too"
echo direct 2>err-file 1>&2 | cat >out-file
is "$(cat err-file)/$(cat out-file)" direct/ "2>file 1>&2: the order of redirections matters"
exec 4>fd4
echo via-fd4 >&4
exec 4>&-
is "$(cat fd4)" via-fd4 "exec 4>file opens a new descriptor for later commands"

x=world
is "$(cat <<EOF
hello $x $(echo sub) $((2 + 3))
EOF
)" "hello world sub 5" "an unquoted here-document expands variables, \$(...) and \$((...))"
is "$(cat <<'EOF'
hello $x $(echo sub)
EOF
)" 'hello $x $(echo sub)' "a quoted here-document is taken literally"
is "$(cat <<-EOF
	tab-indented
	EOF
)" tab-indented "<<- strips leading tabs"
is "$(cat <<EOF | wc -l
1
2
3
EOF
)" 3 "a here-document feeds a pipe"
read -r a b <<EOF
first second
EOF
is "$a/$b" first/second "read takes its input from a here-document"
finish
