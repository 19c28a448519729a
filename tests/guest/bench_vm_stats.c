/* Order statistics and error reports of the VM benchmarks' guest programs (see
 * bench_vm_common.h): an insertion sort (a few hundred samples at most) and error names. */
#include "rt/rt.h"
#include "bench_vm_common.h"

struct bench_vm_summary bench_vm_summarize(uint64_t *samples, unsigned count)
{
	for (unsigned i = 1; i < count; i++) {
		uint64_t sample = samples[i];
		unsigned j = i;
		for (; j > 0 && samples[j - 1] > sample; j--)
			samples[j] = samples[j - 1];
		samples[j] = sample;
	}
	return (struct bench_vm_summary){
	    .minimum = samples[0], .median = samples[count / 2], .maximum = samples[count - 1]};
}

const char *bench_vm_error_name(kern_return_t result)
{
	static const struct {
		kern_return_t code;
		const char *name;
	} names[] = {
	    {KERN_INVALID_ADDRESS, "KERN_INVALID_ADDRESS"},
	    {KERN_PROTECTION_FAILURE, "KERN_PROTECTION_FAILURE"},
	    {KERN_NO_SPACE, "KERN_NO_SPACE"},
	    {KERN_INVALID_ARGUMENT, "KERN_INVALID_ARGUMENT"},
	    {KERN_FAILURE, "KERN_FAILURE"},
	    {KERN_RESOURCE_SHORTAGE, "KERN_RESOURCE_SHORTAGE"},
	    {KERN_INVALID_RIGHT, "KERN_INVALID_RIGHT"},
	    {KERN_INVALID_NAME, "KERN_INVALID_NAME"},
	    {KERN_INVALID_CAPABILITY, "KERN_INVALID_CAPABILITY"},
	    {KERN_MEMORY_ERROR, "KERN_MEMORY_ERROR"},
	    {KERN_INVALID_HOST, "KERN_INVALID_HOST"},
	    {KERN_INVALID_VALUE, "KERN_INVALID_VALUE"},
	    {MIG_BAD_ID, "MIG_BAD_ID"},
	    {MIG_BAD_ARGUMENTS, "MIG_BAD_ARGUMENTS"},
	    {MIG_TYPE_ERROR, "MIG_TYPE_ERROR"},
	    {MIG_REPLY_MISMATCH, "MIG_REPLY_MISMATCH"},
	    {MIG_SERVER_DIED, "MIG_SERVER_DIED"},
	    {MACH_SEND_INVALID_DEST, "MACH_SEND_INVALID_DEST"},
	    {MACH_SEND_INVALID_MEMORY, "MACH_SEND_INVALID_MEMORY"},
	    {MACH_SEND_NO_BUFFER, "MACH_SEND_NO_BUFFER"},
	    {MACH_RCV_TIMED_OUT, "MACH_RCV_TIMED_OUT"},
	    {MACH_RCV_TOO_LARGE, "MACH_RCV_TOO_LARGE"},
	};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].code == result)
			return names[i].name;
	}
	return NULL;
}

bool bench_vm_succeeded(const char *program, kern_return_t result, const char *what)
{
	if (result == KERN_SUCCESS)
		return true;
	const char *name = bench_vm_error_name(result);
	print("bench: vm %s: %s failed (%s%s%d)\n", program, what, name ? name : "",
	      name ? " " : "", (int)result);
	return false;
}
