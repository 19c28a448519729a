/* ChaCha20's block function (chacha20.h), written from RFC 8439: 20 rounds of
 * quarter-rounds over the 4x4 word state, then the input added back. */
#include "lib/chacha20.h"

static uint32_t rotate_left(uint32_t value, unsigned bits)
{
	return (value << bits) | (value >> (32 - bits));
}

static void quarter_round(uint32_t *state, unsigned a, unsigned b, unsigned c, unsigned d)
{
	state[a] += state[b];
	state[d] = rotate_left(state[d] ^ state[a], 16);
	state[c] += state[d];
	state[b] = rotate_left(state[b] ^ state[c], 12);
	state[a] += state[b];
	state[d] = rotate_left(state[d] ^ state[a], 8);
	state[c] += state[d];
	state[b] = rotate_left(state[b] ^ state[c], 7);
}

void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
                    uint32_t out[16])
{
	uint32_t input[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}; /* the constant */
	for (unsigned i = 0; i < 8; i++)
		input[4 + i] = key[i];
	input[12] = counter;
	input[13] = nonce[0];
	input[14] = nonce[1];
	input[15] = nonce[2];
	for (unsigned i = 0; i < 16; i++)
		out[i] = input[i];
	for (unsigned double_round = 0; double_round < 10; double_round++) {
		quarter_round(out, 0, 4, 8, 12); /* columns */
		quarter_round(out, 1, 5, 9, 13);
		quarter_round(out, 2, 6, 10, 14);
		quarter_round(out, 3, 7, 11, 15);
		quarter_round(out, 0, 5, 10, 15); /* diagonals */
		quarter_round(out, 1, 6, 11, 12);
		quarter_round(out, 2, 7, 8, 13);
		quarter_round(out, 3, 4, 9, 14);
	}
	for (unsigned i = 0; i < 16; i++)
		out[i] += input[i];
}
