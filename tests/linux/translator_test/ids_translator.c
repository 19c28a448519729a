/* A test translator on lib/trivfs: one read-only file that says which ids
 * its INIT_PORT_AUTH handle has (auth_getids) and a number drawn at start,
 * so that a client sees who it runs as and whether it is the same process.
 * fsys_set_options "--terminate" ends its task at once (a crash, as far as
 * its file system can tell); "--hang" makes it stop answering for good. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>
#include <trivfs.h>
#include <hurd/auth.h>
#include <wildebeest/native.h>

static char contents[128];

static int read_contents(struct trivfs *fs, int64_t offset, char *buffer, size_t amount,
                         size_t *done)
{
	(void)fs;
	*done = trivfs_read_span(offset, (int64_t)strlen(contents), amount);
	memcpy(buffer, contents + offset, *done);
	return 0;
}

static int64_t contents_size(struct trivfs *fs)
{
	(void)fs;
	return (int64_t)strlen(contents);
}

static int set_options(struct trivfs *fs, int argc, char **argv)
{
	(void)fs;
	if (argc == 1 && strcmp(argv[0], "--terminate") == 0)
		(void)task_terminate(mach_task_self());
	if (argc == 1 && strcmp(argv[0], "--hang") == 0)
		for (;;)
			sleep(60); /* with the node's lock held: no request is answered again */
	return EINVAL;
}

/* "uid=U gid=G nonce=N\n" from the identity we were given. */
static int describe_identity(void)
{
	mach_port_t auth = native_get_init_port(INIT_PORT_AUTH);
	if (!MACH_PORT_VALID(auth))
		return ENOENT;
	hurd_uid_t buffers[4][8];
	idarray_t arrays[4] = {buffers[0], buffers[1], buffers[2], buffers[3]};
	mach_msg_type_number_t counts[4] = {8, 8, 8, 8};
	kern_return_t error = auth_getids(auth, &arrays[0], &counts[0], &arrays[1], &counts[1],
	                                  &arrays[2], &counts[2], &arrays[3], &counts[3]);
	if (error)
		return error;
	if (counts[0] == 0 || counts[2] == 0)
		return EINVAL;
	unsigned long long nonce = 0;
	if (getrandom(&nonce, sizeof(nonce), 0) != sizeof(nonce))
		return EIO;
	snprintf(contents, sizeof(contents), "uid=%u gid=%u nonce=%016llx\n", arrays[0][0],
	         arrays[2][0], nonce);
	return 0;
}

int main(void)
{
	int error = describe_identity();
	if (error) {
		fprintf(stderr, "ids_translator: no identity to describe: %s\n", strerror(error));
		return 1;
	}
	static const struct trivfs_hooks hooks = {
	    .read = read_contents, .size = contents_size, .set_options = set_options};
	struct trivfs_config config = {
	    .name = "ids_translator", .mode = 0100444, .max_workers = 4, .hooks = &hooks};
	struct trivfs *fs;
	error = trivfs_create(&config, &fs);
	if (error) {
		fprintf(stderr, "ids_translator: cannot start: %s\n", strerror(error));
		return 1;
	}
	return trivfs_serve_as_boot_module(fs);
}
