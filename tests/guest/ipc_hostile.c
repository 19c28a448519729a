/* The hostile-message test: 100,000 randomly corrupted messages (random bits,
 * lying sizes, bogus names, dispositions and out-of-line pointers; seeded, seed
 * printed) to the kernel (our task port) and to a child task's port. Every send
 * must come back with a result, and our name space must end as it started. */
#include "ipc_common.h"

#define HOSTILE_MESSAGES     100000
#define HOSTILE_CHILD_MODULE 1
#define HOSTILE_BUFFER_WORDS 64
#define HOSTILE_BAIT_SIZE    (16 * 4096)

static uint64_t prng_state;

/* Valid out-of-line pointers point into this region, never at the message
 * buffer: a message that asks the kernel to deallocate what it points at is a
 * request the kernel honours, so the region is put back after every accepted
 * send. */
static vm_address_t bait;
static unsigned bait_failures;

static uint64_t next_random(void)
{
	/* xorshift64* */
	prng_state ^= prng_state >> 12;
	prng_state ^= prng_state << 25;
	prng_state ^= prng_state >> 27;
	return prng_state * 0x2545f4914f6cdd1dull;
}

/* A plausible message, then some of its words replaced by random ones. */
static mach_msg_size_t corrupt_message(uint32_t *words, mach_port_t destination, mach_port_t own)
{
	mach_msg_header_t *header = (mach_msg_header_t *)words;
	for (unsigned i = 0; i < HOSTILE_BUFFER_WORDS; i++)
		words[i] = (uint32_t)next_random();
	const mach_msg_type_name_t dispositions[] = {MACH_MSG_TYPE_MOVE_RECEIVE,
	                                             MACH_MSG_TYPE_MOVE_SEND,
	                                             MACH_MSG_TYPE_MOVE_SEND_ONCE,
	                                             MACH_MSG_TYPE_COPY_SEND,
	                                             MACH_MSG_TYPE_MAKE_SEND,
	                                             MACH_MSG_TYPE_MAKE_SEND_ONCE,
	                                             0,
	                                             (mach_msg_type_name_t)next_random() & 0xff};
	uint64_t choice = next_random();
	header->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, dispositions[choice % 8]) |
	                    ((choice >> 8) & 1 ? MACH_MSGH_BITS_COMPLEX : 0);
	if ((choice >> 9) % 8 == 0)
		header->msgh_bits = (mach_msg_bits_t)next_random();
	header->msgh_remote_port = (choice >> 12) % 16 ? destination : (mach_port_t)next_random();
	header->msgh_local_port = (choice >> 16) % 4 ? own : (mach_port_t)next_random();
	header->msgh_id = (choice >> 20) % 2 ? (mach_msg_id_t)(3200 + next_random() % 400)
	                                     : (mach_msg_id_t)next_random();
	/* Bodies: type descriptors of every kind, names of ours or bogus, OOL
	 * pointers to nothing, into the kernel, or to our own stack. */
	for (unsigned i = sizeof(*header) / 4; i + 3 < HOSTILE_BUFFER_WORDS; i += 3) {
		mach_msg_type_t *type = (mach_msg_type_t *)&words[i];
		uint64_t bits = next_random();
		if (bits % 3 == 0)
			continue;
		type->msgt_name =
		    bits % 5 == 0 ? (unsigned)(bits >> 8) & 0xff : 16 + (bits >> 8) % 8;
		type->msgt_size = bits % 7 == 0 ? (bits >> 16) & 0xff : 32;
		type->msgt_number = (bits >> 24) % 4;
		type->msgt_inline = (bits >> 30) & 1;
		type->msgt_longform = ((bits >> 31) % 8) == 0;
		type->msgt_deallocate = (bits >> 34) & 1;
		type->msgt_unused = ((bits >> 35) % 16) == 0;
		uint64_t pointer = (bits >> 40) % 4 == 0   ? 0xffff800000001000ull
		                   : (bits >> 40) % 4 == 1 ? bait + (bits >> 48) % 4096
		                   : (bits >> 40) % 4 == 2 ? 0x1000
		                                           : next_random();
		words[i + 1] = (bits >> 42) & 1 ? own : (uint32_t)pointer;
		words[i + 2] = (uint32_t)(pointer >> 32);
	}
	uint64_t size_choice = next_random() % 8;
	mach_msg_size_t size = size_choice == 0   ? (mach_msg_size_t)next_random()
	                       : size_choice == 1 ? (mach_msg_size_t)(next_random() % 300)
	                                          : (mach_msg_size_t)(4 * (8 + next_random() % 56));
	header->msgh_size = next_random() % 4 ? size : (mach_msg_size_t)next_random();
	return size;
}

static unsigned blast(mach_port_t destination, mach_port_t own, unsigned count, unsigned *accepted)
{
	static uint32_t words[HOSTILE_BUFFER_WORDS];
	unsigned answered = 0;
	for (unsigned i = 0; i < count; i++) {
		mach_msg_size_t size = corrupt_message(words, destination, own);
		/* The send size is bounded by the buffer so that a lying size only
		 * lies to the kernel, never makes us read past our own memory. */
		if (size > sizeof(words))
			size = next_random() % 2 ? sizeof(words) : size;
		mach_msg_return_t result =
		    mach_msg_trap((mach_msg_header_t *)words, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
		                  size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
		answered++;
		if (result == MACH_MSG_SUCCESS) {
			(*accepted)++;
			(void)vm_deallocate(mach_task_self(), bait, HOSTILE_BAIT_SIZE);
			if (vm_allocate(mach_task_self(), &bait, HOSTILE_BAIT_SIZE, FALSE) !=
			    KERN_SUCCESS)
				bait_failures++;
		}
		/* A kernel RPC that was accepted may have sent a reply to `own`. */
		if ((i & 63) == 0) {
			while (ipc_receive_and_destroy_within(own, 0) == MACH_MSG_SUCCESS)
				;
		}
	}
	return answered;
}

/* A seed given on the command line as s=<decimal>. */
static uint64_t parse_decimal(const char *text)
{
	uint64_t value = 0;
	while (*text >= '0' && *text <= '9')
		value = value * 10 + (uint64_t)(*text++ - '0');
	return value;
}

int main(int argc, char **argv)
{
	prng_state = read_tsc() | 1;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == 's' && argv[i][1] == '=')
			prng_state = parse_decimal(argv[i] + 2) | 1;
	}
	print("ipc_hostile: seed s=%lu\n", (unsigned long)prng_state);
	mach_port_t self = mach_task_self();
	check(vm_allocate(self, &bait, HOSTILE_BAIT_SIZE, TRUE) == KERN_SUCCESS,
	      "a bait region for out-of-line pointers is allocated");
	struct ipc_name_snapshot before, after;
	static struct ipc_kernel_counts kernel_before, kernel_after;
	check(ipc_snapshot_names(&before) == KERN_SUCCESS, "the starting names are listed");
	check(ipc_snapshot_kernel_counts(&kernel_before) == KERN_SUCCESS,
	      "the kernel's object counts are read (host_slab_info)");

	mach_port_t own = ipc_new_receive();
	(void)mach_port_set_qlimit(self, own, MACH_PORT_QLIMIT_MAX);
	mach_port_t child = MACH_PORT_NULL;
	uint64_t child_task = 0;
	bool have_child =
	    check(ipc_child_start(HOSTILE_CHILD_MODULE, &child, &child_task) == KERN_SUCCESS,
	          "a child task gives us a send right to its port");

	unsigned accepted = 0;
	unsigned answered = blast(self, own, HOSTILE_MESSAGES / 2, &accepted);
	check(answered == HOSTILE_MESSAGES / 2,
	      "%u corrupted messages to our task port all came back (%u accepted)", answered,
	      accepted);
	if (have_child) {
		accepted = 0;
		answered = blast(child, own, HOSTILE_MESSAGES / 2, &accepted);
		check(answered == HOSTILE_MESSAGES / 2,
		      "%u corrupted messages to the child's port all came back (%u accepted)",
		      answered, accepted);
		check(ipc_child_ping(child) == KERN_SUCCESS,
		      "the child still answers after the storm");
		check(ipc_send_simple(child, MACH_MSG_TYPE_COPY_SEND, MACH_PORT_NULL, 0,
		                      IPC_CHILD_EXIT, 0, MACH_SEND_TIMEOUT,
		                      5000) == MACH_MSG_SUCCESS,
		      "the child is told to exit");
		int status = -1;
		kern_return_t waited = wb_task_wait(child_task, &status);
		check(waited == KERN_SUCCESS && status == 0,
		      "the child task ended normally (status %d)", status);
	}
	while (ipc_receive_and_destroy(own) == MACH_MSG_SUCCESS)
		;
	(void)mach_port_destroy(self, own);
	if (MACH_PORT_VALID(child))
		(void)mach_port_destroy(self, child);
	/* Rights the storm moved or created under other names (our own receive
	 * right moved into a message to ourselves, etc.) are gone with `own`; what
	 * is left must be exactly the starting set. */
	check(ipc_snapshot_names(&after) == KERN_SUCCESS && ipc_snapshots_equal(&before, &after),
	      "the name space is back to its starting names");
	check(ipc_snapshot_kernel_counts(&kernel_after) == KERN_SUCCESS &&
	          ipc_kernel_counts_equal(&kernel_before, &kernel_after),
	      "the kernel's object counts are back to their starting values");
	check(bait_failures == 0,
	      "the bait region was put back after every accepted send (%u failures)",
	      bait_failures);
	print("ipc_hostile: done, %u checks failed\n", checks_failed());
	return checks_failed() ? 1 : 0;
}
