/* Pager suite, sharing: mappings of one memory object with copy=FALSE, in one
 * task and in two, share pages (a write through one is read through the other);
 * with copy=TRUE a write stays private, and a flush returns only the shared
 * writes to the pager. */
#include "pager_tests.h"

#define SHARED_SIZE (64 * KIB)
#define MARK_A      0x5a5a000000000001ull /* via mapping A, page 3 */
#define MARK_B      0x5a5a000000000002ull /* via mapping B, page 5 */
#define MARK_CHILD  0x5a5a000000000003ull /* via the child's mapping, page 6 */
#define MARK_COPY   0x5a5a000000000004ull /* via our copy mapping, page 4 */
#define MARK_CCOPY  0x5a5a000000000005ull /* via the child's copy mapping, page 8 */

enum { MAP_A, MAP_B, MAP_COPY, MAP_COUNT };

struct sharing {
	struct pager pager;
	struct pager_child child;
	bool child_started;
	vm_address_t maps[MAP_COUNT];
	uint64_t child_map, child_copy;
};

/* One load through a probe: true and *value if it did not fault. */
static bool load(vm_address_t mapping, uint64_t offset, uint64_t *value)
{
	struct probe probe = {0};
	probe_add_load(&probe, pager_tests_word(mapping, offset));
	bool ok = probe_run(&probe, 20000) && probe.accesses[0].ok;
	*value = probe.accesses[0].value;
	return ok;
}

static bool store(vm_address_t mapping, uint64_t offset, uint64_t value)
{
	struct probe probe = {0};
	probe_add_store(&probe, pager_tests_word(mapping, offset), value);
	return probe_run(&probe, 20000) && probe.accesses[0].ok;
}

static void within_one_task(struct sharing *test)
{
	struct pager *pager = &test->pager;
	uint64_t value = 0;
	bool ok = store(test->maps[MAP_A], 3 * PAGE + 40, MARK_A) &&
	          load(test->maps[MAP_B], 3 * PAGE + 40, &value) && value == MARK_A;
	check(ok,
	      "sharing: a write through one mapping is read through another in the same task "
	      "(0x%lx)",
	      (unsigned long)value);
	const struct pager_event *request = pager_find_request(pager, 3 * PAGE, 0);
	check(request && (request->access & VM_PROT_WRITE),
	      "sharing: the write fault asked the pager for write access (0x%x)",
	      request ? request->access : 0);
	ok = store(test->maps[MAP_B], 5 * PAGE, MARK_B) &&
	     load(test->maps[MAP_A], 5 * PAGE, &value) && value == MARK_B;
	check(ok, "sharing: and the other way round (0x%lx)", (unsigned long)value);
}

static void across_tasks(struct sharing *test)
{
	struct pager *pager = &test->pager;
	kern_return_t result =
	    pager_child_map(&test->child, pager->object, SHARED_SIZE, 0, FALSE, &test->child_map);
	if (!check(result == KERN_SUCCESS,
	           "sharing: another task maps the same object with copy=FALSE (0x%x)", result))
		return;
	uint64_t value = 0;
	result = pager_child_read(&test->child, test->child_map + 3 * PAGE + 40, &value);
	check(result == KERN_SUCCESS && value == MARK_A,
	      "sharing: the other task reads our write (0x%x, 0x%lx)", result,
	      (unsigned long)value);
	result = pager_child_write(&test->child, test->child_map + 6 * PAGE + 56, MARK_CHILD);
	bool ok = result == KERN_SUCCESS && load(test->maps[MAP_A], 6 * PAGE + 56, &value) &&
	          value == MARK_CHILD;
	check(ok, "sharing: we read the other task's write (0x%x, 0x%lx)", result,
	      (unsigned long)value);
	check(pager->inits == 1,
	      "sharing: one memory_object_init for every mapping in both tasks (%u)", pager->inits);
}

static void private_copies(struct sharing *test)
{
	struct pager *pager = &test->pager;
	kern_return_t mapped = pager_map(pager, SHARED_SIZE, 0, TRUE, &test->maps[MAP_COPY]);
	if (!check(mapped == KERN_SUCCESS,
	           "sharing: a copy=TRUE vm_map of the object succeeds (0x%x)", mapped))
		return;
	vm_address_t copy = test->maps[MAP_COPY];
	uint64_t value = 0;
	bool ok = load(copy, 3 * PAGE + 40, &value) && value == MARK_A;
	check(ok,
	      "sharing: the copy starts with the object's current data, our write included "
	      "(0x%lx)",
	      (unsigned long)value);
	ok = store(copy, 4 * PAGE, MARK_COPY) && load(copy, 4 * PAGE, &value) && value == MARK_COPY;
	check(ok, "sharing: a write through the copy=TRUE mapping reads back through it (0x%lx)",
	      (unsigned long)value);
	ok = load(test->maps[MAP_A], 4 * PAGE, &value) && value == pager_word(pager, 4 * PAGE);
	check(ok, "sharing: it is not seen through a shared mapping (0x%lx)", (unsigned long)value);
	if (!test->child_map)
		return;
	kern_return_t result = pager_child_read(&test->child, test->child_map + 4 * PAGE, &value);
	check(result == KERN_SUCCESS && value == pager_word(pager, 4 * PAGE),
	      "sharing: nor by the other task (0x%x, 0x%lx)", result, (unsigned long)value);
	result =
	    pager_child_map(&test->child, pager->object, SHARED_SIZE, 0, TRUE, &test->child_copy);
	if (result == KERN_SUCCESS)
		result = pager_child_write(&test->child, test->child_copy + 8 * PAGE, MARK_CCOPY);
	ok = result == KERN_SUCCESS && load(test->maps[MAP_A], 8 * PAGE, &value) &&
	     value == pager_word(pager, 8 * PAGE);
	check(ok,
	      "sharing: the other task's write through its own copy=TRUE mapping stays private "
	      "(0x%x, 0x%lx)",
	      result, (unsigned long)value);
}

static void flush_returns_shared_writes(struct sharing *test)
{
	struct pager *pager = &test->pager;
	uint32_t completions = pager->lock_completions;
	kern_return_t result =
	    memory_object_lock_request(pager->control, 0, SHARED_SIZE, MEMORY_OBJECT_RETURN_DIRTY,
	                               TRUE, VM_PROT_NO_CHANGE, pager->object);
	bool completed =
	    result == KERN_SUCCESS && pager_wait_until(pager->lock_completions > completions, 5000);
	check(completed, "sharing: a flush of the object completes (0x%x)", result);
	check(completed && pager_word(pager, 3 * PAGE + 40) == MARK_A &&
	          pager_word(pager, 5 * PAGE) == MARK_B &&
	          (!test->child_map || pager_word(pager, 6 * PAGE + 56) == MARK_CHILD),
	      "sharing: it returns the writes made through the shared mappings to the pager");
	check(completed && pager_word(pager, 4 * PAGE) != MARK_COPY &&
	          pager_word(pager, 8 * PAGE) != MARK_CCOPY,
	      "sharing: and neither copy's private write");
	uint64_t value = 0;
	if (!test->maps[MAP_COPY])
		return;
	bool ok = load(test->maps[MAP_COPY], 4 * PAGE, &value) && value == MARK_COPY;
	check(ok, "sharing: the copy keeps its write after the object is flushed (0x%lx)",
	      (unsigned long)value);
}

void pager_tests_sharing(void)
{
	static struct sharing test;
	test = (struct sharing){0};
	if (!pager_open(&test.pager, SHARED_SIZE, 0xc3, true))
		return;
	kern_return_t mapped_a = pager_map(&test.pager, SHARED_SIZE, 0, FALSE, &test.maps[MAP_A]);
	kern_return_t mapped_b = pager_map(&test.pager, SHARED_SIZE, 0, FALSE, &test.maps[MAP_B]);
	if (check(mapped_a == KERN_SUCCESS && mapped_b == KERN_SUCCESS,
	          "sharing: two copy=FALSE vm_maps of one object in one task succeed (0x%x 0x%x)",
	          mapped_a, mapped_b)) {
		within_one_task(&test);
		test.child_started = pager_child_start(&test.child);
		if (test.child_started)
			across_tasks(&test);
		private_copies(&test);
		flush_returns_shared_writes(&test);
	}
	if (test.child_map)
		(void)pager_child_unmap(&test.child, test.child_map, SHARED_SIZE);
	if (test.child_copy)
		(void)pager_child_unmap(&test.child, test.child_copy, SHARED_SIZE);
	if (test.child_started) {
		int status = -1;
		bool ended = pager_child_end(&test.child, &status);
		check(ended && status == 0, "sharing: the helper task ends (%d)", status);
	}
	const uint64_t sizes[MAP_COUNT] = {SHARED_SIZE, SHARED_SIZE, SHARED_SIZE};
	pager_tests_unmap_all(&test.pager, "sharing", test.maps, sizes, MAP_COUNT);
	pager_close(&test.pager);
}
