# busybox sh suite: ls -l (mode and owner columns), cp, mv, rm, mkdir -p,
# ln -s with readlink, find (-name, -type) and chmod. Prints TAP.
wb_dir=${0%/*}
[ "$wb_dir" = "$0" ] && wb_dir=.
. "$wb_dir/lib.sh"
scratch
umask 022

echo data >file
chmod 0640 file
is "$(ls -l file | awk '{print $1}')" "-rw-r-----" "ls -l shows the mode chmod 0640 set"
is "$(ls -ln file | awk '{print $3 ":" $4 ":" $5}')" "$(id -u):$(id -g):5" "ls -ln shows the owner, group and size"
mkdir dir
is "$(ls -ld dir | cut -c1-10)" "drwxr-xr-x" "ls -ld of a new directory under umask 022"
chmod u+x,g-r file
is "$(ls -l file | cut -c1-10)" "-rwx------" "chmod with symbolic modes"
mkdir -p a/b/c/d
[ -d a/b/c/d ]
ok $? "mkdir -p makes every missing level"
mkdir -p a/b/c/d
is $? 0 "mkdir -p of an existing path succeeds"
mkdir a 2>/dev/null
is $? 1 "mkdir of an existing directory fails"
cp file a/b/copy
is "$(cat a/b/copy)" data "cp copies the contents"
cp -p file preserved
is "$(ls -l preserved | cut -c1-10)" "-rwx------" "cp -p keeps the mode"
cp -r a a2
is "$(cat a2/b/copy)" data "cp -r copies a tree"
mv a/b/copy a/moved
[ ! -e a/b/copy ] && [ "$(cat a/moved)" = data ]
ok $? "mv moves a file (gone from its old name)"
mv a2 a3
[ -d a3/b/c/d ] && [ ! -e a2 ]
ok $? "mv renames a directory"
ln -s a/moved link
is "$(readlink link)" a/moved "ln -s makes a link; readlink reads its target"
is "$(cat link)" data "a read through the symbolic link"
is "$(ls -l link | cut -c1)" l "ls -l shows l for a link"
ln -s /nonexistent-wb dangling
[ -L dangling ] && [ ! -e dangling ]
ok $? "a dangling link is -L but not -e"
ln file hard
is "$(ls -l file | awk '{print $2}')" 2 "ln makes a hard link (link count 2)"
rm hard
is "$(ls -l file | awk '{print $2}')" 1 "rm removes it (link count 1)"
rm -r a3
[ ! -e a3 ]
ok $? "rm -r removes a tree"
rmdir dir
[ ! -e dir ]
ok $? "rmdir removes an empty directory"
rm nothing-here 2>/dev/null
is $? 1 "rm of a missing file fails"
rm -f nothing-here
is $? 0 "rm -f of a missing file succeeds"

mkdir -p tree/x/y tree/z
touch tree/one.txt tree/x/two.txt tree/x/y/three.c tree/z/four.txt
is "$(find tree -name '*.txt' | sort | tr '\n' ' ')" "tree/one.txt tree/x/two.txt tree/z/four.txt " "find -name '*.txt'"
is "$(find tree -type d | sort | tr '\n' ' ')" "tree tree/x tree/x/y tree/z " "find -type d"
is "$(find tree -type f -name '*.c')" tree/x/y/three.c "find -type f -name together"
is "$(find tree -type f | wc -l)" 4 "find -type f counts every file"
finish
