# busybox sh suite: grep (-c, -v, -E), sed (s///g, -n p, -i), awk (fields,
# sums, printf), sort (-n, -r, -u), uniq -c, wc -l, head and tail (-n, -c).
# Prints TAP.
wb_dir=${0%/*}
[ "$wb_dir" = "$0" ] && wb_dir=.
. "$wb_dir/lib.sh"
scratch

cat >fruit <<EOF
apple 3
banana 10
cherry 7
apple 2
date 25
EOF
is "$(grep -c apple fruit)" 2 "grep -c counts matching lines"
is "$(grep -v apple fruit | wc -l)" 3 "grep -v keeps the other lines"
is "$(grep -E '^(banana|date) ' fruit | tr '\n' ,)" "banana 10,date 25," "grep -E with alternation"
grep -q kiwi fruit
is $? 1 "grep without a match is status 1"
is "$(echo 'a-b-c' | sed 's/-/+/g')" "a+b+c" "sed s///g replaces every match"
is "$(echo 'a-b-c' | sed 's/-/+/')" "a+b-c" "sed s/// replaces the first"
is "$(sed -n '2p' fruit)" "banana 10" "sed -n 2p prints one line"
is "$(sed -n '/cherry/p' fruit)" "cherry 7" "sed -n /re/p"
cp fruit edited
sed -i 's/apple/APPLE/g' edited
is "$(grep -c APPLE edited)/$(grep -c apple edited)" 2/0 "sed -i edits the file in place"
is "$(awk '{print $2}' fruit | tr '\n' ' ')" "3 10 7 2 25 " "awk prints a field"
is "$(awk '{s += $2} END {print s}' fruit)" 47 "awk sums a column"
is "$(awk '$1 == "apple" {s += $2} END {printf "%s=%05.1f\n", "apples", s}' fruit)" "apples=005.0" "awk printf with a pattern"
is "$(echo 'a:b:c' | awk -F: '{print NF, $NF}')" "3 c" "awk -F, NF and \$NF"
is "$(awk '{print $2}' fruit | sort -n | tr '\n' ' ')" "2 3 7 10 25 " "sort -n"
is "$(awk '{print $2}' fruit | sort | tr '\n' ' ')" "10 2 25 3 7 " "sort without -n is lexical"
is "$(awk '{print $2}' fruit | sort -rn | head -n 1)" 25 "sort -rn"
is "$(awk '{print $1}' fruit | sort -u | tr '\n' ' ')" "apple banana cherry date " "sort -u"
is "$(awk '{print $1}' fruit | sort | uniq -c | awk '{print $1 $2}' | tr '\n' ' ')" "2apple 1banana 1cherry 1date " "uniq -c counts runs"
is "$(wc -l <fruit)" 5 "wc -l"
is "$(head -n 2 fruit | tail -n 1)" "banana 10" "head -n, tail -n"
is "$(head -c 5 fruit)" apple "head -c"
is "$(tail -c 3 fruit)" 25 "tail -c"
is "$(tail -n +4 fruit | wc -l)" 2 "tail -n +4"
is "$(seq 1 10000 | tail -n 1)" 10000 "tail of a long pipe"
finish
