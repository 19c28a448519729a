/* An ordinary static glibc program that dies of a fault (a write through a
 * null pointer) before it can exit: the boot runner must see it killed,
 * without an exit status, and carry on. */
#include <stdio.h>

int main(void)
{
	printf("crash: writing through a null pointer\n");
	fflush(stdout);
	*(volatile int *)0 = 1;
	return 0;
}
