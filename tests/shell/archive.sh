# busybox sh suite: a tar create/extract round trip checked with md5sum and
# sha256sum, and dd (bs/count, of=, conv). Prints TAP.
wb_dir=${0%/*}
[ "$wb_dir" = "$0" ] && wb_dir=.
. "$wb_dir/lib.sh"
scratch

mkdir -p src/sub/deeper
seq 1 2000 >src/numbers
printf 'hello\n' >src/sub/hello
awk 'BEGIN {for (i = 0; i < 300; i++) printf "line %d of a bigger file\n", i}' >src/sub/deeper/big
chmod 0600 src/sub/hello
ln -s ../numbers src/sub/link
(cd src && find . -type f | sort | xargs md5sum) >before.md5
tar -cf out.tar src
is $? 0 "tar -cf makes an archive"
is "$(tar -tf out.tar | sort | tr '\n' ' ')" "src/ src/numbers src/sub/ src/sub/deeper/ src/sub/deeper/big src/sub/hello src/sub/link " "tar -tf lists every entry"
mkdir dest
tar -xf out.tar -C dest
is $? 0 "tar -xf -C extracts it"
is "$(cd dest/src && find . -type f | sort | xargs md5sum)" "$(cat before.md5)" "every extracted file has its md5sum"
is "$(readlink dest/src/sub/link)" ../numbers "the symbolic link came back"
is "$(ls -l dest/src/sub/hello | cut -c1-10)" "-rw-------" "the mode came back"
tar -czf out.tgz src && mkdir zdest && tar -xzf out.tgz -C zdest
is "$(sha256sum <zdest/src/sub/deeper/big)" "$(sha256sum <src/sub/deeper/big)" "tar -z round trip, checked with sha256sum"
is "$(cat src/numbers | tar -cf - src | tar -tf - | wc -l)" 7 "tar through a pipe (-f -)"
is "$(printf abc | md5sum)" "900150983cd24fb0d6963f7d28e17f72  -" "md5sum of 'abc'"
is "$(printf abc | sha256sum | cut -c1-16)" ba7816bf8f01cfea "sha256sum of 'abc'"

dd if=src/numbers of=copy bs=100 count=3 2>/dev/null
is "$(wc -c <copy)" 300 "dd bs=100 count=3 copies 300 bytes"
is "$(head -c 300 src/numbers | md5sum)" "$(md5sum <copy)" "... the first 300 bytes"
dd if=src/numbers of=skipped bs=1 skip=4 count=1 2>/dev/null
is "$(cat skipped)" 3 "dd skip= (the byte after 1 and 2)"
printf 'abcd' | dd conv=sync bs=8 2>/dev/null >padded
is "$(od -An -c padded | tr -s ' ' | sed 's/^ //')" 'a b c d \0 \0 \0 \0' "dd conv=sync pads a short block with zeros"
printf 'XXXXXXXX' >patch
printf 'ab' | dd of=patch bs=1 seek=3 conv=notrunc 2>/dev/null
is "$(cat patch)" "XXXabXXX" "dd seek= conv=notrunc writes inside a file"
is "$(dd if=/dev/zero bs=4096 count=64 2>/dev/null | wc -c)" 262144 "dd from /dev/zero through a pipe"
dd if=src/numbers of=/dev/null bs=512 2>dd-report
is "$(grep -c 'records in' dd-report)" 1 "dd reports its records"
finish
