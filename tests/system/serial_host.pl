#!/usr/bin/env perl
# The far end of the guest's COM2 for tests/system/serial.t and term.t: connects
# to QEMU's chardev socket, then plays a script of "expect TEXT", "expect-not
# TEXT" and "send TEXT" steps (C escapes: \r \n \b \xHH), printing
# "host: ok - ..." or "host: not ok - ..." per expectation.
use strict;
use warnings;
use IO::Socket::UNIX;
use IO::Select;
use Time::HiRes qw(time sleep);

my ($path, $script, $limit) = @ARGV;
my $deadline = time + $limit;
$| = 1;

my $socket;
while (time < $deadline) {
	$socket = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path);
	last if $socket;
	sleep 0.05;
}
unless ($socket) {
	print "host: not ok - connected to COM2\n";
	exit 1;
}
$socket->autoflush(1);
my $select = IO::Select->new($socket);

sub unescape {
	my ($text) = @_;
	$text =~ s/\\x([0-9a-fA-F]{2})/chr(hex($1))/ge;
	$text =~ s/\\r/\r/g;
	$text =~ s/\\n/\n/g;
	$text =~ s/\\b/\b/g;
	return $text;
}

# Reads what COM2 shows until wanted is seen, the deadline passes, or (quiet)
# nothing comes for 0.1 s.
my $seen = '';
sub wait_for {
	my ($wanted, $quiet) = @_;
	while (index($seen, $wanted) < 0 && time < $deadline) {
		if (!$select->can_read(0.1)) {
			last if $quiet;
			next;
		}
		my $chunk;
		my $count = sysread($socket, $chunk, 4096);
		last unless $count;
		$seen .= $chunk;
	}
	return index($seen, $wanted) >= 0;
}

my $failures = 0;
open(my $steps, '<', $script) or die "host: cannot read $script: $!\n";
while (my $line = <$steps>) {
	chomp $line;
	next if $line eq '' || $line =~ /^#/;
	my ($verb, $text) = split(/ /, $line, 2);
	$text //= '';
	my $data = unescape($text);
	if ($verb eq 'send') {
		for my $byte (split //, $data) {
			print $socket $byte;
			sleep 0.02;
		}
	} elsif ($verb eq 'expect' || $verb eq 'expect-not') {
		my $found = wait_for($data, $verb eq 'expect-not');
		my $passed = $verb eq 'expect' ? $found : !$found;
		print "host: ", ($passed ? "ok" : "not ok"), " - $verb '$text'\n";
		unless ($passed) {
			$failures++;
			my $tail = substr($seen, -200);
			$tail =~ s/([^ -~])/sprintf("\\x%02x", ord($1))/ge;
			print "host: # seen so far: $tail\n";
		}
		$seen = substr($seen, index($seen, $data) + length($data)) if $found;
	} elsif ($verb eq 'sleep') {
		sleep $text;
	} else {
		die "host: unknown step '$line'\n";
	}
}
exit($failures ? 1 : 0);
