/* The emulator's output until a terminal server exists: the kernel's boot
 * console through the mach_print trap, in NUL-terminated chunks. */
#include <stdarg.h>
#include <mach/mach_traps.h>
#include "emul.h"
#include "lib/format.h"

#define CHUNK_BYTES 512

void emul_console_write(const char *data, size_t length)
{
	char chunk[CHUNK_BYTES];
	size_t used = 0;
	for (size_t i = 0; i < length; i++) {
		if (data[i] != '\0') /* mach_print stops at a NUL: those are dropped */
			chunk[used++] = data[i];
		if (used == CHUNK_BYTES - 1 || (i + 1 == length && used > 0)) {
			chunk[used] = '\0';
			mach_print(chunk);
			used = 0;
		}
	}
}

void emul_log(const char *format, ...)
{
	char message[400], line[CHUNK_BYTES];
	va_list args;
	va_start(args, format);
	format_string(message, sizeof(message), format, args);
	va_end(args);
	int length =
	    format_string_to(line, sizeof(line), "emul: %s: %s\n",
	                     emul_process.program_name ? emul_process.program_name : "?", message);
	if (length > 0)
		emul_console_write(line, (size_t)length < sizeof(line) ? (size_t)length
		                                                       : sizeof(line) - 1);
}
