/* The process benchmarks, the same static binary on Wildebeest and the Linux guest:
 * fork+execve("/bin/true")+waitpid, a 10,000-line busybox sh script, ls -lR of 2,000 files. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define FORK_EXEC_ITERATIONS 100
#define TIMED_RUNS           3
#define LOOP_LINES           10000
#define LOOP_SCRIPT          "/tmp/shell_bench_loop.sh"
#define TREE_ROOT            "/tmp/shell_bench_tree"
#define TREE_DIRECTORIES     20
#define TREE_FILES_PER_DIR   100
#define BUSYBOX              "/bin/busybox"

static inline uint64_t read_tsc(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

/* Forks, runs PATH with ARGV (stdout to OUTPUT when not NULL), waits. 0 when it
 * exited 0; -1 with a message otherwise. */
static int run(const char *path, char *const argv[], const char *output)
{
	pid_t child = fork();

	if (child < 0) {
		printf("bench: shell_bench: fork: %s\n", strerror(errno));
		return -1;
	}
	if (child == 0) {
		if (output) {
			int fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
				_exit(126);
		}
		char *const envp[] = {"PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/", NULL};
		execve(path, argv, envp);
		_exit(127);
	}
	int status;
	while (waitpid(child, &status, 0) < 0) {
		if (errno != EINTR) {
			printf("bench: shell_bench: waitpid: %s\n", strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	printf("bench: shell_bench: %s %s failed (wait status 0x%x)\n", path,
	       argv[1] ? argv[1] : "", status);
	return -1;
}

/* Cycles of one run(), or 0 on failure. */
static uint64_t timed_run(const char *path, char *const argv[], const char *output)
{
	uint64_t start = read_tsc();

	if (run(path, argv, output) != 0)
		return 0;
	return read_tsc() - start;
}

static int compare_cycles(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The median of TIMED_RUNS runs, or 0 when one failed. */
static uint64_t median_run(const char *path, char *const argv[], const char *output)
{
	uint64_t cycles[TIMED_RUNS];

	for (int i = 0; i < TIMED_RUNS; i++) {
		cycles[i] = timed_run(path, argv, output);
		if (cycles[i] == 0)
			return 0;
	}
	qsort(cycles, TIMED_RUNS, sizeof(cycles[0]), compare_cycles);
	return cycles[TIMED_RUNS / 2];
}

static int bench_fork_exec(void)
{
	const char *true_path = access("/bin/true", X_OK) == 0 ? "/bin/true" : BUSYBOX;
	char *const argv[] = {"true", NULL};

	if (run(true_path, argv, NULL) != 0) /* warm up */
		return -1;
	uint64_t start = read_tsc();
	for (int i = 0; i < FORK_EXEC_ITERATIONS; i++) {
		if (run(true_path, argv, NULL) != 0)
			return -1;
	}
	uint64_t cycles = (read_tsc() - start) / FORK_EXEC_ITERATIONS;
	printf("bench: fork-exec-true cycles-per-iteration=%llu iterations=%d program=%s\n",
	       (unsigned long long)cycles, FORK_EXEC_ITERATIONS, true_path);
	return 0;
}

/* Writes the 10,000-line script: assignments, arithmetic and builtins. */
static int write_loop_script(void)
{
	FILE *script = fopen(LOOP_SCRIPT, "w");

	if (!script) {
		printf("bench: shell_bench: %s: %s\n", LOOP_SCRIPT, strerror(errno));
		return -1;
	}
	fprintf(script, "i=0\ns=0\n");
	static const char *const lines[] = {
	    "i=$((i + 1))",
	    "x=item$i",
	    "s=$((s + i % 7))",
	    "[ \"$x\" != \"\" ]",
	    "y=${x#item}",
	    "test \"$y\" -eq \"$i\"",
	    ": \"$x\" \"$y\" \"$s\"",
	    "z=$((y * 3 - i * 2))",
	};
	const int kinds = (int)(sizeof(lines) / sizeof(lines[0]));
	for (int line = 2; line < LOOP_LINES - 1; line++)
		fprintf(script, "%s\n", lines[(line - 2) % kinds]);
	fprintf(script, "[ \"$i\" -gt 1000 ] || exit 1\n");
	if (fclose(script) != 0) {
		printf("bench: shell_bench: writing %s: %s\n", LOOP_SCRIPT, strerror(errno));
		return -1;
	}
	return 0;
}

static int bench_shell_loop(void)
{
	char *const argv[] = {"sh", LOOP_SCRIPT, NULL};

	if (write_loop_script() != 0)
		return -1;
	uint64_t cycles = median_run(BUSYBOX, argv, NULL);
	if (cycles == 0)
		return -1;
	printf("bench: sh-10000-lines median-cycles=%llu runs=%d\n", (unsigned long long)cycles,
	       TIMED_RUNS);
	return 0;
}

/* TREE_DIRECTORIES directories of TREE_FILES_PER_DIR small files each. */
static int make_tree(void)
{
	char path[256];

	if (mkdir(TREE_ROOT, 0755) != 0 && errno != EEXIST)
		goto failed;
	for (int d = 0; d < TREE_DIRECTORIES; d++) {
		snprintf(path, sizeof(path), "%s/dir%02d", TREE_ROOT, d);
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			goto failed;
		for (int f = 0; f < TREE_FILES_PER_DIR; f++) {
			snprintf(path, sizeof(path), "%s/dir%02d/file%03d", TREE_ROOT, d, f);
			int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0)
				goto failed;
			if (write(fd, "x\n", 2) != 2 || close(fd) != 0)
				goto failed;
		}
	}
	return 0;
failed:
	printf("bench: shell_bench: making %s: %s\n", path, strerror(errno));
	return -1;
}

static int bench_ls_lr(void)
{
	char *const argv[] = {"ls", "-lR", TREE_ROOT, NULL};
	const char *output = access("/dev/null", W_OK) == 0 ? "/dev/null" : "/tmp/shell_bench_ls";

	if (make_tree() != 0)
		return -1;
	uint64_t cycles = median_run(BUSYBOX, argv, output);
	if (cycles == 0)
		return -1;
	printf("bench: ls-lR-2000 median-cycles=%llu runs=%d files=%d output=%s\n",
	       (unsigned long long)cycles, TIMED_RUNS, TREE_DIRECTORIES * TREE_FILES_PER_DIR,
	       output);
	return 0;
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	int failures = 0;
	failures += bench_fork_exec() != 0;
	failures += bench_shell_loop() != 0;
	failures += bench_ls_lr() != 0;
	printf("bench: shell_bench done, %d failed\n", failures);
	return failures == 0 ? 0 : 1;
}
