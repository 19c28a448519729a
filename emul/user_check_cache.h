/* A one-page memory of the last pointer check per thread, for the calls made
 * thousands of times a second (clock_gettime's timespec, futex wakes' words):
 * emul_user_range_ok costs an RPC, this costs a compare when the page is the
 * one checked last. A page unmapped since its check is not noticed (the same
 * window emul_user_range_ok leaves between check and use, made longer). */
#ifndef EMUL_USER_CHECK_CACHE_H
#define EMUL_USER_CHECK_CACHE_H

#include <stdbool.h>
#include <stdint.h>

/* As emul_user_range_ok(address, length, protection) (VM_PROT_READ or
 * VM_PROT_WRITE), remembering a range within one page that passed. */
bool emul_user_range_ok_cached(uint64_t address, uint64_t length, int protection);

#endif
