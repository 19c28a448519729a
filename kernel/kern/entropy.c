/* The entropy source (entropy.h). Samples are folded into a 256-bit pool with a
 * multiply-rotate mix (fast enough for every interrupt; no claim of strength).
 * Each read takes the generator's lock, derives a fresh key from the old key,
 * the pool and, if present, 64 bits of RDSEED/RDRAND by one ChaCha20 block
 * (lib/chacha20.c), then emits further blocks of the new
 * key as output: a key never outlives the read that used it. */
#include "kern/entropy.h"
#include "kern/irq_state.h"
#include "kern/spinlock.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/rtc.h"
#include "lib/chacha20.h"
#include "lib/kstring.h"

#define POOL_WORDS       4
#define CPUID_RDRAND_ECX (1u << 30) /* leaf 1 */
#define CPUID_RDSEED_EBX (1u << 18) /* leaf 7, subleaf 0 */

static uint64_t pool[POOL_WORDS]; /* updated with atomic operations, no lock */
static unsigned pool_cursor;

static spinlock_t generator_lock = SPINLOCK_INIT;
static uint32_t key[8];        /* under generator_lock */
static uint32_t block_counter; /* under generator_lock */
static bool has_rdrand, has_rdseed;

static uint64_t rotate_left64(uint64_t value, unsigned bits)
{
	return (value << bits) | (value >> (64 - bits));
}

static bool cpu_random64(uint64_t *value)
{
	for (unsigned attempt = 0; attempt < 10; attempt++) {
		unsigned char ok = 0;
		if (has_rdseed)
			__asm__ volatile("rdseed %0; setc %1" : "=r"(*value), "=qm"(ok));
		else if (has_rdrand)
			__asm__ volatile("rdrand %0; setc %1" : "=r"(*value), "=qm"(ok));
		else
			return false;
		if (ok)
			return true;
	}
	return false;
}

void entropy_add_sample(uint64_t sample)
{
	unsigned slot = __atomic_fetch_add(&pool_cursor, 1, __ATOMIC_RELAXED) % POOL_WORDS;
	uint64_t old = __atomic_load_n(&pool[slot], __ATOMIC_RELAXED);
	uint64_t mixed = rotate_left64((old ^ sample) * 0x9e3779b97f4a7c15ull, 29) + sample;
	__atomic_store_n(&pool[slot], mixed, __ATOMIC_RELAXED);
}

void entropy_init(bool use_cpu_generator)
{
	uint32_t regs[4];
	cpuid(0, 0, regs);
	uint32_t max_leaf = regs[0];
	cpuid(1, 0, regs);
	has_rdrand = use_cpu_generator && (regs[2] & CPUID_RDRAND_ECX);
	if (max_leaf >= 7) {
		cpuid(7, 0, regs);
		has_rdseed = use_cpu_generator && (regs[1] & CPUID_RDSEED_EBX);
	}
	uint64_t seconds = 0;
	(void)rtc_read_unix_seconds(&seconds);
	entropy_add_sample(seconds);
	/* Jitter: the TSC between port reads varies with the machine's state. */
	for (unsigned i = 0; i < 256; i++) {
		uint64_t before = rdtsc();
		(void)inb(0x80);
		entropy_add_sample(rdtsc() - before + (before << 17));
	}
	uint8_t discard[32];
	entropy_read(discard, sizeof(discard));
}

bool entropy_uses_cpu_generator(void)
{
	return has_rdrand || has_rdseed;
}

/* Under generator_lock: the next key from the old one, the pool, the TSC and the CPU's generator.
 */
static void rekey(void)
{
	uint64_t hardware = 0;
	(void)cpu_random64(&hardware);
	uint64_t mix = rdtsc() ^ hardware;
	for (unsigned i = 0; i < POOL_WORDS; i++)
		mix = rotate_left64(mix ^ __atomic_load_n(&pool[i], __ATOMIC_RELAXED), 23) *
		      0xff51afd7ed558ccdull;
	uint32_t nonce[3] = {(uint32_t)mix, (uint32_t)(mix >> 32), 1}; /* word 2: rekeying */
	uint32_t block[16];
	chacha20_block(key, block_counter++, nonce, block);
	for (unsigned i = 0; i < 8; i++)
		key[i] = block[i] ^ block[8 + i];
}

void entropy_read(void *buffer, size_t size)
{
	uint8_t *out = buffer;
	while (size > 0) {
		irq_state_t state = spin_lock_irqsave(&generator_lock);
		rekey();
		uint32_t block_key[8];
		memcpy(block_key, key, sizeof(block_key));
		uint32_t first = block_counter;
		block_counter += 64; /* up to 4 KiB a turn, then the lock goes */
		rekey();             /* the key that made this output is gone from the state */
		spin_unlock_irqrestore(&generator_lock, state);
		static const uint32_t output_nonce[3] = {0, 0, 0}; /* word 2: output */
		for (uint32_t index = 0; index < 64 && size > 0; index++) {
			uint32_t block[16];
			chacha20_block(block_key, first + index, output_nonce, block);
			size_t chunk = size < sizeof(block) ? size : sizeof(block);
			memcpy(out, block, chunk);
			out += chunk;
			size -= chunk;
			memset(block, 0, sizeof(block));
		}
		memset(block_key, 0, sizeof(block_key));
	}
}
