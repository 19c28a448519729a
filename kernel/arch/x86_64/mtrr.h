/* Memory types at boot (mtrr.c): MTRRs on with write-back as the default when
 * the firmware left them off. Run on every CPU. */
#ifndef WB_ARCH_MTRR_H
#define WB_ARCH_MTRR_H

#include <stdbool.h>

/* True if it switched the MTRRs on, false if they were on already or absent. */
bool mtrr_enable_write_back_default(void);

#endif
