/* waitid's WNOWAIT: proc reaps every exit it reports, so a child's exit seen
 * with WNOWAIT is kept here and handed to the next wait that matches it. */
#include "emul.h"
#include "wait_kept.h"
#include "lib/kstring.h"

#define KEPT_MAX 32

struct kept_child {
	int32_t pid;
	int32_t group; /* its process group when known, else 0 */
	struct emul_wait_outcome outcome;
};

static emul_lock_t kept_lock;
static struct kept_child kept[KEPT_MAX]; /* under kept_lock */
static int kept_count;

static bool matches(const struct kept_child *child, int32_t pid_spec, int32_t own_group)
{
	if (pid_spec == -1)
		return true;
	if (pid_spec > 0)
		return child->pid == pid_spec;
	int32_t group = pid_spec == 0 ? own_group : -pid_spec;
	return child->group != 0 && child->group == group;
}

bool emul_wait_kept_take(int32_t pid_spec, int32_t own_group, bool keep,
                         struct emul_wait_outcome *outcome)
{
	bool found = false;
	emul_lock(&kept_lock);
	for (int i = 0; i < kept_count && !found; i++) {
		if (!matches(&kept[i], pid_spec, own_group))
			continue;
		*outcome = kept[i].outcome;
		found = true;
		if (!keep)
			kept[i] = kept[--kept_count];
	}
	emul_unlock(&kept_lock);
	return found;
}

bool emul_wait_kept_add(int32_t group, const struct emul_wait_outcome *outcome)
{
	bool added = false;
	emul_lock(&kept_lock);
	if (kept_count < KEPT_MAX) {
		kept[kept_count++] = (struct kept_child){outcome->pid, group, *outcome};
		added = true;
	}
	emul_unlock(&kept_lock);
	if (!added)
		emul_log("waitid: WNOWAIT: more than %d children kept; this one is reaped",
		         KEPT_MAX);
	return added;
}

bool emul_wait_kept_any(void)
{
	return __atomic_load_n(&kept_count, __ATOMIC_ACQUIRE) != 0;
}

void emul_wait_kept_forked(void)
{
	emul_unlock(&kept_lock); /* another thread of the parent may have held it */
	kept_count = 0;          /* the parent's children are not the child's */
}
