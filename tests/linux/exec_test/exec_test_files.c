/* The test's own file server (exec_test.h): each file is a lib/ports object
 * over bytes in memory (a boot module's), served io_stat and io_read so that
 * the exec server can read programs from it. */
#include "exec_test.h"

#include <errno.h>
#include <string.h>
#include <hurd/hurd_demux.h>
#include <hurd/io_server.h>
#include <ports.h>

struct test_file {
	struct ports_object head;
	const char *bytes;
	size_t size;
	uint32_t mode;
};

static const struct ports_class test_file_class = {"test file", NULL};
static const mach_msg_demux_t file_demuxers[] = {io_server};
static struct ports_bucket *bucket;
static volatile unsigned reads;

int test_files_start(void)
{
	struct ports_bucket_config config = {
	    .max_workers = 4,
	    .max_message = 8192,
	    .demuxers = file_demuxers,
	    .demuxer_count = 1,
	};
	return ports_bucket_create(&config, &bucket);
}

int test_file_create(const void *bytes, size_t size, uint32_t mode, mach_port_t *port)
{
	struct test_file *file;
	int error = ports_create_object(bucket, &test_file_class, sizeof(*file), &file);
	if (error)
		return error;
	file->bytes = bytes;
	file->size = size;
	file->mode = mode;
	/* Our reference keeps the file for the whole test. */
	return ports_get_send_right(file, port) == KERN_SUCCESS ? 0 : ENOMEM;
}

unsigned test_files_reads(void)
{
	return reads;
}

static struct test_file *current_file(void)
{
	struct ports_object *object = ports_rpc_object();
	return object && object->class == &test_file_class ? (struct test_file *)object : NULL;
}

kern_return_t S_io_stat(io_t stat_object, io_statbuf_t *stat_info)
{
	(void)stat_object;
	struct test_file *file = current_file();
	if (!file)
		return EOPNOTSUPP;
	memset(stat_info, 0, sizeof(*stat_info));
	stat_info->mode = file->mode;
	stat_info->size = (int64_t)file->size;
	stat_info->nlink = 1;
	stat_info->block_size = 4096;
	return 0;
}

kern_return_t S_io_read(io_t io_object, data_t *data, mach_msg_type_number_t *dataCnt,
                        hurd_off_t offset, vm_size_t amount)
{
	(void)io_object;
	struct test_file *file = current_file();
	if (!file)
		return EOPNOTSUPP;
	if (offset < 0)
		return EINVAL;
	reads++;
	size_t start = (uint64_t)offset < file->size ? (size_t)offset : file->size;
	size_t count = file->size - start < amount ? file->size - start : amount;
	if (count > *dataCnt) {
		vm_address_t memory = 0;
		if (vm_allocate(mach_task_self(), &memory, count, TRUE) != KERN_SUCCESS)
			return ENOMEM;
		*data = (data_t)memory;
	}
	memcpy(*data, file->bytes + start, count);
	*dataCnt = (mach_msg_type_number_t)count;
	return 0;
}
