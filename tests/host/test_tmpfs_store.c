/* Host test of tmpfs's pure parts: the size limit's accounting, file bytes
 * (holes, truncation, ENOSPC, EFBIG), directory entries, the ustar reader
 * on archives built here (and damaged ones), and the options. */
#include "tmpfs_store.h"
#include "tmpfs_tar.h"
#include "tmpfs_options.h"
#include "tap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void bytes_checks(void)
{
	struct tmpfs_space space = {.limit = 100};
	struct tmpfs_bytes bytes = {0};
	CHECK(tmpfs_bytes_write(&bytes, &space, 0, "hello", 5) == 0 && bytes.size == 5 &&
	          space.used == 5,
	      "a first write is charged exactly (%llu)", (unsigned long long)space.used);
	CHECK(tmpfs_bytes_write(&bytes, &space, 10, "x", 1) == 0 && bytes.size == 11 &&
	          memcmp(bytes.data + 5, "\0\0\0\0\0x", 6) == 0,
	      "a write past the end leaves a hole of zeroes");
	char buffer[32];
	size_t done = 99;
	tmpfs_bytes_read(&bytes, 3, buffer, sizeof(buffer), &done);
	CHECK(done == 8 && memcmp(buffer, "lo", 2) == 0, "a read stops at the end (%zu)", done);
	tmpfs_bytes_read(&bytes, 11, buffer, sizeof(buffer), &done);
	CHECK(done == 0, "a read at the end gives nothing");
	char big[200] = {0};
	uint64_t before = space.used;
	CHECK(tmpfs_bytes_write(&bytes, &space, 0, big, sizeof(big)) == ENOSPC &&
	          bytes.size == 11 && space.used == before,
	      "a write past the limit is ENOSPC and changes nothing");
	CHECK(tmpfs_bytes_write(&bytes, &space, 0, big, 90) == 0 && space.used <= 100,
	      "a write up to the limit fits exactly (%llu used)", (unsigned long long)space.used);
	CHECK(tmpfs_bytes_set_size(&bytes, &space, 4) == 0 && bytes.size == 4,
	      "truncating shortens");
	CHECK(tmpfs_bytes_set_size(&bytes, &space, 0) == 0 && space.used == 0 && !bytes.data,
	      "truncating to 0 gives every byte back");
	CHECK(tmpfs_bytes_set_size(&bytes, &space, 8) == 0 && bytes.size == 8 &&
	          memcmp(bytes.data, "\0\0\0\0\0\0\0\0", 8) == 0,
	      "extending fills with zeroes");
	CHECK(tmpfs_bytes_write(&bytes, &space, (int64_t)TMPFS_MAX_FILE, "x", 1) == EFBIG &&
	          tmpfs_bytes_write(&bytes, &space, -1, "x", 1) == EINVAL,
	      "past the largest file is EFBIG, a negative offset EINVAL");
	tmpfs_bytes_free(&bytes, &space);
	CHECK(space.used == 0, "freeing gives everything back");
}

static void dir_checks(void)
{
	struct tmpfs_space space = {0};
	struct tmpfs_dir dir = {0};
	int nodes[20];
	int error = 0;
	for (int i = 0; i < 20 && !error; i++) {
		char name[24];
		snprintf(name, sizeof(name), "entry%d", i);
		error = tmpfs_dir_add(&dir, &space, name, &nodes[i]);
	}
	CHECK(!error && dir.count == 20, "20 entries added (the array grows)");
	struct tmpfs_entry *entry = tmpfs_dir_find(&dir, "entry7");
	CHECK(entry && entry->node == &nodes[7] && !tmpfs_dir_find(&dir, "entry"),
	      "found by exact name");
	CHECK(tmpfs_dir_remove(&dir, &space, "entry3") == &nodes[3] && dir.count == 19 &&
	          strcmp(dir.entries[3].name, "entry4") == 0 &&
	          tmpfs_dir_remove(&dir, &space, "entry3") == NULL,
	      "removed, the later ones keep their order; a second removal finds nothing");
	struct tmpfs_space tight = {.limit = 10};
	struct tmpfs_dir small = {0};
	CHECK(tmpfs_dir_add(&small, &tight, "x", &nodes[0]) == ENOSPC && small.count == 0,
	      "an entry is charged: ENOSPC when full");
	tmpfs_dir_free(&dir, &space);
	CHECK(space.used == 0, "freeing the directory gives its names back");
}

/* A ustar archive built by hand: headers with checksums, data, the end. */
struct archive {
	char data[8192];
	size_t length;
};

static void octal_field(char *field, size_t size, unsigned long value)
{
	snprintf(field, size, "%0*lo", (int)size - 1, value);
}

static char *add_header(struct archive *archive, const char *name, char type, unsigned mode,
                        const char *link, const char *contents)
{
	char *header = archive->data + archive->length;
	memset(header, 0, 512);
	strncpy(header, name, 100);
	octal_field(header + 100, 8, mode);
	octal_field(header + 108, 8, 0);
	octal_field(header + 116, 8, 0);
	octal_field(header + 124, 12, contents ? strlen(contents) : 0);
	octal_field(header + 136, 12, 0);
	header[156] = type;
	if (link)
		strncpy(header + 157, link, 100);
	memcpy(header + 257, "ustar", 6);
	memcpy(header + 263, "00", 2);
	memset(header + 148, ' ', 8);
	unsigned sum = 0;
	for (int i = 0; i < 512; i++)
		sum += (unsigned char)header[i];
	snprintf(header + 148, 8, "%06o", sum);
	archive->length += 512;
	if (contents) {
		memcpy(archive->data + archive->length, contents, strlen(contents));
		archive->length += (strlen(contents) + 511) / 512 * 512;
	}
	return header;
}

static void end_archive(struct archive *archive)
{
	memset(archive->data + archive->length, 0, 1024);
	archive->length += 1024;
}

struct seen {
	int count;
	char paths[8][64];
	uint32_t modes[8];
	char data[8][32];
};

static int remember(void *context, const struct tmpfs_tar_entry *entry)
{
	struct seen *seen = context;
	if (seen->count == 8)
		return E2BIG;
	snprintf(seen->paths[seen->count], 64, "%s", entry->path);
	seen->modes[seen->count] = entry->mode;
	snprintf(seen->data[seen->count], 32, "%.*s", (int)entry->size, entry->data);
	seen->count++;
	return 0;
}

/* "PATH:WORD|WORD|" of an entry's translator, into the context's string. */
static int remember_translator(void *context, const struct tmpfs_tar_entry *entry)
{
	char *text = context;
	size_t used = (size_t)snprintf(text, 256, "%s:", entry->path);
	for (size_t i = 0; entry->translator && i < entry->translator_length && used < 255; i++)
		text[used++] = entry->translator[i] ? entry->translator[i] : '|';
	text[used] = '\0';
	return 0;
}

static void tar_checks(void)
{
	static struct archive archive;
	add_header(&archive, "./", '5', 0755, NULL, NULL);
	add_header(&archive, "./etc/", '5', 0755, NULL, NULL);
	add_header(&archive, "./etc/motd", '0', 0644, NULL, "Welcome\n");
	add_header(&archive, "./etc/link", '2', 0777, "motd", NULL);
	end_archive(&archive);
	struct seen seen = {0};
	size_t offset;
	int error = tmpfs_tar_read(archive.data, archive.length, remember, &seen, &offset);
	CHECK(error == 0 && seen.count == 4, "a ustar archive of 4 entries reads (%d, %d)", error,
	      seen.count);
	CHECK(strcmp(seen.paths[0], "") == 0 && S_ISDIR(seen.modes[0]) &&
	          strcmp(seen.paths[1], "etc") == 0 && strcmp(seen.paths[2], "etc/motd") == 0 &&
	          seen.modes[2] == (S_IFREG | 0644) && strcmp(seen.data[2], "Welcome\n") == 0,
	      "paths lose ./ and the trailing slash; a file keeps its mode and bytes");
	CHECK(S_ISLNK(seen.modes[3]) && strcmp(seen.data[3], "motd") == 0,
	      "a symbolic link's target");
	archive.data[512 + 100] ^= 1; /* the second header's mode */
	seen.count = 0;
	error = tmpfs_tar_read(archive.data, archive.length, remember, &seen, &offset);
	CHECK(error == EINVAL && offset == 512 && seen.count == 1,
	      "a damaged header (checksum) is EINVAL at its offset, after the good ones");
	archive.data[512 + 100] ^= 1;
	error = tmpfs_tar_read(archive.data, 512 * 2 + 100, remember, &seen, &offset);
	CHECK(error == EINVAL, "an archive cut inside a file's data is EINVAL");
	static struct archive evil;
	add_header(&evil, "../../etc/passwd", '0', 0644, NULL, "x");
	end_archive(&evil);
	CHECK(tmpfs_tar_read(evil.data, evil.length, remember, &seen, &offset) == EINVAL,
	      "a path with .. is refused");
	static struct archive device;
	add_header(&device, "dev/null", '3', 0666, NULL, NULL);
	end_archive(&device);
	CHECK(tmpfs_tar_read(device.data, device.length, remember, &seen, &offset) == EINVAL,
	      "an entry type other than file, directory or link is refused");
	CHECK(tmpfs_tar_read("", 0, remember, &seen, &offset) == 0,
	      "an empty archive is an empty tree");
	srand(6);
	int crashes_avoided = 0;
	for (int round = 0; round < 2000; round++) {
		static struct archive copy;
		copy = archive;
		for (int flips = 0; flips < 4; flips++)
			copy.data[rand() % (int)copy.length] = (char)rand();
		seen.count = 0;
		error = tmpfs_tar_read(copy.data, copy.length, remember, &seen, &offset);
		crashes_avoided += error == 0 || error == EINVAL || error == E2BIG;
	}
	CHECK(crashes_avoided == 2000, "2000 randomly damaged archives: read or EINVAL, no crash");
}

/* Reads one archive of an extended header with records, then "dev/null". */
static int read_with_records(const char *records, char *translator, size_t size)
{
	static struct archive archive;
	archive.length = 0;
	add_header(&archive, "./dev/PaxHeaders/null", 'x', 0644, NULL, records);
	add_header(&archive, "./dev/null", '0', 0644, NULL, NULL);
	end_archive(&archive);
	size_t offset;
	static char copy[256];
	copy[0] = '\0';
	int error =
	    tmpfs_tar_read(archive.data, archive.length, remember_translator, copy, &offset);
	snprintf(translator, size, "%s", copy);
	return error;
}

static void pax_checks(void)
{
	char translator[256];
	int error = read_with_records("30 mtime=1796468371.342912825\n"
	                              "43 WILDEBEEST.translator=/hurd/null --zero\n",
	                              translator, sizeof(translator));
	CHECK(error == 0 && strcmp(translator, "dev/null:/hurd/null|--zero|") == 0,
	      "a pax header's translator record reaches the next entry as an argz (%d, %s)", error,
	      translator);
	error =
	    read_with_records("30 mtime=1796468371.342912825\n", translator, sizeof(translator));
	CHECK(error == 0 && strcmp(translator, "dev/null:") == 0,
	      "a pax header of times only gives no translator");
	CHECK(read_with_records("40 WILDEBEEST.translator=/hurd/null  -z\n", translator,
	                        sizeof(translator)) == EINVAL,
	      "an empty word in a translator record is EINVAL");
	CHECK(read_with_records("18 path=elsewhere\n", translator, sizeof(translator)) == EINVAL,
	      "a record that would change the entry (path) is EINVAL");
	CHECK(read_with_records("99 mtime=1\n", translator, sizeof(translator)) == EINVAL,
	      "a record longer than the header is EINVAL");
	static struct archive last;
	last.length = 0;
	add_header(&last, "./x", 'x', 0644, NULL, "43 WILDEBEEST.translator=/hurd/null --zero\n");
	end_archive(&last);
	size_t offset;
	CHECK(tmpfs_tar_read(last.data, last.length, remember_translator, translator, &offset) ==
	          EINVAL,
	      "an extended header with no entry after it is EINVAL");
}

static void options_checks(void)
{
	struct tmpfs_options options;
	tmpfs_options_default(&options);
	char *start[] = {"--size=16m", "--translator-timeout=1500", "--archive=build/root.tar"};
	CHECK(tmpfs_options_apply(&options, 3, start, false) == 0 &&
	          options.size_limit == 16u << 20 && options.translator_timeout_ms == 1500 &&
	          strcmp(options.archive, "build/root.tar") == 0,
	      "start options parsed");
	char *help[] = {"--help"};
	CHECK(tmpfs_options_apply(&options, 1, help, false) == 0 && options.help,
	      "--help at start");
	char *late[] = {"--archive=x"};
	CHECK(tmpfs_options_apply(&options, 1, late, true) == EINVAL,
	      "only --size changes at run time");
	char *bad[] = {"--size=12q"}, *zero[] = {"--translator-timeout=0"}, *unknown[] = {"-x"};
	CHECK(tmpfs_options_apply(&options, 1, bad, false) == EINVAL &&
	          tmpfs_options_apply(&options, 1, zero, false) == EINVAL &&
	          tmpfs_options_apply(&options, 1, unknown, false) == EINVAL &&
	          options.size_limit == 16u << 20,
	      "malformed and unknown options are EINVAL and change nothing");
	uint64_t bytes;
	CHECK(tmpfs_parse_size("99999999999999999999", &bytes) == EOVERFLOW &&
	          tmpfs_parse_size("17179869184g", &bytes) == EOVERFLOW &&
	          tmpfs_parse_size("", &bytes) == EINVAL && tmpfs_parse_size("1k", &bytes) == 0 &&
	          bytes == 1024,
	      "sizes: overflow, empty, suffixes");
	struct netfs_buffer argz = {0};
	CHECK(tmpfs_options_describe(&options, &argz) == 0 &&
	          argz.length == sizeof("--size=16777216\0--translator-timeout=1500") &&
	          memcmp(argz.data, "--size=16777216\0--translator-timeout=1500", argz.length) == 0,
	      "the options shown by fsys_get_options");
	netfs_buffer_free(&argz);
}

int main(void)
{
	bytes_checks();
	dir_checks();
	tar_checks();
	pax_checks();
	options_checks();
	return tap_finish();
}
