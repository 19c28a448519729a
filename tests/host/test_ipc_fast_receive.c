/* Host unit tests of the receive side of the fast path: a request and its reply
 * handed to waiting receivers are received without the general lock, exactly as
 * through the general path (names, bits, seqno, payload, counts), and whatever
 * changes between the hand-off and the receiver running falls back to it. */
#include "tap.h"
#include "ipc_host_test.h"
#include "ipc_test_support.h"
#include "ipc/ipc_internal.h"
#include "ipc/ipc_mach_port.h"
#include <mach/notify.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where each party's message lives in its task's memory. */
#define SERVER_AREA  4096
#define CLIENT_AREA  8192
#define REPLIER_AREA 12288
#define PAYLOAD      0x5eed0000fadeull

/* --- a thread making one mach_msg call --- */

struct party {
	struct test_task *task;
	struct ipc_thread *ipc;
	uint64_t area; /* offset of its message in the task's memory */
	mach_msg_option_t option;
	mach_msg_size_t send_size;
	mach_port_name_t receive_name;
	pthread_t thread;
	int done; /* atomic */
	mach_msg_return_t result;
};

static void *party_main(void *argument)
{
	struct party *party = argument;
	test_thread_enter(party->ipc);
	party->result =
	    ipc_mach_msg_trap(party->task->space, party->task->base + party->area, party->option,
	                      party->send_size, 256, party->receive_name, 0, MACH_PORT_NULL);
	test_thread_leave(party->ipc);
	__atomic_store_n(&party->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void party_start(struct party *party)
{
	party->done = 0;
	if (pthread_create(&party->thread, NULL, party_main, party) != 0) {
		perror("pthread_create");
		abort();
	}
}

static bool party_done(struct party *party)
{
	return __atomic_load_n(&party->done, __ATOMIC_ACQUIRE);
}

/* Waits up to 5 s until the party waits in receive (or has returned). */
static bool party_wait_receiving(struct party *party)
{
	for (int i = 0; i < 5000; i++) {
		if (party_done(party) || __atomic_load_n(&party->ipc->wait_kind,
		                                         __ATOMIC_ACQUIRE) == IPC_WAITING_RECEIVE)
			return true;
		usleep(1000);
	}
	return false;
}

/* Waits up to 5 s until the party's call has returned. */
static bool party_wait_done(struct party *party)
{
	for (int i = 0; i < 5000 && !party_done(party); i++)
		usleep(1000);
	return party_done(party);
}

static mach_msg_return_t party_join(struct party *party)
{
	pthread_join(party->thread, NULL);
	return party->result;
}

/* --- one request and its reply between a client task and a server task --- */

struct exchange;

struct exchange_case {
	const char *what;
	mach_msg_type_name_t request_disposition; /* COPY_SEND or MOVE_SEND */
	bool payload;                             /* the service port has a protected payload */
	bool on_set;          /* the server receives on a set holding the service port */
	bool no_senders;      /* a no-senders request on the service port */
	bool general_receive; /* the request's receive needs the general path */
	mach_port_seqno_t seqno;
	/* Run in the server's (the client's) thread when its wait for the request (the
	 * reply) ends, before it finishes its receive. */
	void (*in_between)(struct exchange *x);
	void (*client_in_between)(struct exchange *x);
};

/* What an exchange leaves behind, compared between the two ways of running it. */
struct exchange_result {
	mach_msg_return_t server_result, client_result, replier_result;
	struct int_message request, reply; /* as the server and the client received them */
	mach_port_type_t once_type;        /* the server's send-once name, before the reply */
	mach_port_type_t once_type_after;
	mach_port_type_t service_type, to_service_type, reply_port_type;
	mach_port_urefs_t to_service_refs;
	mach_port_seqno_t service_seqno, reply_seqno;
	mach_port_rights_t service_sorights, reply_sorights;
	boolean_t service_srights;
	mach_port_mscount_t service_mscount;
	mach_port_msgcount_t service_msgcount, reply_msgcount;
	mach_msg_id_t notification; /* what the notify port got, 0 if nothing */
	mach_msg_type_number_t server_names, client_names;
};

struct exchange {
	struct exchange_case *how;
	struct test_task *client, *server;
	mach_port_name_t service, set, notify, reply, to_service;
	struct party server_party, client_party, replier_party;
	struct exchange_result result;
	size_t fast_sends; /* fast_path_hits during the exchange */
	/* Handed off: the general lock held by the test while the message is sent
	 * and received; each receive finished meanwhile. */
	bool hold_general_lock;
	bool request_received_under_lock, reply_received_under_lock;
	/* General sections (beyond the measurement's own) and fast receives from a
	 * send until its receiver is done and the sender waits again. */
	size_t request_sections, reply_sections;
	size_t request_fast_receives, reply_fast_receives;
};

static struct ipc_thread *server_ipc, *client_ipc, *replier_ipc;

static void exchange_setup(struct exchange *x, struct exchange_case *how)
{
	memset(x, 0, sizeof(*x));
	x->how = how;
	x->client = task_new();
	x->server = task_new();
	x->service = new_port(x->server);
	if (how->on_set) {
		ipc_mach_port_allocate(x->server->space, MACH_PORT_RIGHT_PORT_SET, &x->set);
		ipc_mach_port_move_member(x->server->space, x->service, x->set);
	}
	if (how->payload)
		ipc_mach_port_set_protected_payload(x->server->space, x->service, PAYLOAD);
	if (how->seqno)
		ipc_mach_port_set_seqno(x->server->space, x->service, how->seqno);
	x->reply = new_port(x->client);
	struct ipc_port *service_port = NULL;
	ipc_space_lookup_port(x->server->space, x->service, &service_port);
	ipc_space_insert_port_right(x->client->space, service_port, MACH_MSG_TYPE_MAKE_SEND,
	                            &x->to_service);
	if (how->no_senders) {
		struct ipc_port *previous = NULL;
		x->notify = new_port(x->server);
		ipc_mach_port_request_notification(
		    x->server->space, x->service, MACH_NOTIFY_NO_SENDERS, 0,
		    kernel_send_once(x->server, x->notify), &previous);
	}
}

static struct int_message request_of(const struct exchange *x)
{
	return (struct int_message){
	    .header = {.msgh_bits = MACH_MSGH_BITS(x->how->request_disposition,
	                                           MACH_MSG_TYPE_MAKE_SEND_ONCE),
	               .msgh_size = sizeof(struct int_message),
	               .msgh_remote_port = x->to_service,
	               .msgh_local_port = x->reply,
	               .msgh_id = 500},
	    .type = int_type,
	    .value = 41,
	};
}

/* The reply to the request as the server received it. */
static struct int_message reply_to(const struct int_message *request)
{
	return (struct int_message){
	    .header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0),
	               .msgh_size = sizeof(struct int_message),
	               .msgh_remote_port = request->header.msgh_remote_port,
	               .msgh_id = request->header.msgh_id + 100},
	    .type = int_type,
	    .value = request->value + 1,
	};
}

static mach_port_name_t receive_name_of(const struct exchange *x)
{
	return x->how->on_set ? x->set : x->service;
}

static void *area(struct test_task *task, uint64_t offset)
{
	return task->memory + offset;
}

static mach_msg_type_number_t names_in(struct test_task *task)
{
	mach_port_name_t *names = NULL;
	mach_port_type_t *types = NULL;
	mach_msg_type_number_t count = 0, types_count = 0;
	if (ipc_mach_port_names(task->space, &names, &count, &types, &types_count) != KERN_SUCCESS)
		return 0xdead;
	ipc_kernel_ool_free(names, count * sizeof(*names));
	ipc_kernel_ool_free(types, types_count * sizeof(*types));
	return count;
}

/* Records the state the exchange left, then frees both tasks. */
static void exchange_finish(struct exchange *x)
{
	struct exchange_result *r = &x->result;
	r->once_type_after = type_of(x->server, r->request.header.msgh_remote_port);
	r->service_type = type_of(x->server, x->service);
	r->to_service_type = type_of(x->client, x->to_service);
	r->reply_port_type = type_of(x->client, x->reply);
	r->to_service_refs = refs_of(x->client, x->to_service, MACH_PORT_RIGHT_SEND);
	mach_port_status_t status;
	memset(&status, 0, sizeof(status));
	if (ipc_mach_port_get_receive_status(x->server->space, x->service, &status) ==
	    KERN_SUCCESS) {
		r->service_seqno = status.mps_seqno;
		r->service_sorights = status.mps_sorights;
		r->service_srights = status.mps_srights;
		r->service_mscount = status.mps_mscount;
		r->service_msgcount = status.mps_msgcount;
	}
	memset(&status, 0, sizeof(status));
	if (ipc_mach_port_get_receive_status(x->client->space, x->reply, &status) == KERN_SUCCESS) {
		r->reply_seqno = status.mps_seqno;
		r->reply_sorights = status.mps_sorights;
		r->reply_msgcount = status.mps_msgcount;
	}
	if (x->notify && receive(x->server, x->notify, 256, 0, 0) == MACH_MSG_SUCCESS)
		r->notification = received(x->server)->msgh_id;
	r->server_names = names_in(x->server);
	r->client_names = names_in(x->client);
	task_free(x->client);
	task_free(x->server);
}

/* The general path: the request is queued before the server receives, the
 * reply before the client does. */
static void run_queued(struct exchange *x)
{
	struct exchange_result *r = &x->result;
	struct int_message request = request_of(x);
	memcpy(area(x->client, CLIENT_AREA), &request, sizeof(request));
	r->client_result = ipc_mach_msg_trap(x->client->space, x->client->base + CLIENT_AREA,
	                                     MACH_SEND_MSG, sizeof(request), 0, 0, 0, 0);
	r->server_result =
	    ipc_mach_msg_trap(x->server->space, x->server->base + SERVER_AREA,
	                      MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 256, receive_name_of(x), 0, 0);
	memcpy(&r->request, area(x->server, SERVER_AREA), sizeof(r->request));
	r->once_type = type_of(x->server, r->request.header.msgh_remote_port);
	struct int_message reply = reply_to(&r->request);
	memcpy(area(x->server, REPLIER_AREA), &reply, sizeof(reply));
	r->replier_result = ipc_mach_msg_trap(x->server->space, x->server->base + REPLIER_AREA,
	                                      MACH_SEND_MSG, sizeof(reply), 0, 0, 0, 0);
	if (r->client_result == MACH_MSG_SUCCESS)
		r->client_result =
		    ipc_mach_msg_trap(x->client->space, x->client->base + CLIENT_AREA,
		                      MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 256, x->reply, 0, 0);
	memcpy(&r->reply, area(x->client, CLIENT_AREA), sizeof(r->reply));
	exchange_finish(x);
}

static void server_after_wake(void *argument)
{
	struct exchange *x = argument;
	x->how->in_between(x);
}

static void client_after_wake(void *argument)
{
	struct exchange *x = argument;
	x->how->client_in_between(x);
}

/* Taken by the test while a message is sent and received: nothing that needs
 * a general section can go on meanwhile. */
static void hold_general_lock(struct exchange *x)
{
	if (x->hold_general_lock)
		spin_lock(&ipc_lock);
}

static void release_general_lock(struct exchange *x)
{
	if (x->hold_general_lock)
		spin_unlock(&ipc_lock);
}

/* The statistics a measured step starts from (stats_now counts as a section). */
static struct ipc_statistics step_start(void)
{
	return stats_now();
}

static void step_end(const struct ipc_statistics *start, size_t *sections, size_t *fast_receives)
{
	struct ipc_statistics end = stats_now();
	*sections = end.general_sections - start->general_sections - 1;
	*fast_receives = end.fast_path_receives - start->fast_path_receives;
}

/* The fast path: each message is sent with mach_msg(SEND|RCV) to a receiver
 * already waiting. */
static void run_handed_off(struct exchange *x)
{
	struct exchange_result *r = &x->result;
	x->server_party = (struct party){.task = x->server,
	                                 .ipc = server_ipc,
	                                 .area = SERVER_AREA,
	                                 .option = MACH_RCV_MSG,
	                                 .receive_name = receive_name_of(x)};
	size_t hits = stats_now().fast_path_hits;
	if (x->how->in_between)
		test_thread_after_wake(server_ipc, server_after_wake, x);
	if (x->how->client_in_between)
		test_thread_after_wake(client_ipc, client_after_wake, x);
	party_start(&x->server_party);
	party_wait_receiving(&x->server_party);
	struct int_message request = request_of(x);
	memcpy(area(x->client, CLIENT_AREA), &request, sizeof(request));
	x->client_party = (struct party){.task = x->client,
	                                 .ipc = client_ipc,
	                                 .area = CLIENT_AREA,
	                                 .option = MACH_SEND_MSG | MACH_RCV_MSG,
	                                 .send_size = sizeof(request),
	                                 .receive_name = x->reply};
	struct ipc_statistics step = step_start();
	hold_general_lock(x);
	party_start(&x->client_party);
	party_wait_done(&x->server_party);
	x->request_received_under_lock = party_done(&x->server_party);
	release_general_lock(x);
	r->server_result = party_join(&x->server_party);
	party_wait_receiving(&x->client_party);
	step_end(&step, &x->request_sections, &x->request_fast_receives);
	memcpy(&r->request, area(x->server, SERVER_AREA), sizeof(r->request));
	r->once_type = type_of(x->server, r->request.header.msgh_remote_port);
	if (!party_done(&x->client_party)) {
		struct int_message reply = reply_to(&r->request);
		memcpy(area(x->server, REPLIER_AREA), &reply, sizeof(reply));
		x->replier_party =
		    (struct party){.task = x->server,
		                   .ipc = replier_ipc,
		                   .area = REPLIER_AREA,
		                   .option = MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
		                   .send_size = sizeof(reply),
		                   .receive_name = receive_name_of(x)};
		step = step_start();
		hold_general_lock(x);
		party_start(&x->replier_party);
		party_wait_done(&x->client_party);
		x->reply_received_under_lock = party_done(&x->client_party);
		release_general_lock(x);
		r->replier_result = party_join(&x->replier_party);
		step_end(&step, &x->reply_sections, &x->reply_fast_receives);
		/* The send half of SEND|RCV succeeded if the receive half ran. */
		if (r->replier_result == MACH_RCV_TIMED_OUT)
			r->replier_result = MACH_MSG_SUCCESS;
	}
	r->client_result = party_join(&x->client_party);
	memcpy(&r->reply, area(x->client, CLIENT_AREA), sizeof(r->reply));
	x->fast_sends = stats_now().fast_path_hits - hits;
	exchange_finish(x);
}

/* Lists the fields in which two results differ ("" if none). */
static const char *differences(const struct exchange_result *a, const struct exchange_result *b)
{
	static char text[512];
	text[0] = 0;
#define COMPARE(field)                                                                             \
	if (memcmp(&a->field, &b->field, sizeof(a->field)) != 0)                                   \
	strncat(text, " " #field, sizeof(text) - strlen(text) - 1)
	COMPARE(server_result);
	COMPARE(client_result);
	COMPARE(replier_result);
	COMPARE(request.header.msgh_bits);
	COMPARE(request.header.msgh_size);
	COMPARE(request.header.msgh_remote_port);
	COMPARE(request.header.msgh_protected_payload);
	COMPARE(request.header.msgh_seqno);
	COMPARE(request.header.msgh_id);
	COMPARE(request.type);
	COMPARE(request.value);
	COMPARE(reply);
	COMPARE(once_type);
	COMPARE(once_type_after);
	COMPARE(service_type);
	COMPARE(to_service_type);
	COMPARE(reply_port_type);
	COMPARE(to_service_refs);
	COMPARE(service_seqno);
	COMPARE(reply_seqno);
	COMPARE(service_sorights);
	COMPARE(reply_sorights);
	COMPARE(service_srights);
	COMPARE(service_mscount);
	COMPARE(service_msgcount);
	COMPARE(reply_msgcount);
	COMPARE(notification);
	COMPARE(server_names);
	COMPARE(client_names);
#undef COMPARE
	return text;
}

static void show(const char *label, const struct exchange_result *r)
{
	printf("# %s: server %#x client %#x replier %#x; request bits %#x remote %#x local %#llx "
	       "seqno %u id %d; reply bits %#x remote %#x local %#x seqno %u id %d value %d\n",
	       label, r->server_result, r->client_result, r->replier_result,
	       r->request.header.msgh_bits, r->request.header.msgh_remote_port,
	       (unsigned long long)r->request.header.msgh_protected_payload,
	       r->request.header.msgh_seqno, r->request.header.msgh_id, r->reply.header.msgh_bits,
	       r->reply.header.msgh_remote_port, r->reply.header.msgh_local_port,
	       r->reply.header.msgh_seqno, r->reply.header.msgh_id, r->reply.value);
}

/* --- the same exchange both ways --- */

static struct exchange_case same_as_general[] = {
    {.what = "a COPY_SEND request", .request_disposition = MACH_MSG_TYPE_COPY_SEND},
    {.what = "a MOVE_SEND request (the client's last reference)",
     .request_disposition = MACH_MSG_TYPE_MOVE_SEND},
    {.what = "a request to a port with a protected payload",
     .request_disposition = MACH_MSG_TYPE_COPY_SEND,
     .payload = true},
    {.what = "a request received on a port set",
     .request_disposition = MACH_MSG_TYPE_COPY_SEND,
     .on_set = true},
    {.what = "a request to a port whose sequence number was set",
     .request_disposition = MACH_MSG_TYPE_COPY_SEND,
     .seqno = 40},
    {.what = "a request carrying the last send right, a no-senders request armed",
     .request_disposition = MACH_MSG_TYPE_MOVE_SEND,
     .no_senders = true,
     .general_receive = true},
};

static void test_same_as_general_path(void)
{
	for (size_t i = 0; i < sizeof(same_as_general) / sizeof(same_as_general[0]); i++) {
		struct exchange_case *how = &same_as_general[i];
		struct exchange queued, handed;
		exchange_setup(&queued, how);
		run_queued(&queued);
		exchange_setup(&handed, how);
		handed.hold_general_lock = !how->general_receive;
		run_handed_off(&handed);
		const struct exchange_result *q = &queued.result, *h = &handed.result;
		const char *diff = differences(q, h);
		CHECK(q->server_result == MACH_MSG_SUCCESS &&
		          q->client_result == MACH_MSG_SUCCESS &&
		          q->replier_result == MACH_MSG_SUCCESS && q->reply.value == 42,
		      "%s: the general path serves the call", how->what);
		CHECK(!*diff,
		      "%s: handed to a waiting receiver, it is received the same (differs in:%s)",
		      how->what, diff);
		if (*diff) {
			show("queued", q);
			show("handed", h);
		}
		CHECK(handed.fast_sends == 2,
		      "%s: the request and the reply took the fast path (%zu)", how->what,
		      handed.fast_sends);
		/* The client's wait for the reply, and the replier's receive, each take
		 * one general section; a receive the general path finishes, another, and
		 * the no-senders notification it sends, a third. */
		if (how->general_receive) {
			CHECK(handed.request_fast_receives == 0 && handed.request_sections == 3,
			      "%s: the server's receive falls back to the general path (%zu fast, "
			      "%zu general sections)",
			      how->what, handed.request_fast_receives, handed.request_sections);
		} else {
			CHECK(handed.request_received_under_lock,
			      "%s: the server receives the request while the test holds ipc_lock",
			      how->what);
			CHECK(handed.request_fast_receives == 1 && handed.request_sections == 1,
			      "%s: its receive took no general section (%zu fast, %zu general "
			      "sections)",
			      how->what, handed.request_fast_receives, handed.request_sections);
		}
		CHECK(handed.reply_received_under_lock,
		      "%s: the client receives the reply while the test holds ipc_lock", how->what);
		CHECK(handed.reply_fast_receives == 1 && handed.reply_sections == 1,
		      "%s: the client's receive took no general section (%zu fast, %zu general "
		      "sections)",
		      how->what, handed.reply_fast_receives, handed.reply_sections);
		CHECK(h->once_type == MACH_PORT_TYPE_SEND_ONCE && h->once_type_after == 0xdead &&
		          h->service_sorights == 0 && h->reply_sorights == 0,
		      "%s: the reply used the send-once right; no send-once right is left",
		      how->what);
	}
}

/* --- something changes between the hand-off and the receiver running --- */

static void destroy_service(struct exchange *x)
{
	ipc_mach_port_destroy(x->server->space, x->service);
}

static void destroy_reply_port(struct exchange *x)
{
	party_wait_receiving(&x->client_party);
	ipc_mach_port_destroy(x->client->space, x->reply);
}

static void destroy_reply_port_now(struct exchange *x)
{
	ipc_mach_port_destroy(x->client->space, x->reply);
}

static void destroy_set(struct exchange *x)
{
	ipc_mach_port_destroy(x->server->space, x->set);
}

static void fill_server_table(struct exchange *x)
{
	struct ipc_space *space = x->server->space;
	uint32_t free_slots = space->capacity - 1 - space->entries_in_use;
	for (uint32_t i = 0; i < free_slots; i++)
		new_port(x->server);
}

static void set_payload(struct exchange *x)
{
	ipc_mach_port_set_protected_payload(x->server->space, x->service, PAYLOAD);
}

static void request_no_senders(struct exchange *x)
{
	struct ipc_port *previous = NULL;
	x->notify = new_port(x->server);
	ipc_mach_port_request_notification(x->server->space, x->service, MACH_NOTIFY_NO_SENDERS, 0,
	                                   kernel_send_once(x->server, x->notify), &previous);
}

/* Runs the exchange handed off; the request's and the reply's receives are
 * finished by the fast path as many times as said (0: the general path). */
static struct exchange run_between(struct exchange_case *how, size_t request_fast,
                                   size_t reply_fast)
{
	struct exchange x;
	exchange_setup(&x, how);
	run_handed_off(&x);
	CHECK(x.fast_sends >= 1 && x.request_fast_receives == request_fast &&
	          x.reply_fast_receives == reply_fast,
	      "%s after the hand-off: the request took the fast path (%zu), its receive %s, the "
	      "reply's %s",
	      how->what, x.fast_sends, request_fast ? "too" : "the general path",
	      reply_fast ? "the fast path" : "the general path or none");
	return x;
}

#define SEND_ONCE_SEND MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, MACH_MSG_TYPE_PORT_SEND)

static void test_changes_in_between(void)
{
	struct exchange_case died = {.what = "the service port destroyed",
	                             .request_disposition = MACH_MSG_TYPE_COPY_SEND,
	                             .in_between = destroy_service};
	struct exchange x = run_between(&died, 0, 1);
	struct exchange_result *r = &x.result;
	CHECK(r->server_result == MACH_MSG_SUCCESS && r->request.header.msgh_local_port == 0 &&
	          r->request.header.msgh_bits == SEND_ONCE_SEND &&
	          r->once_type == MACH_PORT_TYPE_SEND_ONCE && r->request.value == 41,
	      "%s after the hand-off: the message is received, its destination named null",
	      died.what);
	CHECK(r->client_result == MACH_MSG_SUCCESS && r->reply.value == 42 &&
	          r->service_type == 0xdead,
	      "%s: the reply still reaches the client", died.what);

	struct exchange_case reply_died = {.what = "the client's reply port destroyed",
	                                   .request_disposition = MACH_MSG_TYPE_COPY_SEND,
	                                   .in_between = destroy_reply_port};
	x = run_between(&reply_died, 0, 0);
	CHECK(r->server_result == MACH_MSG_SUCCESS &&
	          r->request.header.msgh_remote_port == MACH_PORT_DEAD &&
	          r->request.header.msgh_local_port == x.service &&
	          r->request.header.msgh_bits == SEND_ONCE_SEND,
	      "%s after the hand-off: the reply right is received as a dead name", reply_died.what);
	CHECK(r->client_result == MACH_RCV_PORT_DIED && r->reply_sorights == 0,
	      "%s: the client's receive reports it", reply_died.what);

	struct exchange_case full = {.what = "the server's name table filled",
	                             .request_disposition = MACH_MSG_TYPE_COPY_SEND,
	                             .in_between = fill_server_table};
	x = run_between(&full, 0, 1);
	CHECK(r->server_result == MACH_MSG_SUCCESS &&
	          r->request.header.msgh_remote_port == IPC_NAME(64, 1) &&
	          r->once_type == MACH_PORT_TYPE_SEND_ONCE &&
	          r->request.header.msgh_local_port == x.service,
	      "%s after the hand-off: the table grows for the reply right (%#x)", full.what,
	      r->request.header.msgh_remote_port);
	CHECK(r->client_result == MACH_MSG_SUCCESS && r->reply.value == 42,
	      "%s: the reply reaches the client", full.what);

	struct exchange_case set_died = {.what = "the port set destroyed",
	                                 .request_disposition = MACH_MSG_TYPE_COPY_SEND,
	                                 .on_set = true,
	                                 .in_between = destroy_set};
	x = run_between(&set_died, 0, 1);
	CHECK(r->server_result == MACH_MSG_SUCCESS &&
	          r->request.header.msgh_local_port == x.service &&
	          r->service_type == MACH_PORT_TYPE_RECEIVE,
	      "%s after the hand-off: the message is received, naming its port", set_died.what);
	CHECK(r->client_result == MACH_MSG_SUCCESS && r->reply.value == 42,
	      "%s: the reply reaches the client", set_died.what);

	struct exchange_case payload = {.what = "a protected payload set",
	                                .request_disposition = MACH_MSG_TYPE_COPY_SEND,
	                                .in_between = set_payload};
	x = run_between(&payload, 1, 1);
	CHECK(r->server_result == MACH_MSG_SUCCESS &&
	          MACH_MSGH_BITS_LOCAL(r->request.header.msgh_bits) ==
	              MACH_MSG_TYPE_PROTECTED_PAYLOAD &&
	          r->request.header.msgh_protected_payload == PAYLOAD,
	      "%s after the hand-off: the receiver sees the payload", payload.what);

	struct exchange_case no_senders = {.what = "a no-senders request armed",
	                                   .request_disposition = MACH_MSG_TYPE_MOVE_SEND,
	                                   .in_between = request_no_senders};
	x = run_between(&no_senders, 0, 1);
	CHECK(r->server_result == MACH_MSG_SUCCESS && r->client_result == MACH_MSG_SUCCESS &&
	          r->notification == MACH_NOTIFY_NO_SENDERS,
	      "%s after the hand-off: receiving the last send right fires it", no_senders.what);

	struct exchange_case client_reply_died = {
	    .what = "the reply port destroyed after the reply was handed over",
	    .request_disposition = MACH_MSG_TYPE_COPY_SEND,
	    .client_in_between = destroy_reply_port_now};
	x = run_between(&client_reply_died, 1, 0);
	CHECK(r->client_result == MACH_MSG_SUCCESS && r->reply.value == 42 &&
	          r->reply.header.msgh_local_port == 0 &&
	          r->reply.header.msgh_bits == MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE) &&
	          r->reply_port_type == 0xdead,
	      "%s: the client receives it, its destination named null", client_reply_died.what);
}

/* --- two servers on one port set, two clients, general-path traffic around --- */

#define SET_CALLS 500

struct set_race {
	struct test_task *server, *clients[2];
	mach_port_name_t set, members[2], extra, to_member[2];
	struct ipc_thread *server_ipcs[2], *client_ipcs[2], *meddler_ipc;
	int clients_done; /* atomic */
	int good_replies[2], served[2], header_errors[2];
};

struct set_race_thread {
	struct set_race *race;
	int index;
};

/* Serves calls on the set (value + 1) until message 999. */
static void *set_server(void *argument)
{
	struct set_race_thread *self = argument;
	struct set_race *race = self->race;
	test_thread_enter(race->server_ipcs[self->index]);
	uint64_t offset = SERVER_AREA + 1024 * (uint64_t)self->index;
	struct int_message *message = area(race->server, offset);
	mach_msg_return_t result =
	    ipc_mach_msg_trap(race->server->space, race->server->base + offset, MACH_RCV_MSG, 0,
	                      256, race->set, 0, 0);
	while (result == MACH_MSG_SUCCESS && message->header.msgh_id != 999) {
		int client = message->value / 100000;
		if (client < 0 || client > 1 ||
		    message->header.msgh_local_port != race->members[client] ||
		    message->header.msgh_bits !=
		        MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, MACH_MSG_TYPE_PORT_SEND))
			race->header_errors[self->index]++;
		race->served[self->index]++;
		*message = reply_to(message);
		result = ipc_mach_msg_trap(race->server->space, race->server->base + offset,
		                           MACH_SEND_MSG | MACH_RCV_MSG, sizeof(*message), 256,
		                           race->set, 0, 0);
	}
	test_thread_leave(race->server_ipcs[self->index]);
	return NULL;
}

static void *set_client(void *argument)
{
	struct set_race_thread *self = argument;
	struct set_race *race = self->race;
	struct test_task *task = race->clients[self->index];
	test_thread_enter(race->client_ipcs[self->index]);
	mach_port_name_t reply = new_port(task);
	for (int i = 0; i < SET_CALLS; i++) {
		int32_t value = self->index * 100000 + i;
		struct int_message request = {
		    .header = {.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		                                           MACH_MSG_TYPE_MAKE_SEND_ONCE),
		               .msgh_size = sizeof(request),
		               .msgh_remote_port = race->to_member[self->index],
		               .msgh_local_port = reply,
		               .msgh_id = 500},
		    .type = int_type,
		    .value = value,
		};
		if (task_msg(task, &request, sizeof(request), MACH_SEND_MSG | MACH_RCV_MSG, 256,
		             reply, 0) == MACH_MSG_SUCCESS &&
		    ((const struct int_message *)received(task))->value == value + 1 &&
		    received(task)->msgh_local_port == reply)
			race->good_replies[self->index]++;
	}
	ipc_mach_port_destroy(task->space, reply);
	test_thread_leave(race->client_ipcs[self->index]);
	__atomic_add_fetch(&race->clients_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* General sections on the server's space and set while the calls go on: a port
 * joins and leaves the set, payloads come and go, names are made and dropped
 * (the table grows, so some reply rights need the general path). */
static void *set_meddler(void *argument)
{
	struct set_race *race = argument;
	test_thread_enter(race->meddler_ipc);
	mach_port_name_t names[70];
	for (int round = 0; __atomic_load_n(&race->clients_done, __ATOMIC_ACQUIRE) < 2; round++) {
		ipc_mach_port_move_member(race->server->space, race->extra, race->set);
		ipc_mach_port_set_protected_payload(race->server->space, race->extra, PAYLOAD);
		ipc_mach_port_move_member(race->server->space, race->extra, MACH_PORT_NULL);
		ipc_mach_port_clear_protected_payload(race->server->space, race->extra);
		int count = round % 16 == 0 ? 70 : 0;
		for (int i = 0; i < count; i++)
			names[i] = new_port(race->server);
		for (int i = 0; i < count; i++)
			ipc_mach_port_destroy(race->server->space, names[i]);
		usleep(1000);
	}
	test_thread_leave(race->meddler_ipc);
	return NULL;
}

static void test_servers_on_a_set(void)
{
	struct ipc_statistics before = stats_now();
	struct set_race race = {.server = task_new(), .clients = {task_new(), task_new()}};
	ipc_mach_port_allocate(race.server->space, MACH_PORT_RIGHT_PORT_SET, &race.set);
	race.extra = new_port(race.server);
	for (int i = 0; i < 2; i++) {
		race.members[i] = new_port(race.server);
		ipc_mach_port_move_member(race.server->space, race.members[i], race.set);
		struct ipc_port *member = NULL;
		ipc_space_lookup_port(race.server->space, race.members[i], &member);
		ipc_space_insert_port_right(race.clients[i]->space, member, MACH_MSG_TYPE_MAKE_SEND,
		                            &race.to_member[i]);
		race.server_ipcs[i] = ipc_thread_create();
		race.client_ipcs[i] = ipc_thread_create();
	}
	race.meddler_ipc = ipc_thread_create();
	struct set_race_thread threads[2] = {{&race, 0}, {&race, 1}};
	pthread_t servers[2], clients[2], meddler;
	for (int i = 0; i < 2; i++)
		pthread_create(&servers[i], NULL, set_server, &threads[i]);
	for (int i = 0; i < 2; i++)
		pthread_create(&clients[i], NULL, set_client, &threads[i]);
	pthread_create(&meddler, NULL, set_meddler, &race);
	for (int i = 0; i < 2; i++)
		pthread_join(clients[i], NULL);
	pthread_join(meddler, NULL);
	for (int i = 0; i < 2; i++)
		send_int(race.clients[i], race.to_member[i], MACH_MSG_TYPE_COPY_SEND, 0, 0, 999, 0);
	for (int i = 0; i < 2; i++)
		pthread_join(servers[i], NULL);
	struct ipc_statistics after = stats_now();
	CHECK(race.good_replies[0] == SET_CALLS && race.good_replies[1] == SET_CALLS &&
	          race.served[0] + race.served[1] == 2 * SET_CALLS,
	      "two servers on a set: %d + %d good replies of %d calls, served %d + %d",
	      race.good_replies[0], race.good_replies[1], 2 * SET_CALLS, race.served[0],
	      race.served[1]);
	CHECK(race.header_errors[0] + race.header_errors[1] == 0,
	      "every request named its member port and a send-once reply right");
	size_t hits = after.fast_path_hits - before.fast_path_hits;
	size_t fast = after.fast_path_receives - before.fast_path_receives;
	CHECK(fast > 0 && fast <= hits,
	      "receives were finished by the fast path while the set was meddled with (%zu of "
	      "%zu hits)",
	      fast, hits);
	for (int i = 0; i < 2; i++) {
		ipc_thread_destroy(race.server_ipcs[i]);
		ipc_thread_destroy(race.client_ipcs[i]);
		task_free(race.clients[i]);
	}
	ipc_thread_destroy(race.meddler_ipc);
	task_free(race.server);
	after = stats_now();
	CHECK(after.ports == before.ports && after.entries == before.entries &&
	          after.port_sets == before.port_sets && after.kmsgs == before.kmsgs &&
	          after.bytes_held == before.bytes_held,
	      "no port, set, name, message or memory is left behind");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct ipc_thread *main_thread = ipc_thread_create();
	if (!main_thread) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	test_thread_enter(main_thread);
	ipc_init();
	struct ipc_statistics start = stats_now();
	server_ipc = ipc_thread_create();
	client_ipc = ipc_thread_create();
	replier_ipc = ipc_thread_create();
	if (!server_ipc || !client_ipc || !replier_ipc) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	test_same_as_general_path();
	test_changes_in_between();
	test_servers_on_a_set();
	ipc_thread_destroy(server_ipc);
	ipc_thread_destroy(client_ipc);
	ipc_thread_destroy(replier_ipc);
	ipc_thread_cleanup(main_thread);
	struct ipc_statistics end = stats_now();
	CHECK(end.ports == start.ports && end.entries == start.entries &&
	          end.kmsgs == start.kmsgs && end.spaces == start.spaces &&
	          end.bytes_held == start.bytes_held,
	      "every port, name, message, space and byte is gone (ports %zu/%zu, entries %zu/%zu, "
	      "kmsgs %zu/%zu, bytes %zu/%zu)",
	      start.ports, end.ports, start.entries, end.entries, start.kmsgs, end.kmsgs,
	      start.bytes_held, end.bytes_held);
	ipc_thread_destroy(main_thread);
	return tap_finish();
}
