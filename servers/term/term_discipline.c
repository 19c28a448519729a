/* The line discipline (term_discipline.h): the edit line, the ready bytes with
 * their line ends, echo as a terminal user expects it. */
#include "term_discipline.h"

#include <string.h>
#include <termios.h>

#define CONTROL(letter) ((letter)&0x1f)

void term_discipline_init(struct term_discipline *discipline)
{
	memset(discipline, 0, sizeof(*discipline));
	struct hurd_termios *t = &discipline->attributes;
	t->input_flags = ICRNL;
	t->output_flags = OPOST | ONLCR;
	t->control_flags = CS8 | CREAD | CLOCAL;
	t->local_flags = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	t->control_chars[VINTR] = CONTROL('C');
	t->control_chars[VQUIT] = 0x1c;
	t->control_chars[VERASE] = 0x7f;
	t->control_chars[VKILL] = CONTROL('U');
	t->control_chars[VEOF] = CONTROL('D');
	t->control_chars[VSUSP] = CONTROL('Z');
	t->control_chars[VWERASE] = CONTROL('W');
	t->control_chars[VMIN] = 1;
	t->control_chars[VTIME] = 0;
	t->input_speed = t->output_speed = 115200;
	discipline->window.rows = 24;
	discipline->window.columns = 80;
}

/* Whether byte is the enabled special character index (0 disables one). */
static bool is_special(const struct term_discipline *discipline, char byte, unsigned index)
{
	unsigned char value = discipline->attributes.control_chars[index];
	return value != 0 && (unsigned char)byte == value;
}

static void put(char *echo, size_t *length, char byte)
{
	if (*length < TERM_OUTPUT_MAX)
		echo[(*length)++] = byte;
}

/* The echo of an ordinary byte: control characters as ^X with ECHOCTL. */
static void echo_byte(const struct term_discipline *discipline, char byte, char *echo,
                      size_t *length)
{
	unsigned char value = (unsigned char)byte;
	if ((discipline->attributes.local_flags & ECHOCTL) && (value < 0x20 || value == 0x7f) &&
	    byte != '\n' && byte != '\t') {
		put(echo, length, '^');
		put(echo, length, value == 0x7f ? '?' : (char)(value + '@'));
	} else {
		put(echo, length, byte);
	}
}

/* Removes the last byte of the edit line, echoing its erasure. */
static void erase_one(struct term_discipline *discipline, char *echo, size_t *length)
{
	if (discipline->line_length == 0)
		return;
	unsigned char last = (unsigned char)discipline->line[--discipline->line_length];
	tcflag_t local = discipline->attributes.local_flags;
	if (!(local & ECHO) || !(local & (ECHOE | ECHOKE)))
		return;
	unsigned width =
	    ((local & ECHOCTL) && (last < 0x20 || last == 0x7f) && last != '\t') ? 2 : 1;
	for (unsigned i = 0; i < width; i++) {
		put(echo, length, '\b');
		put(echo, length, ' ');
		put(echo, length, '\b');
	}
}

/* The edit line becomes a complete line (ended by a newline or not). */
static void finish_line(struct term_discipline *discipline)
{
	size_t room = TERM_READY_MAX - discipline->ready_length;
	if (discipline->line_count == TERM_LINES_MAX || discipline->line_length > room) {
		discipline->line_length = 0; /* nobody reads: the line is lost */
		return;
	}
	memcpy(discipline->ready + discipline->ready_length, discipline->line,
	       discipline->line_length);
	discipline->ready_length += discipline->line_length;
	discipline->line_ends[discipline->line_count++] = discipline->ready_length;
	discipline->line_length = 0;
}

static bool is_word_byte(char byte)
{
	return byte != ' ' && byte != '\t';
}

static enum term_signal signal_of(const struct term_discipline *discipline, char byte)
{
	if (!(discipline->attributes.local_flags & ISIG))
		return TERM_NO_SIGNAL;
	if (is_special(discipline, byte, VINTR))
		return TERM_SIGINT;
	if (is_special(discipline, byte, VQUIT))
		return TERM_SIGQUIT;
	if (is_special(discipline, byte, VSUSP))
		return TERM_SIGTSTP;
	return TERM_NO_SIGNAL;
}

static void canonical_input(struct term_discipline *discipline, char byte, char *echo,
                            size_t *length)
{
	tcflag_t local = discipline->attributes.local_flags;
	bool echoing = (local & ECHO) != 0;
	if (is_special(discipline, byte, VERASE)) {
		erase_one(discipline, echo, length);
	} else if (is_special(discipline, byte, VKILL)) {
		if (echoing && !(local & (ECHOKE | ECHOE)) && (local & ECHOK)) {
			echo_byte(discipline, byte, echo, length);
			put(echo, length, '\n');
			discipline->line_length = 0;
		}
		/* Each erased byte echoes three: the echo of a long line is cut to
		 * what fits, the line is emptied anyway. */
		while (discipline->line_length > 0)
			erase_one(discipline, echo, length);
	} else if ((local & IEXTEN) && is_special(discipline, byte, VWERASE)) {
		while (discipline->line_length > 0 &&
		       !is_word_byte(discipline->line[discipline->line_length - 1]))
			erase_one(discipline, echo, length);
		while (discipline->line_length > 0 &&
		       is_word_byte(discipline->line[discipline->line_length - 1]))
			erase_one(discipline, echo, length);
	} else if (is_special(discipline, byte, VEOF)) {
		finish_line(discipline);
	} else if (byte == '\n' || is_special(discipline, byte, VEOL)) {
		if (discipline->line_length < TERM_LINE_MAX)
			discipline->line[discipline->line_length++] = byte;
		if (echoing || (byte == '\n' && (local & ECHONL)))
			put(echo, length, byte);
		finish_line(discipline);
	} else if (discipline->line_length < TERM_LINE_MAX - 1) {
		/* The last byte of room is kept for the newline. */
		discipline->line[discipline->line_length++] = byte;
		if (echoing)
			echo_byte(discipline, byte, echo, length);
	}
}

enum term_signal term_discipline_input(struct term_discipline *discipline, char byte, char *echo,
                                       size_t *echo_length)
{
	*echo_length = 0;
	const struct hurd_termios *t = &discipline->attributes;
	if (t->input_flags & ISTRIP)
		byte = (char)(byte & 0x7f);
	if (byte == '\r') {
		if (t->input_flags & IGNCR)
			return TERM_NO_SIGNAL;
		if (t->input_flags & ICRNL)
			byte = '\n';
	} else if (byte == '\n' && (t->input_flags & INLCR)) {
		byte = '\r';
	}
	enum term_signal signal = signal_of(discipline, byte);
	if (signal != TERM_NO_SIGNAL) {
		if (t->local_flags & ECHO)
			echo_byte(discipline, byte, echo, echo_length);
		if (!(t->local_flags & NOFLSH))
			term_discipline_flush_input(discipline);
		return signal;
	}
	if (t->local_flags & ICANON) {
		canonical_input(discipline, byte, echo, echo_length);
	} else if (discipline->ready_length < TERM_READY_MAX) {
		discipline->ready[discipline->ready_length++] = byte;
		if (t->local_flags & ECHO)
			echo_byte(discipline, byte, echo, echo_length);
	}
	return TERM_NO_SIGNAL;
}

bool term_discipline_read_ready(const struct term_discipline *discipline, size_t amount)
{
	if (discipline->attributes.local_flags & ICANON)
		return discipline->line_count > 0;
	size_t minimum = discipline->attributes.control_chars[VMIN];
	if (minimum > amount)
		minimum = amount;
	return discipline->ready_length >= minimum &&
	       (minimum > 0 || discipline->attributes.control_chars[VTIME] == 0 ||
	        discipline->ready_length > 0);
}

size_t term_discipline_readable(const struct term_discipline *discipline)
{
	if (discipline->attributes.local_flags & ICANON)
		return discipline->line_count > 0
		           ? discipline->line_ends[discipline->line_count - 1]
		           : 0;
	return discipline->ready_length;
}

size_t term_discipline_read(struct term_discipline *discipline, char *out, size_t amount)
{
	bool canonical = (discipline->attributes.local_flags & ICANON) != 0;
	size_t limit = discipline->ready_length;
	if (canonical) {
		if (discipline->line_count == 0)
			return 0;
		limit = discipline->line_ends[0];
	}
	size_t count = amount < limit ? amount : limit;
	memcpy(out, discipline->ready, count);
	memmove(discipline->ready, discipline->ready + count, discipline->ready_length - count);
	discipline->ready_length -= count;
	if (canonical) {
		for (size_t i = 0; i < discipline->line_count; i++)
			discipline->line_ends[i] -= count;
		if (discipline->line_ends[0] == 0) { /* the line was read to its end */
			discipline->line_count--;
			memmove(discipline->line_ends, discipline->line_ends + 1,
			        discipline->line_count * sizeof(discipline->line_ends[0]));
		}
	} else {
		/* Bytes received in canonical mode and left: complete lines read raw. */
		discipline->line_count = 0;
	}
	return count;
}

void term_discipline_set_attributes(struct term_discipline *discipline,
                                    const struct hurd_termios *attributes)
{
	bool was_canonical = (discipline->attributes.local_flags & ICANON) != 0;
	discipline->attributes = *attributes;
	if (!was_canonical || (attributes->local_flags & ICANON) || discipline->line_length == 0)
		return;
	/* Leaving canonical mode: the line being edited is input to read, as
	 * typed ahead of a shell that reads raw (what does not fit is lost). */
	size_t room = TERM_READY_MAX - discipline->ready_length;
	size_t count = discipline->line_length < room ? discipline->line_length : room;
	memcpy(discipline->ready + discipline->ready_length, discipline->line, count);
	discipline->ready_length += count;
	discipline->line_length = 0;
}

void term_discipline_flush_input(struct term_discipline *discipline)
{
	discipline->line_length = 0;
	discipline->ready_length = 0;
	discipline->line_count = 0;
}

size_t term_discipline_output(const struct term_discipline *discipline, const char *in,
                              size_t length, char *out)
{
	tcflag_t flags = discipline->attributes.output_flags;
	size_t written = 0;
	for (size_t i = 0; i < length; i++) {
		char byte = in[i];
		if ((flags & OPOST) && (flags & ONLCR) && byte == '\n') {
			out[written++] = '\r';
		} else if ((flags & OPOST) && (flags & OCRNL) && byte == '\r') {
			byte = '\n';
		}
		out[written++] = byte;
	}
	return written;
}
