#!/bin/busybox sh
# /sbin/init of the image: a one-line banner, then the user's shell through
# login; when it exits, init ends and the bootstrap powers the machine off.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
read -r host </etc/hostname
# /proc: procfs attaches itself to it and answers from the proc server (ps);
# wait (at most ~5 s) until it serves.
/hurd/procfs /proc &
tries=0
while [ ! -e /proc/uptime ] && [ $tries -lt 50 ]; do
	sleep 0.1
	tries=$((tries + 1))
done
echo "Wildebeest on $host: busybox sh as user (su for root; exit powers off)"
login -f user
exit 0
