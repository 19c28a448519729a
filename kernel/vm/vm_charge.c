/* Per-task memory limits (see vm_charge.h): a table of accounts, one per map;
 * a page names its account by slot and generation, so that a page outliving
 * its map (shared with another) never touches the account's next owner. */
#include "vm/vm_charge.h"
#include "vm/vm_lock.h"
#include "vm/vm_map.h"
#include "vm/vm_page.h"
#include "vm/physmem.h"

/* Frames kept for the kernel's own allocations (zones, page tables, kernel
 * stacks): a user fault never takes the last 1/32 of RAM. */
#define RESERVE_DIVISOR 32
#define RESERVE_MIN     64

struct vm_charge_account {
	bool in_use;
	uint16_t generation; /* bumped at each opening: tells old pages from new */
	uint64_t pages;
};

static struct vm_charge_account accounts[VM_CHARGE_ACCOUNTS]; /* under vm_lock */

uint64_t vm_charge_reserve_frames(void)
{
	uint64_t reserve = physmem_usable_count() / RESERVE_DIVISOR;
	return reserve > RESERVE_MIN ? reserve : RESERVE_MIN;
}

uint64_t vm_charge_limit(void)
{
	uint64_t usable = physmem_usable_count(), reserve = vm_charge_reserve_frames();
	return usable > reserve ? (usable - reserve) / 4 * 3 : 0;
}

bool vm_charge_open(struct vm_map *map)
{
	vm_lock_acquire();
	for (unsigned slot = 0; slot < VM_CHARGE_ACCOUNTS; slot++) {
		struct vm_charge_account *account = &accounts[slot];
		if (account->in_use)
			continue;
		account->in_use = true;
		account->generation++;
		account->pages = 0;
		map->charge_slot = (uint16_t)slot;
		map->charge_generation = account->generation;
		vm_lock_release();
		return true;
	}
	vm_lock_release();
	return false;
}

void vm_charge_close(struct vm_map *map)
{
	struct vm_charge_account *account = &accounts[map->charge_slot];
	if (account->in_use && account->generation == map->charge_generation)
		account->in_use = false;
}

static struct vm_charge_account *account_of_page(const struct vm_page *page)
{
	if (!page->charged)
		return NULL;
	struct vm_charge_account *account = &accounts[page->charge_slot];
	return account->in_use && account->generation == page->charge_generation ? account : NULL;
}

struct vm_page *vm_page_alloc_charged(struct vm_map *map, struct vm_object *object, uint64_t offset)
{
	struct vm_charge_account *account = &accounts[map->charge_slot];
	if (account->pages >= vm_charge_limit() || physmem_free_count() <= vm_charge_reserve_frames())
		return NULL;
	struct vm_page *page = vm_page_alloc(object, offset);
	if (!page)
		return NULL;
	page->charged = true;
	page->charge_slot = map->charge_slot;
	page->charge_generation = map->charge_generation;
	account->pages++;
	return page;
}

void vm_charge_page_freed(struct vm_page *page)
{
	struct vm_charge_account *account = account_of_page(page);
	if (account && account->pages)
		account->pages--;
	page->charged = false;
}

uint64_t vm_charge_pages(const struct vm_map *map)
{
	const struct vm_charge_account *account = &accounts[map->charge_slot];
	return account->generation == map->charge_generation ? account->pages : 0;
}
