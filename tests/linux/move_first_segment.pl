#!/usr/bin/perl
# Makes a hostile test image: moves the first PT_LOAD segment of an ELF64 file
# (in place) to the virtual address given, e.g. onto the emulator's.
# Usage: move_first_segment.pl FILE ADDRESS
use strict;
use warnings;
my ($file, $address) = @ARGV;
open(my $elf, '+<', $file) or die "$file: $!";
binmode $elf;
read($elf, my $header, 64) == 64 or die "$file: too short";
my $phoff = unpack('Q<', substr($header, 32, 8));
my $phnum = unpack('S<', substr($header, 56, 2));
for my $i (0 .. $phnum - 1) {
	seek($elf, $phoff + $i * 56, 0) or die;
	read($elf, my $segment, 56) == 56 or die "$file: program headers cut short";
	next unless unpack('L<', $segment) == 1;
	seek($elf, $phoff + $i * 56 + 16, 0) or die;
	print $elf pack('Q<', hex($address));
	close($elf) or die;
	exit 0;
}
die "$file: no PT_LOAD segment";
