/* printf-style formatting into a bounded buffer (see format.h).
 * No floating point: the kernel is built without SSE. */
#include "lib/format.h"
#include <stdbool.h>
#include <stdint.h>

struct output {
	char *buffer;
	size_t size;
	size_t length;
};

static void put_char(struct output *out, char c)
{
	if (out->length + 1 < out->size)
		out->buffer[out->length] = c;
	out->length++;
}

static void put_padded(struct output *out, const char *text, size_t length, int width,
		       bool left_align, char pad)
{
	int padding = width > (int)length ? width - (int)length : 0;
	if (!left_align) {
		/* Zero padding goes after a sign. */
		if (pad == '0' && length > 0 && text[0] == '-') {
			put_char(out, '-');
			text++;
			length--;
		}
		while (padding-- > 0)
			put_char(out, pad);
	}
	for (size_t i = 0; i < length; i++)
		put_char(out, text[i]);
	if (left_align) {
		while (padding-- > 0)
			put_char(out, ' ');
	}
}

static size_t unsigned_to_text(char *digits, uint64_t value, unsigned base, bool upper)
{
	const char *alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char reversed[24];
	size_t n = 0;
	do {
		reversed[n++] = alphabet[value % base];
		value /= base;
	} while (value);
	for (size_t i = 0; i < n; i++)
		digits[i] = reversed[n - 1 - i];
	return n;
}

int format_string(char *buffer, size_t size, const char *format, va_list args)
{
	struct output out = {buffer, size, 0};
	for (const char *p = format; *p; p++) {
		if (*p != '%') {
			put_char(&out, *p);
			continue;
		}
		p++;
		bool left_align = false;
		char pad = ' ';
		for (;; p++) {
			if (*p == '-')
				left_align = true;
			else if (*p == '0')
				pad = '0';
			else
				break;
		}
		int width = 0;
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (*p++ - '0');
		int longness = 0; /* 0 int, 1 long, 2 long long, -1 short */
		for (;; p++) {
			if (*p == 'l' || *p == 'z')
				longness++;
			else if (*p == 'h')
				longness = -1;
			else
				break;
		}
		char text[32];
		size_t length = 0;
		switch (*p) {
		case 'd':
		case 'i': {
			int64_t value = longness > 0 ? va_arg(args, int64_t) : va_arg(args, int);
			uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;
			if (value < 0)
				text[length++] = '-';
			length += unsigned_to_text(text + length, magnitude, 10, false);
			put_padded(&out, text, length, width, left_align, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			uint64_t value = longness > 0 ? va_arg(args, uint64_t) : va_arg(args, unsigned);
			unsigned base = *p == 'u' ? 10 : *p == 'o' ? 8 : 16;
			length = unsigned_to_text(text, value, base, *p == 'X');
			put_padded(&out, text, length, width, left_align, pad);
			break;
		}
		case 'p': {
			uintptr_t value = (uintptr_t)va_arg(args, void *);
			text[0] = '0';
			text[1] = 'x';
			length = 2 + unsigned_to_text(text + 2, value, 16, false);
			put_padded(&out, text, length, width, left_align, ' ');
			break;
		}
		case 'c':
			text[0] = (char)va_arg(args, int);
			put_padded(&out, text, 1, width, left_align, ' ');
			break;
		case 's': {
			const char *s = va_arg(args, const char *);
			if (!s)
				s = "(null)";
			size_t n = 0;
			while (s[n])
				n++;
			put_padded(&out, s, n, width, left_align, ' ');
			break;
		}
		case '%':
			put_char(&out, '%');
			break;
		case '\0':
			p--;
			break;
		default:
			put_char(&out, '%');
			put_char(&out, *p);
			break;
		}
	}
	if (size > 0)
		buffer[out.length < size ? out.length : size - 1] = '\0';
	return (int)out.length;
}

int format_string_to(char *buffer, size_t size, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int n = format_string(buffer, size, format, args);
	va_end(args);
	return n;
}
