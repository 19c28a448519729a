/* Per-task memory limits: each page a map's faults bring in is charged to that
 * map until the page is freed, and no map may hold more than its share. */
#ifndef WB_VM_VM_CHARGE_H
#define WB_VM_VM_CHARGE_H

#include <stdbool.h>
#include <stdint.h>

struct vm_map;
struct vm_object;
struct vm_page;

/* At most this many maps have accounts at once (as many as the map zone holds). */
#define VM_CHARGE_ACCOUNTS 1024

/* Gives map an account (takes vm_lock); false when every account is taken. */
bool vm_charge_open(struct vm_map *map);

/* The rest under vm_lock. */
/* Ends map's account. Pages still charged to it (in objects other maps share)
 * are charged to no one from then on. */
void vm_charge_close(struct vm_map *map);
/* A zeroed page at offset of object, charged to map; NULL when map already
 * holds its share (vm_charge_limit) or when free memory is down to the
 * kernel's reserve, which only the kernel's own allocations may use. */
struct vm_page *vm_page_alloc_charged(struct vm_map *map, struct vm_object *object,
                                      uint64_t offset);
/* Uncharges page (vm_page_free calls it). */
void vm_charge_page_freed(struct vm_page *page);
/* Pages charged to map now. */
uint64_t vm_charge_pages(const struct vm_map *map);
/* The most pages one map may hold: three quarters of what RAM leaves after
 * the kernel's reserve. */
uint64_t vm_charge_limit(void);
/* Free frames only the kernel's own allocations may take (1/32 of RAM). */
uint64_t vm_charge_reserve_frames(void);

#endif
