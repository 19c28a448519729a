# busybox sh suite: chmod and chown enforced for an unprivileged user (uid
# 1000 through run_as: a 0444 file, chown to root, root's 0755 directory),
# and what root may do. Run as root. Prints TAP.
wb_dir=${0%/*}
[ "$wb_dir" = "$0" ] && wb_dir=.
. "$wb_dir/lib.sh"
scratch
RUN_AS=${WB_RUN_AS:-$wb_dir/run_as}
BUSYBOX=${WB_BUSYBOX:-/bin/busybox}
as_user() { "$RUN_AS" 1000 1000 "$BUSYBOX" sh -c "$1"; }

chmod 0755 "$wb_scratch"
mkdir rootdir home
chmod 0755 rootdir
chown 1000:1000 home
echo root-data >rootdir/rootfile
chmod 0644 rootdir/rootfile
is "$(as_user 'id -u; id -g')" "1000
1000" "run_as gives the shell uid 1000 and gid 1000"

as_user 'echo mine >home/mine && chmod 0444 home/mine'
is "$(ls -ln home/mine | awk '{print $1, $3, $4}')" "-r--r--r-- 1000 1000" "uid 1000 made its file and chmod'ed it 0444"
as_user 'echo more >>home/mine' 2>/dev/null
is $? 1 "uid 1000 cannot write its 0444 file"
is "$(cat home/mine)" mine "... and the file is unchanged"
as_user 'chmod 0644 home/mine && echo more >>home/mine'
is "$(cat home/mine)" "mine
more" "after chmod 0644 the owner can write it"
as_user 'chown 0 home/mine' 2>/dev/null
is $? 1 "uid 1000 cannot chown its file to root"
is "$(ls -ln home/mine | awk '{print $3}')" 1000 "... the owner is still 1000"
as_user 'touch rootdir/intruder' 2>/dev/null
is $? 1 "uid 1000 cannot make a file in root's 0755 directory"
[ ! -e rootdir/intruder ]
ok $? "... no file was made"
as_user 'rm rootdir/rootfile' 2>/dev/null
[ -e rootdir/rootfile ]
ok $? "uid 1000 cannot remove a file from root's 0755 directory"
as_user 'echo x >>rootdir/rootfile' 2>/dev/null
is $? 1 "uid 1000 cannot write root's 0644 file"
is "$(as_user 'cat rootdir/rootfile')" root-data "uid 1000 can read root's 0644 file"
as_user 'chmod 0666 rootdir/rootfile' 2>/dev/null
is $? 1 "uid 1000 cannot chmod root's file"
chmod 0600 rootdir/rootfile
as_user 'cat rootdir/rootfile' 2>/dev/null
is $? 1 "uid 1000 cannot read root's 0600 file"

chmod 0444 rootdir/rootfile
echo root-more >>rootdir/rootfile
is $? 0 "root can write a 0444 file"
touch home/by-root
is $? 0 "root can make a file in uid 1000's directory"
chown 0:0 home/mine
is "$(ls -ln home/mine | awk '{print $3 ":" $4}')" 0:0 "root can chown uid 1000's file to root"
chown 1000 rootdir/rootfile
is "$(ls -ln rootdir/rootfile | awk '{print $3}')" 1000 "root can give a file to uid 1000"
as_user 'chmod 0600 rootdir/rootfile'
is "$(ls -l rootdir/rootfile | cut -c1-10)" "-rw-------" "the new owner may chmod it"
finish
