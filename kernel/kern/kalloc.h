/* The kernel's general allocator: zeroed memory of any size, power-of-two size
 * classes (32 bytes to 2 KiB) kept in accounted zones, larger blocks as whole pages
 * under a total byte limit. Every failure is a NULL return, never a panic. */
#ifndef WB_KERN_KALLOC_H
#define WB_KERN_KALLOC_H

#include <stddef.h>
#include <stdint.h>

#define KALLOC_SMALLEST      32   /* bytes of the smallest size class */
#define KALLOC_LARGEST_SMALL 2048 /* bytes of the largest size class; beyond: whole pages */
#define KALLOC_CLASS_COUNT   7    /* 32, 64, 128, 256, 512, 1024, 2048 */

/* Default limits: bytes each size class may hold, bytes of large blocks in all. */
#define KALLOC_DEFAULT_CLASS_BYTES (8u << 20)
#define KALLOC_DEFAULT_LARGE_BYTES (32u << 20)

struct kalloc_statistics {
	size_t class_size[KALLOC_CLASS_COUNT];   /* bytes of each size class */
	size_t class_in_use[KALLOC_CLASS_COUNT]; /* blocks alive in each class */
	size_t small_in_use;                     /* blocks alive in all classes */
	size_t large_in_use;                     /* large blocks alive */
	size_t large_bytes;                      /* bytes (whole pages) of large blocks alive */
	size_t large_byte_limit;
	size_t refusals; /* allocations refused: a limit reached or memory out */
};

/* Sets up the size classes and limits; once, before the first kalloc. Large
 * blocks come from the zones' page source (zone_set_page_source). */
void kalloc_init(size_t class_bytes_limit, size_t large_bytes_limit);
/* size zeroed bytes, or NULL at a limit or when memory is out. Blocks of a size
 * class are aligned to their size (up to 64 bytes); large blocks to a page.
 * kalloc(0) returns a block of the smallest class. */
void *kalloc(size_t size);
/* Frees a block from kalloc; size must be the size it was allocated with.
 * kfree(NULL, size) does nothing. */
void kfree(void *address, size_t size);
struct kalloc_statistics kalloc_statistics(void);

#endif
