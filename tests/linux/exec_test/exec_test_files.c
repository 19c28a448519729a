/* The test's own file server (exec_test.h): each file is a lib/ports object
 * over bytes in memory (a boot module's), served io_stat and io_read so that
 * the exec server can read programs from it; and a sink that keeps what
 * io_write gives it (a child's descriptor 1). */
#include "exec_test.h"

#include <errno.h>
#include <pthread.h>
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
static pthread_mutex_t sink_lock = PTHREAD_MUTEX_INITIALIZER;
static char sink_bytes[4096];
static size_t sink_used;

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

int test_sink_create(mach_port_t *port)
{
	return test_file_create(NULL, 0, 0, port); /* no bytes: writes go to the sink */
}

size_t test_sink_text(char *text, size_t size)
{
	pthread_mutex_lock(&sink_lock);
	size_t count = sink_used < size - 1 ? sink_used : size - 1;
	memcpy(text, sink_bytes, count);
	text[count] = '\0';
	pthread_mutex_unlock(&sink_lock);
	return count;
}

kern_return_t S_io_write(io_t io_object, const_data_t data, mach_msg_type_number_t dataCnt,
                         hurd_off_t offset, vm_size_t *amount)
{
	(void)io_object, (void)offset;
	struct test_file *file = current_file();
	if (!file)
		return EOPNOTSUPP;
	if (file->bytes)
		return EBADF; /* program files are read-only */
	pthread_mutex_lock(&sink_lock);
	size_t count =
	    sizeof(sink_bytes) - sink_used < dataCnt ? sizeof(sink_bytes) - sink_used : dataCnt;
	memcpy(sink_bytes + sink_used, data, count);
	sink_used += count;
	pthread_mutex_unlock(&sink_lock);
	*amount = dataCnt;
	return 0;
}
