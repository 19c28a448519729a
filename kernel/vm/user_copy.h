/* Copying between kernel memory and a task's user memory, checked page by page
 * against the task's page tables: a bad user address is an error, never a fault. */
#ifndef WB_VM_USER_COPY_H
#define WB_VM_USER_COPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct address_space;

bool copy_from_user(struct address_space *space, void *dest, uint64_t user_source, size_t length);
bool copy_to_user(struct address_space *space, uint64_t user_dest, const void *source, size_t length);
/* Copies a NUL-terminated string of at most max-1 characters; false if the
 * memory is bad or no NUL comes within max bytes. */
bool copy_string_from_user(struct address_space *space, char *dest, uint64_t user_source, size_t max);

#endif
