#!/usr/bin/env bash
# Builds the system's root tree (image/image.mk): `image_tree.sh tree DIR`
# fills DIR from the programs named in the environment; `image_tree.sh pack
# DIR ARCHIVE` writes it as the ustar archive tmpfs reads, with the passive
# translators of /dev as pax records and /home/user owned by uid 1000.
#   IMAGE_SERVERS      programs for /hurd (servers and translators)
#   IMAGE_UTILITIES    programs for /bin
#   IMAGE_HASH         the host tool printing a password's crypt(5) hash
#   IMAGE_ROOT_PASSWORD, IMAGE_USER_PASSWORD
set -euo pipefail
here=$(dirname "$0")

# Nodes whose passive translator the archive carries: "path program args".
translator_nodes=(
	"dev/null /hurd/null"
	"dev/zero /hurd/null --zero"
)

make_tree()
{
	local dir=$1 program name
	rm -rf "$dir"
	mkdir -p "$dir"/{bin,sbin,usr/bin,usr/sbin,etc,hurd,servers,dev,tmp,home/user,root,proc}
	for program in $IMAGE_SERVERS; do
		strip -o "$dir/hurd/$(basename "$program")" "$program"
	done
	for program in $IMAGE_UTILITIES; do
		strip -o "$dir/bin/$(basename "$program")" "$program"
	done
	# Debian's busybox-static, unmodified, and a link for each applet
	# except those the image has programs of its own for.
	cp /bin/busybox "$dir/bin/busybox"
	for name in $(/bin/busybox --list-full); do
		case "$name" in
		sbin/init | bin/login | bin/su) continue ;;
		esac
		[ -e "$dir/$name" ] || ln -s /bin/busybox "$dir/$name"
	done
	cp "$here/init.sh" "$dir/sbin/init"
	cp "$here/profile" "$dir/etc/profile"
	printf 'Welcome to Wildebeest.\n' >"$dir/etc/motd"
	printf 'wildebeest\n' >"$dir/etc/hostname"
	printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
		'user:x:1000:1000:Wildebeest user:/home/user:/bin/sh' >"$dir/etc/passwd"
	printf '%s\n' 'root:x:0:' 'user:x:1000:' >"$dir/etc/group"
	{
		echo "root:$("$IMAGE_HASH" "$IMAGE_ROOT_PASSWORD"):20000:0:99999:7:::"
		echo "user:$("$IMAGE_HASH" "$IMAGE_USER_PASSWORD"):20000:0:99999:7:::"
	} >"$dir/etc/shadow"
	# Nodes the bootstrap attaches servers to (the terminal, pipe, password),
	# and those with passive translators from the archive.
	: >"$dir/servers/pipe"
	: >"$dir/servers/password"
	: >"$dir/dev/console"
	: >"$dir/dev/tty"
	local node
	for node in "${translator_nodes[@]}"; do
		: >"$dir/${node%% *}"
	done
	chmod 0755 "$dir" "$dir"/{bin,sbin,usr,usr/bin,usr/sbin,etc,hurd,servers,dev,home,home/user}
	chmod 0755 "$dir"/hurd/* "$dir"/bin/busybox "$dir"/sbin/init
	for program in $IMAGE_UTILITIES; do
		chmod 0755 "$dir/bin/$(basename "$program")"
	done
	chmod 0644 "$dir"/etc/{motd,hostname,profile,passwd,group}
	chmod 0600 "$dir/etc/shadow"
	chmod 0666 "$dir"/servers/* "$dir"/dev/*
	chmod 0700 "$dir/root"
	chmod 0555 "$dir/proc" # procfs is attached here at boot (image/init.sh)
	chmod 1777 "$dir/tmp"
}

pack_tree()
{
	local dir=$1 archive=$2 node excludes=()
	for node in "${translator_nodes[@]}"; do
		excludes+=("--exclude=./${node%% *}")
	done
	excludes+=("--exclude=./home/user")
	local common=(--owner=0 --group=0 --numeric-owner --mtime=@0)
	tar --format=ustar "${common[@]}" --sort=name "${excludes[@]}" -cf "$archive.tmp" -C "$dir" .
	# Appending keeps the archive's format (ustar): each node is written as
	# a pax archive of its own and concatenated.
	for node in "${translator_nodes[@]}"; do
		# (GNU tar 1.34 writes no extended header at all with --mtime.)
		tar --format=pax --owner=0 --group=0 --numeric-owner --no-recursion \
			-cf "$archive.node" -C "$dir" \
			--pax-option="delete=atime,delete=ctime,WILDEBEEST.translator:=${node#* }" \
			"./${node%% *}"
		tar --warning=no-unknown-keyword -Af "$archive.tmp" "$archive.node"
	done
	rm -f "$archive.node"
	tar --format=ustar --owner=1000 --group=1000 --numeric-owner --mtime=@0 -rf "$archive.tmp" \
		-C "$dir" ./home/user
	mv "$archive.tmp" "$archive"
}

case "${1:-}" in
tree) make_tree "$2" ;;
pack) pack_tree "$2" "$3" ;;
*)
	echo "usage: image_tree.sh tree DIR | pack DIR ARCHIVE" >&2
	exit 2
	;;
esac
