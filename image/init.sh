#!/bin/busybox sh
# /sbin/init of the image: a one-line banner, then the user's shell through
# login; when it exits, init ends and the bootstrap powers the machine off.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
read -r host </etc/hostname
echo "Wildebeest on $host: busybox sh as user (su for root; exit powers off)"
login -f user
exit 0
