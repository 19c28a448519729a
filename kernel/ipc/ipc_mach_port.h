/* mach_port.defs as plain functions on a space, for the kernel's MIG server
 * routines. Rights passed in and out are kernel-held (struct ipc_port *, with
 * MACH_MSG_TYPE_PORT_* types); arrays come from ipc_kernel_ool_alloc. A right
 * passed in is consumed only on success. */
#ifndef WB_IPC_IPC_MACH_PORT_H
#define WB_IPC_IPC_MACH_PORT_H

#include <stdint.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

struct ipc_space;
struct ipc_port;

kern_return_t ipc_mach_port_names(struct ipc_space *space, mach_port_name_t **names,
                                  mach_msg_type_number_t *names_count, mach_port_type_t **types,
                                  mach_msg_type_number_t *types_count);
kern_return_t ipc_mach_port_type(struct ipc_space *space, mach_port_name_t name,
                                 mach_port_type_t *type);
kern_return_t ipc_mach_port_rename(struct ipc_space *space, mach_port_name_t old_name,
                                   mach_port_name_t new_name);
kern_return_t ipc_mach_port_allocate_name(struct ipc_space *space, mach_port_right_t right,
                                          mach_port_name_t name);
kern_return_t ipc_mach_port_allocate(struct ipc_space *space, mach_port_right_t right,
                                     mach_port_name_t *name);
kern_return_t ipc_mach_port_destroy(struct ipc_space *space, mach_port_name_t name);
kern_return_t ipc_mach_port_deallocate(struct ipc_space *space, mach_port_name_t name);
kern_return_t ipc_mach_port_get_refs(struct ipc_space *space, mach_port_name_t name,
                                     mach_port_right_t right, mach_port_urefs_t *refs);
kern_return_t ipc_mach_port_mod_refs(struct ipc_space *space, mach_port_name_t name,
                                     mach_port_right_t right, mach_port_delta_t delta);
kern_return_t ipc_mach_port_set_qlimit(struct ipc_space *space, mach_port_name_t name,
                                       mach_port_msgcount_t qlimit);
kern_return_t ipc_mach_port_set_mscount(struct ipc_space *space, mach_port_name_t name,
                                        mach_port_mscount_t mscount);
kern_return_t ipc_mach_port_get_set_status(struct ipc_space *space, mach_port_name_t name,
                                           mach_port_name_t **members,
                                           mach_msg_type_number_t *members_count);
kern_return_t ipc_mach_port_move_member(struct ipc_space *space, mach_port_name_t member,
                                        mach_port_name_t after);
kern_return_t ipc_mach_port_request_notification(struct ipc_space *space, mach_port_name_t name,
                                                 mach_msg_id_t id, mach_port_mscount_t sync,
                                                 struct ipc_port *notify,
                                                 struct ipc_port **previous);
kern_return_t ipc_mach_port_insert_right(struct ipc_space *space, mach_port_name_t name,
                                         struct ipc_port *right, mach_msg_type_name_t right_type);
kern_return_t ipc_mach_port_extract_right(struct ipc_space *space, mach_port_name_t name,
                                          mach_msg_type_name_t disposition, struct ipc_port **right,
                                          mach_msg_type_name_t *right_type);
kern_return_t ipc_mach_port_get_receive_status(struct ipc_space *space, mach_port_name_t name,
                                               mach_port_status_t *status);
kern_return_t ipc_mach_port_set_seqno(struct ipc_space *space, mach_port_name_t name,
                                      mach_port_seqno_t seqno);
kern_return_t ipc_mach_port_set_protected_payload(struct ipc_space *space, mach_port_name_t name,
                                                  uint64_t payload);
kern_return_t ipc_mach_port_clear_protected_payload(struct ipc_space *space, mach_port_name_t name);

#endif
