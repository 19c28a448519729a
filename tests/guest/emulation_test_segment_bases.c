/* Emulation test: FS and GS bases (i386_FSGS_BASE_STATE) set with
 * thread_set_state on the calling thread and on another running thread, read
 * back with thread_get_state, seen by %fs:/%gs:-relative loads, refused when
 * not a user address, and each thread's own across context switches. */
#include "emulation_test.h"
#include <mach/thread_status.h>
#include <libmach/thread_data.h>

#define WORKERS         5 /* the last one keeps bases 0 */
#define WORKER_ROUNDS   50000
#define SWITCH_EVERY    16
#define FS_MAGIC(index) (0xf5f5000000000000ul + (index))
#define GS_MAGIC(index) (0x6565000000000000ul + (index))

static inline uint64_t fs_word(void)
{
	uint64_t value;
	__asm__ volatile("movq %%fs:0, %0" : "=r"(value) : : "memory");
	return value;
}

static inline uint64_t gs_word(void)
{
	uint64_t value;
	__asm__ volatile("movq %%gs:0, %0" : "=r"(value) : : "memory");
	return value;
}

static kern_return_t set_bases(mach_port_t thread, uint64_t fs_base, uint64_t gs_base)
{
	struct i386_fsgs_base_state state = {.fs_base = fs_base, .gs_base = gs_base};
	return thread_set_state(thread, i386_FSGS_BASE_STATE, (thread_state_t)&state,
	                        i386_FSGS_BASE_STATE_COUNT);
}

static bool bases_are(mach_port_t thread, uint64_t fs_base, uint64_t gs_base)
{
	struct i386_fsgs_base_state state = {1, 1};
	mach_msg_type_number_t count = i386_FSGS_BASE_STATE_COUNT;
	return thread_get_state(thread, i386_FSGS_BASE_STATE, (thread_state_t)&state, &count) ==
	           KERN_SUCCESS &&
	       count == i386_FSGS_BASE_STATE_COUNT && state.fs_base == fs_base &&
	       state.gs_base == gs_base;
}

static uint64_t fs_blocks[WORKERS + 2], gs_blocks[WORKERS + 2];
#define MAIN_INDEX  WORKERS
#define OTHER_INDEX (WORKERS + 1)

static void fill_blocks(void)
{
	for (unsigned i = 0; i < WORKERS + 2; i++) {
		fs_blocks[i] = FS_MAGIC(i);
		gs_blocks[i] = GS_MAGIC(i);
	}
}

static void own_thread(mach_port_t self)
{
	uint64_t fs = (uint64_t)&fs_blocks[MAIN_INDEX], gs = (uint64_t)&gs_blocks[MAIN_INDEX];
	check(bases_are(self, 0, 0), "a thread starts with FS and GS bases 0");
	check(set_bases(self, fs, gs) == KERN_SUCCESS,
	      "thread_set_state(i386_FSGS_BASE_STATE) on the calling thread itself");
	check(fs_word() == FS_MAGIC(MAIN_INDEX) && gs_word() == GS_MAGIC(MAIN_INDEX),
	      "%%fs:0 and %%gs:0 read the words at the new bases at once");
	check(bases_are(self, fs, gs), "thread_get_state reads the bases back");

	check(set_bases(self, 0x0000800000000000ul, gs) == KERN_INVALID_ARGUMENT,
	      "an FS base just past user space is refused");
	check(set_bases(self, fs, 0xffff800000000000ul) == KERN_INVALID_ARGUMENT,
	      "a GS base in the kernel's half is refused");
	check(set_bases(self, 0x8000000000000000ul, gs) == KERN_INVALID_ARGUMENT,
	      "a non-canonical FS base is refused");
	struct i386_fsgs_base_state state = {0, 0};
	check(thread_set_state(self, i386_FSGS_BASE_STATE, (thread_state_t)&state,
	                       i386_FSGS_BASE_STATE_COUNT - 1) == KERN_INVALID_ARGUMENT,
	      "a short FS/GS state is refused");
	mach_msg_type_number_t count = i386_FSGS_BASE_STATE_COUNT - 1;
	check(thread_get_state(self, i386_FSGS_BASE_STATE, (thread_state_t)&state, &count) ==
	          KERN_INVALID_ARGUMENT,
	      "thread_get_state with too small a buffer is refused");
	check(bases_are(self, fs, gs) && fs_word() == FS_MAGIC(MAIN_INDEX),
	      "after the refusals the bases are unchanged");

	mach_port_t fresh = MACH_PORT_NULL;
	check(thread_create(mach_task_self(), &fresh) == KERN_SUCCESS && bases_are(fresh, 0, 0),
	      "a thread made by thread_create has bases 0");
	if (MACH_PORT_VALID(fresh)) {
		(void)thread_terminate(fresh);
		(void)mach_port_deallocate(mach_task_self(), fresh);
	}
}

static struct {
	volatile mach_port_t thread;
	volatile bool go, done;
	uint64_t fs_seen, gs_seen;
} other;

static void other_thread(uint64_t unused)
{
	(void)unused;
	other.thread = mach_thread_self();
	while (!__atomic_load_n(&other.go, __ATOMIC_ACQUIRE))
		__asm__ volatile("pause");
	other.fs_seen = fs_word();
	other.gs_seen = gs_word();
	libmach_thread_exit();
	__atomic_store_n(&other.done, true, __ATOMIC_RELEASE);
}

static void wait_for(volatile bool *flag)
{
	for (unsigned tries = 0; tries < 2000 && !__atomic_load_n(flag, __ATOMIC_ACQUIRE); tries++)
		ipc_pause_ms(5);
}

static void another_thread(void)
{
	if (!check(rt_thread_start(other_thread, 0) == KERN_SUCCESS, "another thread starts"))
		return;
	for (unsigned tries = 0; tries < 2000 && other.thread == MACH_PORT_NULL; tries++)
		ipc_pause_ms(1);
	uint64_t fs = (uint64_t)&fs_blocks[OTHER_INDEX], gs = (uint64_t)&gs_blocks[OTHER_INDEX];
	check(set_bases(other.thread, fs, gs) == KERN_SUCCESS,
	      "thread_set_state sets the bases of another thread while it runs");
	check(bases_are(other.thread, fs, gs), "thread_get_state reads them back");
	__atomic_store_n(&other.go, true, __ATOMIC_RELEASE);
	wait_for(&other.done);
	check(other.done && other.fs_seen == FS_MAGIC(OTHER_INDEX) &&
	          other.gs_seen == GS_MAGIC(OTHER_INDEX),
	      "that thread's %%fs:0 and %%gs:0 read its new bases");
	check(fs_word() == FS_MAGIC(MAIN_INDEX) && gs_word() == GS_MAGIC(MAIN_INDEX),
	      "ours are still our own");
	(void)mach_port_deallocate(mach_task_self(), other.thread);
}

void emulation_test_segment_bases(void)
{
	fill_blocks();
	mach_port_t self = mach_thread_self();
	own_thread(self);
	another_thread();
	(void)mach_port_deallocate(mach_task_self(), self);
}

static struct {
	kern_return_t set;
	unsigned wrong;
	bool bases_zero;
	volatile bool done;
} workers[WORKERS];

static void worker_thread(uint64_t index)
{
	mach_port_t self = mach_thread_self();
	bool with_bases = index < WORKERS - 1;
	workers[index].set =
	    with_bases ? set_bases(self, (uint64_t)&fs_blocks[index], (uint64_t)&gs_blocks[index])
	               : KERN_SUCCESS;
	unsigned wrong = 0;
	for (unsigned round = 0; round < WORKER_ROUNDS; round++) {
		if (with_bases && (fs_word() != FS_MAGIC(index) || gs_word() != GS_MAGIC(index)))
			wrong++;
		if (round % SWITCH_EVERY == 0)
			(void)swtch();
	}
	workers[index].wrong = wrong;
	workers[index].bases_zero = bases_are(self, 0, 0);
	(void)mach_port_deallocate(mach_task_self(), self);
	libmach_thread_exit();
	__atomic_store_n(&workers[index].done, true, __ATOMIC_RELEASE);
}

void emulation_test_segment_bases_threads(void)
{
	unsigned started = 0;
	for (unsigned i = 0; i < WORKERS; i++)
		if (rt_thread_start(worker_thread, i) == KERN_SUCCESS)
			started++;
	check(started == WORKERS, "%u threads start, %u of them with bases of their own", WORKERS,
	      WORKERS - 1);
	unsigned main_wrong = 0;
	bool all_done = false;
	for (unsigned tries = 0; tries < 200000 && !all_done; tries++) {
		if (fs_word() != FS_MAGIC(MAIN_INDEX) || gs_word() != GS_MAGIC(MAIN_INDEX))
			main_wrong++;
		(void)swtch();
		all_done = true;
		for (unsigned i = 0; i < started; i++)
			all_done = all_done && __atomic_load_n(&workers[i].done, __ATOMIC_ACQUIRE);
	}
	check(all_done, "every thread finished its %u rounds", WORKER_ROUNDS);
	bool sets = true;
	unsigned wrong = 0;
	for (unsigned i = 0; i < WORKERS - 1; i++) {
		sets = sets && workers[i].set == KERN_SUCCESS;
		wrong += workers[i].wrong;
	}
	check(sets, "each set its own bases on itself");
	check(all_done && wrong == 0,
	      "each read its own words through %%fs and %%gs every time, across context switches "
	      "(%u wrong)",
	      wrong);
	check(all_done && workers[WORKERS - 1].bases_zero,
	      "the thread that set none still has bases 0");
	check(main_wrong == 0, "so did the main thread meanwhile (%u wrong)", main_wrong);
	/* Leave the main thread as it started. */
	mach_port_t self = mach_thread_self();
	check(set_bases(self, 0, 0) == KERN_SUCCESS && bases_are(self, 0, 0),
	      "the main thread's bases go back to 0");
	(void)mach_port_deallocate(mach_task_self(), self);
}
