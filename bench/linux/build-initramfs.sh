#!/usr/bin/env bash
# Builds the Linux baseline guest's initramfs (busybox + bench/linux/init.c as /init)
# into build/bench/linux/initramfs.cpio; every other bench/linux/*.c and the workloads in
# build/bench/linux/bench/ become /bench/NAME.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=${WB_BUILD:-build}/bench/linux
busybox=${WB_BUSYBOX:-/bin/busybox}
output=$build/initramfs.cpio
workloads=$build/bench # later benchmarks put their Linux-side programs here
cc=${CC:-gcc}

fail()
{
	echo "build-initramfs: $*" >&2
	exit 1
}

[ -x "$busybox" ] || fail "no $busybox (install busybox-static)"
if readelf -l "$busybox" 2>/dev/null | grep -q 'program interpreter'; then
	fail "$busybox is dynamically linked (install busybox-static)"
fi
command -v cpio >/dev/null || fail "no cpio (install cpio)"

mkdir -p "$build"
root=$(mktemp -d "$build/root.XXXXXX")
trap 'rm -rf "$root" "$output.tmp"' EXIT

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,bench}
"$cc" -std=gnu11 -static -O2 -Wall -Wextra -Werror -o "$root/init" bench/linux/init.c ||
	fail "cannot compile bench/linux/init.c (static libc from libc6-dev needed)"
for source in bench/linux/*.c; do # every other program here is a workload, /bench/NAME
	[ "$source" = bench/linux/init.c ] && continue
	"$cc" -std=gnu11 -static -O2 -Wall -Wextra -Werror -o "$root/bench/$(basename "$source" .c)" \
		"$source" || fail "cannot compile $source"
done
cp "$busybox" "$root/bin/busybox"
"$busybox" --list-full | while read -r applet; do
	[ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done

if [ -d "$workloads" ]; then
	find "$workloads" -mindepth 1 -maxdepth 1 -type f -perm -u+x -exec cp {} "$root/bench/" \;
fi

# newc is the only format the kernel unpacks; every file owned by root.
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet --create --format=newc --owner=0:0 --reproducible) >"$output.tmp" ||
	fail "cpio failed"
mv "$output.tmp" "$output"
