#!/usr/bin/env perl
# System test: `make run` driven as a person would, under a pseudo-terminal on the
# host (IO::Pty, Debian's libio-pty-perl): the prompt appears; a typo corrected with
# backspace runs the corrected command; Ctrl-C interrupts `sleep 100` (prompt back,
# $? is 130); Ctrl-Z stops it, `jobs` shows it Stopped, `fg` resumes it and Ctrl-C
# ends it; `exit` powers the guest off and QEMU exits. Every wait has a timeout;
# a failed expectation prints what the terminal showed. TCG (make run's own setup).
use strict;
use warnings;
use IO::Pty;
use IO::Select;
use POSIX qw(:sys_wait_h setsid);
use Time::HiRes qw(time sleep);
use Cwd qw(abs_path);
use File::Basename qw(dirname);

chdir(dirname(abs_path($0)) . '/../..') or die "interactive.t: cannot find the tree: $!";
$| = 1;

# WB_INTERACTIVE_TODO marks every failure TODO with its text (for a look at a
# broken tree without failing); unset, every check asserts.
my $todo_shell = $ENV{WB_INTERACTIVE_TODO} // '';

my $count = 0;
my $failed = 0;
my $screen = '';    # everything the terminal showed
my $mark = 0;       # where the next expectation starts looking

sub ok {
	my ($pass, $description, $todo) = @_;
	$count++;
	my $suffix = (!$pass && $todo) ? " # TODO $todo" : '';
	print(($pass ? "ok" : "not ok") . " $count - $description$suffix\n");
	$failed++ if !$pass && !$todo;
	return $pass;
}

my $shown = 0;

# Prints what the terminal showed: the last 3000 characters the first time, the
# last 600 after that.
sub show_screen {
	my $length = $shown++ ? 600 : 3000;
	my $tail = length($screen) > $length ? substr($screen, -$length) : $screen;
	$tail =~ s/\r//g;
	$tail =~ s/([^\n\x20-\x7e])/sprintf('\\x%02x', ord($1))/ge;
	print "# the terminal showed (the last $length characters):\n";
	print "# | $_\n" for split /\n/, $tail;
}

my $pty = IO::Pty->new or die "interactive.t: no pseudo-terminal: $!";
my $pid = fork() // die "interactive.t: fork: $!";
if ($pid == 0) {
	setsid();
	my $tty = $pty->slave;
	$pty->make_slave_controlling_terminal;
	close $pty;
	open(STDIN, '<&', $tty) or die;
	open(STDOUT, '>&', $tty) or die;
	open(STDERR, '>&', $tty) or die;
	delete @ENV{qw(MAKEFLAGS MAKELEVEL MFLAGS)};
	# WB_INTERACTIVE_COMMAND replaces make run, e.g. with `busybox sh -i` to check
	# the expectations against Linux.
	exec('/bin/sh', '-c', $ENV{WB_INTERACTIVE_COMMAND}) or die "exec: $!"
	    if $ENV{WB_INTERACTIVE_COMMAND};
	exec('make', '-s', '--no-print-directory', 'run') or die "exec make: $!";
}
$pty->close_slave;
my $select = IO::Select->new($pty);

# Reads what the terminal shows for up to SECONDS.
sub pump {
	my ($seconds) = @_;
	my $deadline = time + $seconds;
	while (time < $deadline) {
		my @ready = $select->can_read($deadline - time);
		next unless @ready;
		my $buffer;
		my $n = sysread($pty, $buffer, 4096);
		return 0 unless $n;    # the other end closed
		$screen .= $buffer;
		return 1;
	}
	return 1;
}

# The screen as text: carriage returns and line editing's escape sequences (cursor
# queries and moves) dropped.
sub clean_screen {
	my $text = $screen;
	$text =~ s/\r//g;
	$text =~ s/\e\[[0-9;?]*[A-Za-z]//g;
	return $text;
}

# expect REGEX SECONDS: true once the terminal showed REGEX after the mark, which
# then moves past the match.
sub expect {
	my ($regex, $seconds) = @_;
	my $deadline = time + $seconds;
	while (1) {
		my $text = clean_screen();
		my $seen = substr($text, $mark);
		if ($seen =~ $regex) {
			$mark += $+[0];
			return 1;
		}
		return 0 if time >= $deadline;
		pump(0.2) or return 0;
	}
}

# type TEXT: one character at a time, as from a keyboard.
sub type {
	my ($text) = @_;
	for my $character (split //, $text) {
		syswrite($pty, $character);
		sleep 0.03;
		pump(0.001);
	}
}

# The new prompt, not the echo of the command that sets it (PS1='wb-ok> ).
my $prompt = qr/(?<!')wb-ok> $/;
my $ready = expect(qr/[#\$] $/, 180);
ok($ready, "make run: a shell prompt appears", $todo_shell) or show_screen();
# The checks after the prompt are TODO only when there was no shell to type at.
my $todo_no_shell = $ready ? '' : $todo_shell;
type("PS1='wb-ok> '\r");
$ready = expect($prompt, 30) if $ready;

type("echo hellp\x7fo, world\r");
ok(expect(qr/^hello, world$/m, 30) && expect($prompt, 30),
	"a typo corrected with backspace runs the corrected command", $todo_no_shell) or show_screen();

# key CHARACTER, a control key for the foreground job, until the prompt comes
# back: a key typed before the shell has put the job in front (the fork, its
# setpgid and tcsetpgrp take a moment under TCG) reaches the shell, which
# ignores ^Z and keeps ^C for after the job, as on Linux; so it is typed again,
# every 10 s, at most 4 times. How many it took, or 0 when the prompt never came.
sub key {
	my ($character) = @_;
	for my $try (1 .. 4) {
		type($character);
		return $try if expect($prompt, 10);
	}
	return 0;
}

my @stop_checks = ("Ctrl-Z stops sleep 100 and the prompt returns", "jobs shows sleep 100 Stopped",
	"fg resumes it", "Ctrl-C ends the resumed sleep", "... with status 130");
type("sleep 100\r");
sleep 2;
pump(0.5);
my $start = time;
my $tries = key("\x03");
my $back = $tries > 0;
ok($back, sprintf("Ctrl-C interrupts sleep 100 and the prompt returns (%.1f s, %d Ctrl-C)",
	time - $start, $tries), $todo_no_shell) or show_screen();
if ($back) {
	type("echo status=\$?\r");
	ok(expect(qr/^status=130$/m, 20) && expect($prompt, 10), "echo \$? after Ctrl-C says 130",
		$todo_no_shell) or show_screen();
	type("sleep 100\r");
	sleep 2;
	pump(0.5);
	ok(key("\x1a"), $stop_checks[0], $todo_no_shell) or show_screen();
	type("jobs\r");
	ok(expect(qr/Stopped\s+sleep 100/, 20) && expect($prompt, 10), $stop_checks[1], $todo_no_shell)
		or show_screen();
	type("fg\r");
	ok(expect(qr/sleep 100\s*$/m, 20), $stop_checks[2], $todo_no_shell) or show_screen();
	sleep 1;
	pump(0.5);
	ok(key("\x03"), $stop_checks[3], $todo_no_shell) or show_screen();
	# A job that fg had not continued would end stopped (148), not 130.
	type("echo status=\$?\r");
	ok(expect(qr/^status=130$/m, 20) && expect($prompt, 10), $stop_checks[4], $todo_no_shell)
		or show_screen();
} else {
	# Without ^C the sleep ends by itself: wait for it, so that exit can be tried.
	ok(0, "echo \$? after Ctrl-C says 130 (not run: Ctrl-C did not interrupt)", $todo_no_shell);
	ok(0, "$_ (not run: Ctrl-C did not interrupt)", $todo_no_shell) for @stop_checks;
	expect($prompt, 100);
}

type("exit\r");
my $deadline = time + 60;
my $exited = 0;
while (time < $deadline) {
	if (waitpid($pid, WNOHANG) == $pid) {
		$exited = 1;
		last;
	}
	pump(0.2);
}
ok($ready && $exited, "exit powers the guest off and QEMU (make run) exits", $todo_no_shell)
	or show_screen();
unless ($exited) {
	kill 'TERM', -$pid, $pid;
	sleep 1;
	kill 'KILL', -$pid, $pid;
	waitpid($pid, 0);
}
print "1..$count\n";
exit($failed ? 1 : 0);
