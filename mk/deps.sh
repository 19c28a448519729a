#!/usr/bin/env bash
# Installs every missing build, run and test dependency from Debian packages.
# Idempotent: when nothing is missing it only asks dpkg and returns.
set -euo pipefail
packages=(
	gcc make binutils perl libc6-dev linux-libc-dev
	qemu-system-x86
	mig-x86-64-gnu gnumach-dev
	grub-pc-bin grub-common xorriso mtools
	busybox-static cpio linux-image-amd64
	libcrypt-dev
	libio-pty-perl
)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages and not root; run: sudo apt-get install ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
