#!/usr/bin/env bash
# System test: the emulator's file system calls (emul/fd*, file*, dir*,
# path*), seen by unmodified static programs on the herd (auth, exec, tmpfs as
# "root" with build/utils-test/root.tar): tests/linux/files_test.c through
# glibc (contents, O_EXCL/O_APPEND/O_TRUNC, holes, directories, rename, links,
# symbolic links, cwd and .., umask, descriptors, EBADF/EFAULT, ids through
# auth, a dead and a silent server, pipe2 on servers/pipe), after settrans -a
# has put hello on /srv/hello-node;
# then Debian's busybox-static applets as boot modules on the same tmpfs.
# Under every accelerator with 1 and 2 CPUs.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/tap.sh
. tests/lib/qemu.sh
. tests/lib/system.sh

LINUX=${WB_LINUX:-build/linux}
UTILS=${WB_UTILS:-build/utils}
AUTH=${WB_AUTH_SERVER:-build/servers/auth/auth}
EXEC=${WB_EXEC_SERVER:-build/servers/exec/exec}
TMPFS=${WB_TMPFS:-build/translators/tmpfs}
ARCHIVE=${WB_UTILS_ARCHIVE:-build/utils-test/root.tar}
BUSYBOX=${WB_BUSYBOX:-/bin/busybox}
PIPE=${WB_PIPE_SERVER:-build/servers/pipe/pipe}
HERD=(build/bootstrap/bootstrap.elf build/emul/emul.elf "$AUTH" "$EXEC"
	"$TMPFS --archive=$ARCHIVE" "$ARCHIVE")

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="files $accel smp$smp"
		system_boot files "$accel" "$smp" 300 "${HERD[@]}" \
			"$PIPE" "$UTILS/settrans -a /srv/hello-node /hurd/hello --contents=one" \
			"$LINUX/files_test" \
			"$BUSYBOX sh -c 'printf \"c\\nb\\na\\n\" > /tmp/list'" \
			"$BUSYBOX mkdir -p /tmp/b/x/y" \
			"$BUSYBOX cp /tmp/list /tmp/b/x/y/copy" \
			"$BUSYBOX mv /tmp/b/x/y/copy /tmp/b/moved" \
			"$BUSYBOX ln -s /tmp/b/moved /tmp/b/link" \
			"$BUSYBOX ls -l /tmp/b" \
			"$BUSYBOX cat /tmp/b/link"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		total=$(tr -d '\r' <"$boot_log" | grep -c '^tap: ok - ')
		failed=$(tr -d '\r' <"$boot_log" | grep '^tap: not ok - ' | head -5 | tr '\n' ';')
		[ "$total" -ge 80 ] && [ -z "$failed" ]
		tap_ok_todo $? "[$label] files_test: $total checks passed, none failed ($failed)" \
			"$(wb_todo_for "$accel")"
		system_expect_line "$accel" "$label" "files_test exited with status 0" \
			"^bootstrap: $LINUX/files_test exited with status 0$"
		! tr -d '\r' <"$boot_log" | grep "unimplemented system call" | grep -vq " prctl "
		tap_ok_todo $? "[$label] no unimplemented system call on the way (but prctl, not a file call)" \
			"$(wb_todo_for "$accel")"
		expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
		expect "busybox ls -l shows the symbolic link made by ln -s" \
			"^lrwxrwxrwx +1 0 +0 +12 .* link -> /tmp/b/moved$"
		expect "... the file mv moved, 6 bytes, mode 644 (cp, then mv)" \
			"^-rw-r--r-- +1 0 +0 +6 .* moved$"
		expect "... the directory mkdir -p made" "^drwxr-xr-x +3 0 +0 .* x$"
		# The console's lines joined, the emulator's diagnostics left out.
		joined=$(tr -d '\r' <"$boot_log" | grep -v '^emul: ' | tr '\n' ' ')
		case "$joined" in *" x bootstrap: $BUSYBOX exited with status 0 c b a bootstrap: $BUSYBOX exited with status 0 "*) true ;; *) false ;; esac
		tap_ok_todo $? "[$label] cat through the link prints what sh's printf wrote (c b a)" \
			"$(wb_todo_for "$accel")"
		statuses=$(tr -d '\r' <"$boot_log" | grep "^bootstrap: $BUSYBOX exited with status" | sed 's/.*status //' | tr -d '\n')
		[ "$statuses" = "0000000" ]
		tap_ok_todo $? "[$label] the 7 busybox runs exited with 0 ($statuses)" "$(wb_todo_for "$accel")"
	done
done

for accel in $(wb_accels); do
	for smp in 1 2; do
		label="files busybox $accel smp$smp"
		system_boot files-busybox "$accel" "$smp" 300 "${HERD[@]}" \
			"$BUSYBOX sh -c 'printf \"alpha\\nbeta\\ngamma\\ndelta\\n\" > /tmp/w'" \
			"$BUSYBOX wc -l /tmp/w" \
			"$BUSYBOX sha256sum /tmp/w" \
			"$BUSYBOX sort /tmp/w" \
			"$BUSYBOX grep ^[bg] /tmp/w" \
			"$BUSYBOX sed -i s/beta/BETA/ /tmp/w" \
			"$BUSYBOX head -n 2 /tmp/w" \
			"$BUSYBOX tail -n 1 /tmp/w" \
			"$BUSYBOX dd if=/tmp/w bs=5 count=1" \
			"$BUSYBOX find /tmp /srv"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
		expect "wc -l counts the 4 lines sh wrote" "^4 /tmp/w$"
		expect "sha256sum of the file is the host's" \
			"^927c9bb49935d22cfef1df0fd954eb8011420a9b1ec2350d65647accf201bbe9  /tmp/w$"
		joined=$(tr -d '\r' <"$boot_log" | grep -v '^emul: ' | tr '\n' ' ')
		case "$joined" in *" beta gamma bootstrap: "*) true ;; *) false ;; esac
		tap_ok_todo $? "[$label] grep ^[bg] prints beta and gamma" "$(wb_todo_for "$accel")"
		case "$joined" in *" alpha BETA bootstrap: "*) true ;; *) false ;; esac
		tap_ok_todo $? "[$label] head -n 2 after sed -i s/beta/BETA/ prints alpha BETA" \
			"$(wb_todo_for "$accel")"
		expect "tail -n 1 prints delta" "^delta$"
		case "$joined" in *" alpha beta delta gamma bootstrap: "*) true ;; *) false ;; esac
		tap_ok_todo $? "[$label] sort prints alpha beta delta gamma" "$(wb_todo_for "$accel")"
		expect "dd bs=5 count=1 copies alpha (stderr's count follows)" "^alpha1\\+0 records in$"
		case "$joined" in *" /tmp /tmp/w /srv /srv/hello-node /srv/link /srv/passive-node bootstrap: "*) true ;; *) false ;; esac
		tap_ok_todo $? "[$label] find walks /tmp and /srv" "$(wb_todo_for "$accel")"
		statuses=$(tr -d '\r' <"$boot_log" | grep "^bootstrap: $BUSYBOX exited with status" | sed 's/.*status //' | tr -d '\n')
		[ "$statuses" = "0000000000" ]
		tap_ok_todo $? "[$label] the 10 busybox runs exited with 0 ($statuses)" "$(wb_todo_for "$accel")"

		label="files tar $accel smp$smp"
		system_boot files-tar "$accel" "$smp" 300 "${HERD[@]}" \
			"$BUSYBOX mkdir -p /tmp/t/d" \
			"$BUSYBOX sh -c 'echo inner > /tmp/t/d/f; echo outer > /tmp/t/g'" \
			"$BUSYBOX tar -cf /tmp/t.tar -C /tmp t" \
			"$BUSYBOX rm -r /tmp/t" \
			"$BUSYBOX ls /tmp" \
			"$BUSYBOX tar -xvf /tmp/t.tar -C /tmp" \
			"$BUSYBOX cat /tmp/t/d/f /tmp/t/g" \
			"$BUSYBOX ls -l /tmp/t"
		system_report "$label" "$accel" "$WB_EXIT_PASS"
		expect() { system_expect_line "$accel" "$label" "$1" "$2"; }
		expect "after rm -r, ls /tmp shows only the archive" "^t\\.tar$"
		expect "tar -xv lists what it extracts" "^t/d/f$"
		joined=$(tr -d '\r' <"$boot_log" | grep -v '^emul: ' | tr '\n' ' ')
		case "$joined" in *" inner outer bootstrap: "*) true ;; *) false ;; esac
		tap_ok_todo $? "[$label] the extracted files have their contents" "$(wb_todo_for "$accel")"
		expect "ls -l of the extracted tree" "^-rw-r--r-- +1 0 +0 +6 .* g$"
		statuses=$(tr -d '\r' <"$boot_log" | grep "^bootstrap: $BUSYBOX exited with status" | sed 's/.*status //' | tr -d '\n')
		[ "$statuses" = "00000000" ]
		tap_ok_todo $? "[$label] the 8 busybox runs exited with 0 ($statuses)" "$(wb_todo_for "$accel")"
	done
done
tap_done
