/* A tiny TAP producer for the host unit tests (run by prove). */
#ifndef WB_TEST_TAP_H
#define WB_TEST_TAP_H

#include <stdio.h>

static int tap_number;
static int tap_failures;

#define CHECK(condition, ...)                                                                      \
	do {                                                                                       \
		int passed_ = (condition) ? 1 : 0;                                                 \
		printf("%s %d - ", passed_ ? "ok" : "not ok", ++tap_number);                       \
		printf(__VA_ARGS__);                                                               \
		printf("\n");                                                                      \
		if (!passed_) {                                                                    \
			tap_failures++;                                                            \
			printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #condition);         \
		}                                                                                  \
	} while (0)

static inline int tap_finish(void)
{
	printf("1..%d\n", tap_number);
	return tap_failures ? 1 : 0;
}

#endif
