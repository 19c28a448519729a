/* Page eviction under memory pressure: when free frames fall below a low-water
 * mark, resident pages of pager-backed objects are reclaimed by a clock. */
#ifndef WB_VM_VM_EVICT_H
#define WB_VM_VM_EVICT_H

#include <stdint.h>

/* Under vm_lock, at a point where the caller holds no pointer to a resident
 * page (the start of a fault, of a data_supply): if free frames are below the
 * low-water mark, reclaims pagers' pages until they are back above the
 * high-water mark or nothing more can go. Clean pages are dropped; dirty and
 * precious ones are sent to their pager (data_return) first. Anonymous,
 * wired, busy, failed and unlocking pages are never taken. */
void vm_evict_if_low(void);
/* The marks, in free frames: below low water eviction starts, and it stops
 * once high water is made up for. */
uint64_t vm_evict_low_water(void);
uint64_t vm_evict_high_water(void);

#endif
