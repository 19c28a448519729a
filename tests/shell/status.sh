# busybox sh suite: subshells, command substitution ($(...), backquotes,
# nested) and exit statuses ($?, !, &&, ||, set -e). Prints TAP.
wb_dir=${0%/*}
[ "$wb_dir" = "$0" ] && wb_dir=.
. "$wb_dir/lib.sh"
scratch

v=outer
(v=inner; cd /)
is "$v:$(pwd)" "outer:$wb_scratch" "a subshell's assignments and cd stay inside it"
is "$(exit 7; echo no)" "" "exit in a command substitution ends only the substitution"
(exit 7)
is $? 7 "a subshell's exit status is \$?"
is "$(echo a; (echo b; (echo c)))" "a
b
c" "nested subshells share the standard output"
is "$(echo $(echo $(echo deep)))" deep "nested \$(...) three levels deep"
is "`echo back`" back "backquote substitution"
is "`echo \`echo nested-back\``" nested-back "nested backquotes"
is "$(echo `echo mixed`)" mixed "backquotes inside \$(...)"
is "$(printf 'x\n\n\n')" x "command substitution strips trailing newlines"
n=$(seq 1 100 | wc -l)
is "$((n * 2))" 200 "arithmetic on a substituted number"
is "$(cd / && pwd)" / "cd inside \$(...) does not leak"
is "$(pwd)" "$wb_scratch" "... the current directory is unchanged"

true
is $? 0 "true sets \$? to 0"
false
is $? 1 "false sets \$? to 1"
sh -c 'exit 42'
is $? 42 "a child shell's exit status comes back in \$?"
! false
is $? 0 "! inverts a failure"
! true
is $? 1 "! inverts a success"
is "$(true && echo yes || echo no)" yes "&& runs after a success"
is "$(false && echo yes || echo no)" no "|| runs after a failure"
is "$(false || false || echo third)" third "a chain of || reaches the first success"
nonexistent-command-wb 2>/dev/null
is $? 127 "a missing command is status 127"
touch not-executable
./not-executable 2>/dev/null
is $? 126 "a file without execute permission is status 126"
is "$(sh -c 'set -e; false; echo after' 2>&1)" "" "set -e stops at the first failure"
is "$(sh -c 'set -e; false || true; echo after')" after "set -e ignores a failure tested by ||"
is "$(sh -c 'set -e; if false; then :; fi; echo after')" after "set -e ignores an if condition"
sh -c 'set -e; (exit 3); echo not-here'
is $? 3 "set -e: the shell exits with the failing subshell's status"
f() { return 5; }
f
is $? 5 "a function's return status"
finish
