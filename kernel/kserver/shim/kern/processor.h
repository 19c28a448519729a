/* For gnumach-dev's <mach/mach_types.h> under MACH_KERNEL: the host and
 * processor object types the kernel interfaces name. Wildebeest has one host
 * object and no processor or processor-set objects behind ports yet. */
#ifndef WB_KSERVER_SHIM_KERN_PROCESSOR_H
#define WB_KSERVER_SHIM_KERN_PROCESSOR_H
struct host;
typedef struct host *host_t;
typedef struct host *host_priv_t;
struct processor;
typedef struct processor *processor_t;
typedef processor_t *processor_array_t;
struct processor_set;
typedef struct processor_set *processor_set_t;
typedef struct processor_set *processor_set_name_t;
typedef processor_set_t *processor_set_array_t;
typedef processor_set_name_t *processor_set_name_array_t;
#endif
