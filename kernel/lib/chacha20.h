/* The ChaCha20 block function (RFC 8439, section 2.3), the mixing step of the
 * kernel's entropy source; portable, tested on the host against the RFC. */
#ifndef WB_LIB_CHACHA20_H
#define WB_LIB_CHACHA20_H

#include <stdint.h>

/* out = the block of key for a 32-bit block counter and a 96-bit nonce (three
 * little-endian words), as the RFC numbers them. */
void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
                    uint32_t out[16]);

#endif
