/* Checking a password against a crypt(5) hash with libxcrypt (Debian's
 * libcrypt-dev): yescrypt "$y$", sha512-crypt "$6$" and the other methods it
 * knows; argon2 it does not have. Host tested with password_files.t. */
#ifndef PASSWORD_VERIFY_H
#define PASSWORD_VERIFY_H

#include <stdbool.h>

/* Whether password hashes to hash (false for an unusable hash, an unknown
 * method or a failure to compute; the comparison takes the same time for
 * every wrong answer of the right length). */
bool password_matches(const char *password, const char *hash);

#endif
