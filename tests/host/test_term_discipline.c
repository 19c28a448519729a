/* Host unit test of the term server's line discipline
 * (servers/term/term_discipline.c), under ASan/UBSan. */
#include "tap.h"
#include "term_discipline.h"

#include <string.h>
#include <termios.h>

static struct term_discipline discipline;
static char echoed[65536];
static size_t echoed_length;
static int signals[4];

/* Types text; collects the echo after output post-processing. */
static void type(const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		char echo[TERM_OUTPUT_MAX];
		size_t echo_length;
		enum term_signal signal =
		    term_discipline_input(&discipline, text[i], echo, &echo_length);
		if (signal == TERM_SIGINT)
			signals[0]++;
		else if (signal == TERM_SIGQUIT)
			signals[1]++;
		else if (signal == TERM_SIGTSTP)
			signals[2]++;
		if (echoed_length + 2 * echo_length < sizeof(echoed))
			echoed_length += term_discipline_output(&discipline, echo, echo_length,
			                                        echoed + echoed_length);
	}
}

#define TYPE(text) type(text, sizeof(text) - 1)

static void reset(void)
{
	term_discipline_init(&discipline);
	echoed_length = 0;
	memset(signals, 0, sizeof(signals));
}

static bool echo_is(const char *wanted)
{
	bool same = echoed_length == strlen(wanted) && memcmp(echoed, wanted, echoed_length) == 0;
	echoed_length = 0;
	return same;
}

static bool reads(size_t amount, const char *wanted)
{
	char out[TERM_READY_MAX];
	if (!term_discipline_read_ready(&discipline, amount))
		return false;
	size_t count = term_discipline_read(&discipline, out, amount);
	return count == strlen(wanted) && memcmp(out, wanted, count) == 0;
}

static void cooked(void)
{
	reset();
	TYPE("hello");
	CHECK(!term_discipline_read_ready(&discipline, 100), "no read before the line ends");
	CHECK(echo_is("hello"), "typed bytes are echoed");
	TYPE("\r");
	CHECK(echo_is("\r\n"), "carriage return echoes as CR LF (ICRNL, ONLCR)");
	CHECK(reads(100, "hello\n"), "the line reads with its newline");
	CHECK(!term_discipline_read_ready(&discipline, 100), "nothing more");

	TYPE("abcd\x7f\x7fX\n");
	CHECK(echo_is("abcd\b \b\b \bX\r\n"), "erase echoes backspace-space-backspace");
	CHECK(reads(100, "abX\n"), "erase removed two bytes");
	TYPE("\x7f\x7fok\n");
	CHECK(reads(100, "ok\n"), "erase on an empty line does nothing");

	TYPE("some junk\x15kept\n");
	CHECK(reads(100, "kept\n"), "kill discards the line");
	TYPE("one two  \x17three\n");
	CHECK(reads(100, "one three\n"),
	      "word erase removes the last word and its trailing blanks");
	echoed_length = 0;
	TYPE("a\x01\x7f"
	     "b\n");
	CHECK(echo_is("a^A\b \b\b \bb\r\n") && reads(100, "ab\n"),
	      "a control character echoes as ^A and erases as two");

	TYPE("abc\x04");
	CHECK(echo_is("abc"), "EOF is not echoed");
	CHECK(reads(100, "abc"), "EOF after text ends the read without a newline");
	TYPE("\x04");
	CHECK(term_discipline_read_ready(&discipline, 100) && reads(100, ""),
	      "EOF on an empty line reads as end of file");
	TYPE("first\nsecond\n");
	CHECK(reads(3, "fir") && reads(100, "st\n") && reads(100, "second\n"),
	      "a canonical read never crosses a line end; partial reads continue the line");
	CHECK(term_discipline_readable(&discipline) == 0, "readable is 0 when all was read");
}

static void signals_and_echo(void)
{
	reset();
	TYPE("partial\x03");
	CHECK(signals[0] == 1 && echo_is("partial^C"), "^C is SIGINT, echoed as ^C");
	TYPE("\n");
	CHECK(reads(100, "\n"), "the partial line was discarded");
	TYPE("\x1c\x1a");
	CHECK(signals[1] == 1 && signals[2] == 1, "^\\ is SIGQUIT and ^Z SIGTSTP");
	discipline.attributes.local_flags |= NOFLSH;
	TYPE("kept\x03\n");
	CHECK(reads(100, "kept\n"), "with NOFLSH the line survives ^C");
	discipline.attributes.local_flags &= ~(tcflag_t)ISIG;
	TYPE("\x03\n");
	CHECK(signals[0] == 2 && reads(100, "\x03\n"), "without ISIG ^C is an ordinary byte");
	reset();
	discipline.attributes.local_flags &= ~(tcflag_t)ECHO;
	TYPE("secret\n");
	CHECK(echo_is("") && reads(100, "secret\n"), "no echo with ECHO off");
	discipline.attributes.local_flags |= ECHONL;
	TYPE("x\n");
	CHECK(echo_is("\r\n"), "ECHONL echoes the newline alone");
}

static void raw(void)
{
	reset();
	discipline.attributes.local_flags &= ~(tcflag_t)(ICANON | ECHO);
	CHECK(!term_discipline_read_ready(&discipline, 10), "raw, VMIN 1: nothing to read waits");
	TYPE("x");
	CHECK(echo_is("") && reads(10, "x"), "raw: a byte reads at once, no echo");
	TYPE("\x7f\x15\n");
	CHECK(reads(10, "\x7f\x15\n"), "raw: editing characters are data");
	discipline.attributes.control_chars[VMIN] = 3;
	TYPE("ab");
	CHECK(!term_discipline_read_ready(&discipline, 10), "VMIN 3: two bytes are not enough");
	CHECK(term_discipline_read_ready(&discipline, 2), "unless the read wants only two");
	TYPE("c");
	CHECK(reads(10, "abc"), "VMIN 3: three bytes read");
	discipline.attributes.control_chars[VMIN] = 0;
	CHECK(term_discipline_read_ready(&discipline, 10) && reads(10, ""),
	      "VMIN 0, VTIME 0: a read returns at once");
	reset();
	TYPE("ls\necho ty");
	struct hurd_termios modes = discipline.attributes;
	modes.local_flags &= ~(tcflag_t)(ICANON | ECHO);
	term_discipline_set_attributes(&discipline, &modes);
	CHECK(reads(3, "ls\n") && reads(10, "echo ty"),
	      "leaving canonical mode: a line and the one being typed read raw");
	TYPE("pe");
	CHECK(reads(10, "pe"), "and what comes after them");
}

static void limits_and_output(void)
{
	reset();
	char long_line[3000];
	memset(long_line, 'a', sizeof(long_line));
	type(long_line, sizeof(long_line));
	TYPE("\n");
	char out[TERM_READY_MAX];
	size_t count = term_discipline_read(&discipline, out, sizeof(out));
	CHECK(count == TERM_LINE_MAX && out[count - 1] == '\n',
	      "an overlong line is cut, keeping room for its newline (%zu)", count);
	type(long_line, 1000);
	echoed_length = 0;
	TYPE("\x15");
	CHECK(echoed_length == 3000, "killing 1000 bytes echoes 3000 (%zu)", echoed_length);
	for (int i = 0; i < 100; i++)
		TYPE("x\n");
	CHECK(discipline.line_count == TERM_LINES_MAX, "complete lines are bounded");
	term_discipline_flush_input(&discipline);
	CHECK(term_discipline_readable(&discipline) == 0, "flush empties the input");
	char processed[16];
	CHECK(term_discipline_output(&discipline, "a\nb", 3, processed) == 4 &&
	          memcmp(processed, "a\r\nb", 4) == 0,
	      "ONLCR turns LF into CR LF");
	discipline.attributes.output_flags &= ~(tcflag_t)OPOST;
	CHECK(term_discipline_output(&discipline, "a\nb", 3, processed) == 3,
	      "without OPOST output is untouched");
	CHECK(discipline.window.rows == 24 && discipline.window.columns == 80,
	      "the default window is 24x80");
}

int main(void)
{
	cooked();
	signals_and_echo();
	raw();
	limits_and_output();
	return tap_finish();
}
