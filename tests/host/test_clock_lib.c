/* Host unit test of the kernel's clock and entropy arithmetic: ChaCha20's
 * block function against RFC 8439's test vector, and the RTC's calendar
 * conversion against the C library's timegm over many dates. */
#define _GNU_SOURCE
#include "tap.h"
#include "lib/calendar.h"
#include "lib/chacha20.h"
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

static void test_chacha20(void)
{
	uint32_t key[8];
	for (unsigned i = 0; i < 8; i++)
		key[i] = (uint32_t)(4 * i) | (uint32_t)(4 * i + 1) << 8 |
		         (uint32_t)(4 * i + 2) << 16 | (uint32_t)(4 * i + 3) << 24;
	const uint32_t nonce[3] = {0x09000000, 0x4a000000, 0x00000000};
	static const uint32_t expected[16] = {0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3,
	                                      0xc7f4d1c7, 0x0368c033, 0x9aaa2204, 0x4e6cd4c3,
	                                      0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9,
	                                      0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2};
	uint32_t out[16];
	chacha20_block(key, 1, nonce, out);
	unsigned differing = 0;
	for (unsigned i = 0; i < 16; i++)
		differing += out[i] != expected[i];
	CHECK(differing == 0, "ChaCha20's block matches RFC 8439 section 2.3.2 (%u words differ)",
	      differing);
	uint32_t next[16];
	chacha20_block(key, 2, nonce, next);
	CHECK(next[0] != out[0] || next[1] != out[1], "the next counter gives another block");
}

static void test_calendar(void)
{
	CHECK(calendar_unix_seconds(1970, 1, 1, 0, 0, 0) == 0, "1970-01-01 00:00:00 is 0");
	CHECK(calendar_unix_seconds(2000, 2, 29, 12, 0, 0) == 951825600,
	      "2000-02-29 12:00:00 (a leap day of a century year) is 951825600");
	CHECK(calendar_unix_seconds(2038, 1, 19, 3, 14, 8) == 2147483648LL,
	      "2038-01-19 03:14:08 is 2^31");
	srand(5);
	unsigned mismatches = 0;
	for (unsigned i = 0; i < 100000; i++) {
		struct tm date = {.tm_year = 70 + rand() % 230,
		                  .tm_mon = rand() % 12,
		                  .tm_mday = 1 + rand() % 28,
		                  .tm_hour = rand() % 24,
		                  .tm_min = rand() % 60,
		                  .tm_sec = rand() % 60};
		int64_t ours = calendar_unix_seconds(date.tm_year + 1900, (unsigned)date.tm_mon + 1,
		                                     (unsigned)date.tm_mday, (unsigned)date.tm_hour,
		                                     (unsigned)date.tm_min, (unsigned)date.tm_sec);
		if (ours != (int64_t)timegm(&date))
			mismatches++;
	}
	CHECK(mismatches == 0, "100,000 dates from 1970 to 2299 convert as timegm does (%u differ)",
	      mismatches);
	unsigned month_ends = 0;
	for (int year = 1970; year < 2100; year++) {
		struct tm march = {.tm_year = year - 1900, .tm_mon = 2, .tm_mday = 1};
		month_ends += calendar_unix_seconds(year, 3, 1, 0, 0, 0) == (int64_t)timegm(&march);
	}
	CHECK(month_ends == 130, "every March 1st from 1970 to 2099 (after each February) agrees");
}

int main(void)
{
	test_chacha20();
	test_calendar();
	return tap_finish();
}
