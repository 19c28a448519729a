/* Linux baseline of the pager-read benchmark (bench/vm.sh): sequential 64 KiB reads of a
 * 64 MiB tmpfs file holding the pager's pattern, checked page by page, in TSC cycles. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include "vm_baseline.h"

#define WORKLOAD    "vm-tmpfs-read"
#define FILE_PATH   "/tmp/vm-tmpfs-read.data"
#define FILE_SIZE   (64ull << 20)
#define READ_SIZE   (64u << 10)
#define ROUNDS      5
#define PATTERN_KEY 0x5742706167657221ull /* bench_vm_pattern.h's BENCH_VM_PATTERN_KEY */

static uint8_t buffer[READ_SIZE] __attribute__((aligned(VM_BASELINE_PAGE_SIZE)));

/* The marks of the page at file offset `offset`: first word, last word inverted. */
static void stamp(uint8_t *page, uint64_t offset)
{
	uint64_t *words = (uint64_t *)page;

	words[0] = offset ^ PATTERN_KEY;
	words[VM_BASELINE_PAGE_SIZE / 8 - 1] = ~(offset ^ PATTERN_KEY);
}

static int holds(const uint8_t *page, uint64_t offset)
{
	const uint64_t *words = (const uint64_t *)page;

	return words[0] == (offset ^ PATTERN_KEY) &&
	       words[VM_BASELINE_PAGE_SIZE / 8 - 1] == ~(offset ^ PATTERN_KEY);
}

static void create_file(void)
{
	int fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		vm_baseline_die(WORKLOAD, "creating " FILE_PATH);
	memset(buffer, 0, sizeof(buffer));
	for (uint64_t offset = 0; offset < FILE_SIZE; offset += READ_SIZE) {
		for (uint32_t page = 0; page < READ_SIZE; page += VM_BASELINE_PAGE_SIZE)
			stamp(buffer + page, offset + page);
		if (write(fd, buffer, READ_SIZE) != READ_SIZE)
			vm_baseline_die(WORKLOAD, "writing " FILE_PATH);
	}
	if (close(fd) != 0)
		vm_baseline_die(WORKLOAD, "closing " FILE_PATH);
}

/* One round: open, read everything checking each page, close; its cycles. */
static uint64_t read_file(void)
{
	uint64_t start = read_tsc();
	int fd = open(FILE_PATH, O_RDONLY);

	if (fd < 0)
		vm_baseline_die(WORKLOAD, "opening " FILE_PATH);
	for (uint64_t offset = 0; offset < FILE_SIZE; offset += READ_SIZE) {
		if (read(fd, buffer, READ_SIZE) != READ_SIZE)
			vm_baseline_die(WORKLOAD, "reading " FILE_PATH);
		for (uint32_t page = 0; page < READ_SIZE; page += VM_BASELINE_PAGE_SIZE) {
			if (!holds(buffer + page, offset + page)) {
				printf("bench: linux %s: wrong data at offset 0x%llx\n", WORKLOAD,
				       (unsigned long long)(offset + page));
				exit(1);
			}
		}
	}
	close(fd);
	return read_tsc() - start;
}

int main(void)
{
	uint64_t cycles[ROUNDS];

	setvbuf(stdout, NULL, _IOLBF, 0);
	create_file();
	for (unsigned i = 0; i < ROUNDS; i++)
		cycles[i] = read_file();
	unlink(FILE_PATH);
	struct vm_baseline_summary summary = vm_baseline_summarize(cycles, ROUNDS);
	printf("bench: linux %s median-cycles=%llu min-cycles=%llu max-cycles=%llu bytes=%llu "
	       "read-size=%u rounds=%u\n",
	       WORKLOAD, (unsigned long long)summary.median, (unsigned long long)summary.minimum,
	       (unsigned long long)summary.maximum, FILE_SIZE, READ_SIZE, ROUNDS);
	return 0;
}
