/* Memory and string helpers the MIG stubs call: out-of-line buffers come from
 * vm_allocate in the task's own address space, strings are copied bounded. */
#include <mach.h>

void mig_allocate(vm_address_t *address, vm_size_t size)
{
	if (vm_allocate(mach_task_self(), address, size, TRUE) != KERN_SUCCESS)
		*address = 0;
}

void mig_deallocate(vm_address_t address, vm_size_t size)
{
	if (address != 0 && size != 0)
		(void)vm_deallocate(mach_task_self(), address, size);
}

vm_size_t mig_strncpy(char *destination, const char *source, vm_size_t length)
{
	if (length == 0)
		return 0;
	vm_size_t copied = 0;
	while (copied + 1 < length && source[copied] != '\0') {
		destination[copied] = source[copied];
		copied++;
	}
	destination[copied] = '\0';
	return copied;
}

void mig_reply_setup(const mach_msg_header_t *request, mach_msg_header_t *reply)
{
	static const mach_msg_type_t return_code_type = {
	    .msgt_name = MACH_MSG_TYPE_INTEGER_32,
	    .msgt_size = 32,
	    .msgt_number = 1,
	    .msgt_inline = TRUE,
	};
	mig_reply_header_t *header = (mig_reply_header_t *)reply;
	header->Head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(request->msgh_bits), 0);
	header->Head.msgh_size = sizeof(*header);
	/* As received, the remote port is the sender's reply port. */
	header->Head.msgh_remote_port = request->msgh_remote_port;
	header->Head.msgh_local_port = MACH_PORT_NULL;
	header->Head.msgh_seqno = 0;
	header->Head.msgh_id = request->msgh_id + 100;
	header->RetCodeType = return_code_type;
	header->RetCode = MIG_BAD_ID;
}
