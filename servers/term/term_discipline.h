/* The term server's line discipline, pure logic (host-tested): input editing
 * (erase, kill, word erase, EOF), echo, ISIG characters, canonical and
 * non-canonical reads, output post-processing. termios flags and c_cc
 * indices are Linux's (<termios.h>), which the emulator passes through. */
#ifndef TERM_DISCIPLINE_H
#define TERM_DISCIPLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <hurd/hurd_types.h>

#define TERM_LINE_MAX  1024 /* the line being edited */
#define TERM_READY_MAX 4096 /* bytes a read can take */
#define TERM_LINES_MAX 64   /* complete lines (and EOFs) waiting */
/* Echo one input byte can make, before post-processing: a kill erasing a full
 * line of control characters ("\b \b" twice each). */
#define TERM_OUTPUT_MAX (6 * TERM_LINE_MAX + 8)

enum term_signal { TERM_NO_SIGNAL = 0, TERM_SIGINT = 2, TERM_SIGQUIT = 3, TERM_SIGTSTP = 20 };

struct term_discipline {
	struct hurd_termios attributes;
	struct hurd_winsize window;
	char line[TERM_LINE_MAX];
	size_t line_length;
	char ready[TERM_READY_MAX];
	size_t ready_length;
	/* Canonical mode: where each complete line ends in ready (an EOF typed on
	 * an empty line is a line of length 0: a read returns nothing). */
	size_t line_ends[TERM_LINES_MAX];
	size_t line_count;
};

/* Sane defaults: cooked, echo, ISIG, ICRNL, ONLCR, 115200 baud, 24x80. */
void term_discipline_init(struct term_discipline *discipline);
/* One received byte: edits or queues it, writes its echo (raw, before output
 * post-processing) to echo (room for TERM_OUTPUT_MAX) and its length to
 * *echo_length, and returns the signal it stands for, if any (then pending
 * input is discarded unless NOFLSH). */
enum term_signal term_discipline_input(struct term_discipline *discipline, char byte, char *echo,
                                       size_t *echo_length);
/* Whether a read of amount bytes can be answered now. */
bool term_discipline_read_ready(const struct term_discipline *discipline, size_t amount);
/* Takes at most amount bytes for a read that is ready (a canonical read stops
 * at the end of a line); returns how many (0: end of file or VMIN 0). */
size_t term_discipline_read(struct term_discipline *discipline, char *out, size_t amount);
/* Bytes a read could take now. */
size_t term_discipline_readable(const struct term_discipline *discipline);
/* New modes; leaving canonical mode makes the line being edited readable. */
void term_discipline_set_attributes(struct term_discipline *discipline,
                                    const struct hurd_termios *attributes);
/* Discards the line being edited and what is ready. */
void term_discipline_flush_input(struct term_discipline *discipline);
/* Output post-processing (OPOST: ONLCR, OCRNL) of length bytes into out (room
 * for 2 * length); returns the bytes written. */
size_t term_discipline_output(const struct term_discipline *discipline, const char *in,
                              size_t length, char *out);

#endif
