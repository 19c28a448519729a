/* A test translator that never answers: it is started like any other but
 * never calls fsys_startup, so its file system's wait must time out (and
 * kill it) rather than hang the lookup. */
#include <unistd.h>

int main(void)
{
	for (;;)
		sleep(60);
}
