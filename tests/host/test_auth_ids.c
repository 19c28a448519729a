/* Host test of the auth server's id sets (servers/auth/auth_ids.c): copies,
 * the size bound, membership and makeauth's "drawn from the presented ids". */
#include "auth_ids.h"
#include "tap.h"

#include <errno.h>

int main(void)
{
	struct auth_ids a, b, empty;
	const uint32_t a_ids[] = {1000, 1001}, b_ids[] = {2000};
	CHECK(auth_ids_set(&a, a_ids, 2) == 0 && a.count == 2 && a.ids != a_ids && a.ids[1] == 1001,
	      "a set is a copy of the ids given");
	CHECK(auth_ids_set(&b, b_ids, 1) == 0 && auth_ids_set(&empty, NULL, 0) == 0 &&
	          empty.count == 0 && empty.ids == NULL,
	      "an empty set holds no memory");
	static uint32_t many[AUTH_MAX_IDS + 1];
	struct auth_ids too_big;
	CHECK(auth_ids_set(&too_big, many, AUTH_MAX_IDS + 1) == EINVAL && too_big.count == 0,
	      "more than %d ids are EINVAL", AUTH_MAX_IDS);
	CHECK(auth_ids_set(&too_big, many, AUTH_MAX_IDS) == 0, "%d ids are fine", AUTH_MAX_IDS);
	auth_ids_clear(&too_big);
	CHECK(auth_ids_contains(&a, 1000) && !auth_ids_contains(&a, 0) &&
	          !auth_ids_contains(&empty, 0),
	      "membership");
	const struct auth_ids *one[] = {&a}, *both[] = {&a, &b};
	const uint32_t mixed[] = {1001, 2000};
	CHECK(auth_ids_within(a_ids, 2, one, 1) && auth_ids_within(NULL, 0, one, 0),
	      "a set's own ids, and no ids, are drawn from it");
	CHECK(!auth_ids_within(mixed, 2, one, 1) && auth_ids_within(mixed, 2, both, 2),
	      "ids of two handles need both");
	CHECK(!auth_ids_within(a_ids, 1, NULL, 0), "nothing is drawn from no sets");
	auth_ids_clear(&a);
	auth_ids_clear(&b);
	auth_ids_clear(&empty);
	CHECK(a.ids == NULL && a.count == 0, "a cleared set is empty");
	return tap_finish();
}
