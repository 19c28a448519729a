/* x86_64 page tables (see pmap.h). Boot-time tables come from a bump allocator
 * above the kernel and modules; afterwards every table page comes from physmem. */
#include "arch/x86_64/pmap.h"
#include "arch/x86_64/cpu_ops.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/layout.h"
#include "kern/boot_info.h"
#include "kern/cpu.h"
#include "vm/physmem.h"
#include "kern/zone.h"
#include "dev/console.h"
#include "lib/kstring.h"

#define PTE_PRESENT  (1ull << 0)
#define PTE_WRITE    (1ull << 1)
#define PTE_USER     (1ull << 2)
#define PTE_PWT      (1ull << 3)
#define PTE_PCD      (1ull << 4)
#define PTE_ACCESSED (1ull << 5)
#define PTE_LARGE    (1ull << 7)
#define PTE_GLOBAL   (1ull << 8)
#define PTE_NX       (1ull << 63)
#define PTE_DEVICE   (1ull << 9) /* available to software: a PMAP_DEVICE mapping */
#define PTE_ADDR     0x000ffffffffff000ull
#define BOOT_MAPPED  0x40000000ull /* boot.S maps the first GiB at KERNEL_VIRT_BASE */
#define GIB          0x40000000ull
#define MIB2         0x200000ull

extern char kernel_image_start[], kernel_image_end[];
extern uint64_t boot_pdpt_low[], boot_pdpt_high[];

static uint64_t kernel_pml4_phys;
static uint64_t trampoline_pml4_phys;
static uint64_t early_next, early_limit;
static bool nx_supported;
static bool paging_switched;

static uint64_t *table_virt(uint64_t phys)
{
	return paging_switched ? phys_to_virt(phys) : (uint64_t *)(KERNEL_VIRT_BASE + phys);
}

static uint64_t early_alloc_page(void)
{
	if (early_next + PAGE_SIZE > early_limit)
		panic("pmap: out of boot memory for page tables");
	uint64_t phys = early_next;
	early_next += PAGE_SIZE;
	memset(table_virt(phys), 0, PAGE_SIZE);
	return phys;
}

static uint64_t align_up(uint64_t value, uint64_t align)
{
	return (value + align - 1) & ~(align - 1);
}

/* The boot bump region: from above the kernel and modules to the end of the
 * usable range containing that point, within the first GiB. */
static void early_region_init(void)
{
	uint64_t start = (uint64_t)kernel_image_end - KERNEL_VIRT_BASE;
	if (boot_info.highest_module_end > start)
		start = boot_info.highest_module_end;
	start = align_up(start, PAGE_SIZE);
	for (unsigned i = 0; i < boot_info.memory_range_count; i++) {
		const struct boot_memory_range *r = &boot_info.memory[i];
		if (start >= r->start && start < r->end) {
			early_next = start;
			early_limit = r->end < BOOT_MAPPED ? r->end & ~(uint64_t)(PAGE_SIZE - 1) : BOOT_MAPPED;
			return;
		}
	}
	panic("pmap: no usable memory above the kernel and modules (at 0x%lx)", (unsigned long)start);
}

static bool range_has_ram(uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < boot_info.memory_range_count; i++) {
		if (boot_info.memory[i].start < end && boot_info.memory[i].end > start)
			return true;
	}
	return false;
}

void pmap_enable_cpu_features(void)
{
	uint32_t regs[4];
	cpuid(0x80000001, 0, regs);
	nx_supported = (regs[3] >> 20) & 1;
	if (nx_supported)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	write_cr4(read_cr4() | (1u << 7)); /* global pages */
}

void pmap_bootstrap(void)
{
	early_region_init();
	uint64_t top = 4 * GIB;
	for (unsigned i = 0; i < boot_info.memory_range_count; i++) {
		if (boot_info.memory[i].end > top)
			top = boot_info.memory[i].end;
	}
	top = align_up(top, GIB);
	if (top > 256 * GIB)
		panic("pmap: more than 256 GiB of physical address space is not supported");

	kernel_pml4_phys = early_alloc_page();
	uint64_t *pml4 = table_virt(kernel_pml4_phys);
	/* Direct map: 2 MiB pages; holes below 4 GiB without RAM are uncached (MMIO). */
	for (uint64_t gib = 0; gib < top / GIB; gib++) {
		uint64_t virt = DIRECT_MAP_BASE + gib * GIB;
		unsigned pml4_index = (virt >> 39) & 511, pdpt_index = (virt >> 30) & 511;
		if (!(pml4[pml4_index] & PTE_PRESENT))
			pml4[pml4_index] = early_alloc_page() | PTE_PRESENT | PTE_WRITE;
		uint64_t *pdpt = table_virt(pml4[pml4_index] & PTE_ADDR);
		uint64_t pd_phys = early_alloc_page();
		uint64_t *pd = table_virt(pd_phys);
		for (unsigned j = 0; j < 512; j++) {
			uint64_t phys = gib * GIB + j * MIB2;
			uint64_t attributes = PTE_PRESENT | PTE_WRITE | PTE_LARGE | PTE_GLOBAL;
			if (nx_supported)
				attributes |= PTE_NX;
			if (!range_has_ram(phys, phys + MIB2) && phys >= 3 * GIB)
				attributes |= PTE_PCD | PTE_PWT;
			pd[j] = phys | attributes;
		}
		pdpt[pdpt_index] = pd_phys | PTE_PRESENT | PTE_WRITE;
	}
	/* Every kernel-half PML4 entry exists now, so task tables can share them. */
	for (unsigned i = 256; i < 511; i++) {
		if (!(pml4[i] & PTE_PRESENT))
			pml4[i] = early_alloc_page() | PTE_PRESENT | PTE_WRITE;
	}
	pml4[511] = ((uint64_t)boot_pdpt_high - KERNEL_VIRT_BASE) | PTE_PRESENT | PTE_WRITE;

	trampoline_pml4_phys = early_alloc_page();
	uint64_t *trampoline = table_virt(trampoline_pml4_phys);
	memcpy(trampoline, pml4, PAGE_SIZE);
	trampoline[0] = ((uint64_t)boot_pdpt_low - KERNEL_VIRT_BASE) | PTE_PRESENT | PTE_WRITE;

	/* Frame bitmap, then switch and hand the rest of memory to physmem. */
	uint64_t frame_count = top / PAGE_SIZE;
	uint64_t bitmap_bytes = align_up(2 * page_frames_bitmap_words(frame_count) * 8, PAGE_SIZE);
	uint64_t bitmap_phys = early_next;
	for (uint64_t done = 0; done < bitmap_bytes; done += PAGE_SIZE)
		early_alloc_page();

	write_cr3(kernel_pml4_phys);
	paging_switched = true;

	physmem_init(phys_to_virt(bitmap_phys), frame_count);
	struct page_frames *frames = physmem_frames();
	for (unsigned i = 0; i < boot_info.memory_range_count; i++) {
		uint64_t first = align_up(boot_info.memory[i].start, PAGE_SIZE) / PAGE_SIZE;
		uint64_t end = boot_info.memory[i].end / PAGE_SIZE;
		if (end > first)
			page_frames_release_range(frames, first, end - first);
	}
	/* Low memory (firmware, AP trampoline), kernel, modules, boot tables. */
	page_frames_reserve_range(frames, 0, early_next / PAGE_SIZE);
	for (unsigned i = 0; i < boot_info.module_count; i++) {
		uint64_t first = boot_info.modules[i].start / PAGE_SIZE;
		uint64_t end = align_up(boot_info.modules[i].end, PAGE_SIZE) / PAGE_SIZE;
		page_frames_reserve_range(frames, first, end - first);
	}
}

uint64_t pmap_kernel_pml4_phys(void)
{
	return kernel_pml4_phys;
}

uint64_t pmap_trampoline_pml4_phys(void)
{
	return trampoline_pml4_phys;
}

bool pmap_create(struct address_space *space)
{
	uint64_t phys;
	if (!physmem_alloc_page(&phys))
		return false;
	uint64_t *pml4 = phys_to_virt(phys);
	const uint64_t *kernel = phys_to_virt(kernel_pml4_phys);
	for (unsigned i = 256; i < 512; i++)
		pml4[i] = kernel[i];
	space->pml4_phys = phys;
	space->lock = (spinlock_t)SPINLOCK_INIT;
	space->resident_pages = 0;
	return true;
}

static void free_tables(uint64_t table_phys, int level)
{
	uint64_t *table = phys_to_virt(table_phys);
	for (unsigned i = 0; level > 1 && i < 512; i++) {
		if (table[i] & PTE_PRESENT)
			free_tables(table[i] & PTE_ADDR, level - 1);
	}
	physmem_free_pages(table_phys, 1);
}

void pmap_destroy(struct address_space *space)
{
	if (space->resident_pages != 0)
		panic("pmap: destroying tables that still map %lu pages",
		      (unsigned long)space->resident_pages);
	uint64_t *pml4 = phys_to_virt(space->pml4_phys);
	for (unsigned i = 0; i < 256; i++) {
		if (pml4[i] & PTE_PRESENT)
			free_tables(pml4[i] & PTE_ADDR, 3);
	}
	physmem_free_pages(space->pml4_phys, 1);
	space->pml4_phys = 0;
}

/* The leaf entry for address, creating intermediate tables if create. */
static uint64_t *walk(struct address_space *space, uint64_t address, bool create)
{
	uint64_t table_phys = space->pml4_phys;
	for (int level = 3; level >= 1; level--) {
		uint64_t *table = phys_to_virt(table_phys);
		unsigned index = (address >> (12 + 9 * level)) & 511;
		if (!(table[index] & PTE_PRESENT)) {
			uint64_t fresh;
			if (!create || !physmem_alloc_page(&fresh))
				return NULL;
			table[index] = fresh | PTE_PRESENT | PTE_WRITE | PTE_USER;
		}
		table_phys = table[index] & PTE_ADDR;
	}
	return (uint64_t *)phys_to_virt(table_phys) + ((address >> 12) & 511);
}

/* Reverse maps: for each managed frame, the (space, address) pairs mapping it.
 * Guarded by vm_lock, like every change of a mapping. */
struct pv_entry {
	struct address_space *space;
	uint64_t address;
	struct pv_entry *next;
};

#define PV_ENTRY_LIMIT (1u << 22)

static struct pv_entry **pv_heads; /* by frame number */
static uint64_t pv_frame_count;
static struct zone pv_zone;

void pmap_pv_system_init(uint64_t frame_count)
{
	uint64_t bytes = align_up(frame_count * sizeof(struct pv_entry *), PAGE_SIZE);
	uint64_t phys;
	if (!physmem_alloc_contiguous(bytes / PAGE_SIZE, 1, 0, &phys))
		panic("pmap: no memory for the reverse maps");
	pv_heads = phys_to_virt(phys);
	pv_frame_count = frame_count;
	zone_init(&pv_zone, "pmap reverse map", sizeof(struct pv_entry), PV_ENTRY_LIMIT);
}

static struct pv_entry **pv_head(uint64_t phys)
{
	uint64_t frame = phys / PAGE_SIZE;
	return frame < pv_frame_count ? &pv_heads[frame] : NULL;
}

static void pv_unlink(uint64_t phys, struct address_space *space, uint64_t address)
{
	struct pv_entry **link = pv_head(phys);
	if (!link)
		return;
	for (; *link; link = &(*link)->next) {
		if ((*link)->space == space && (*link)->address == address) {
			struct pv_entry *entry = *link;
			*link = entry->next;
			zone_free(&pv_zone, entry);
			return;
		}
	}
}

static uint64_t pte_for(uint64_t phys, unsigned flags)
{
	uint64_t pte = (phys & PTE_ADDR) | PTE_PRESENT;
	if (flags & PMAP_WRITE)
		pte |= PTE_WRITE;
	if (flags & PMAP_USER)
		pte |= PTE_USER;
	if (!(flags & PMAP_EXECUTE) && nx_supported)
		pte |= PTE_NX;
	if (flags & PMAP_DEVICE)
		pte |= PTE_DEVICE;
	if ((flags & PMAP_DEVICE) && !(flags & PMAP_CACHED))
		pte |= PTE_PCD | PTE_PWT;
	return pte;
}

static void tlb_shootdown(void);

/* After clearing or restricting entries of space: this CPU's entry for
 * address (if the tables are live here), then every other CPU. */
static void flush_after_change(struct address_space *space, uint64_t address)
{
	if (read_cr3() == space->pml4_phys)
		invlpg(address);
	if (__atomic_load_n(&cpu_count, __ATOMIC_ACQUIRE) > 1)
		tlb_shootdown();
}

bool pmap_enter(struct address_space *space, uint64_t address, uint64_t phys, unsigned flags)
{
	if (address >= USER_SPACE_END || (address & (PAGE_SIZE - 1)))
		return false;
	struct pv_entry **head = pv_head(phys);
	struct pv_entry *pv = NULL;
	irq_state_t state = spin_lock_irqsave(&space->lock);
	uint64_t *entry = walk(space, address, true);
	if (!entry) {
		spin_unlock_irqrestore(&space->lock, state);
		return false;
	}
	uint64_t old = *entry, pte = pte_for(phys, flags | PMAP_USER);
	bool same_frame = (old & PTE_PRESENT) && (old & PTE_ADDR) == (phys & PTE_ADDR);
	if (!same_frame && head) {
		pv = zone_alloc(&pv_zone);
		if (!pv) {
			spin_unlock_irqrestore(&space->lock, state);
			return false;
		}
	}
	*entry = pte;
	if (!(old & PTE_PRESENT))
		space->resident_pages++;
	spin_unlock_irqrestore(&space->lock, state);
	if (old & PTE_PRESENT) {
		if (!same_frame)
			pv_unlink(old & PTE_ADDR, space, address);
		/* A narrowed or moved mapping must not survive in any TLB. */
		bool narrowed = !same_frame || ((old & PTE_WRITE) && !(pte & PTE_WRITE)) ||
				(!(old & PTE_NX) && (pte & PTE_NX));
		if (narrowed)
			flush_after_change(space, address);
		else if (read_cr3() == space->pml4_phys)
			invlpg(address);
	}
	if (pv) {
		pv->space = space;
		pv->address = address;
		pv->next = *head;
		*head = pv;
	}
	return true;
}

bool pmap_translate(struct address_space *space, uint64_t address, uint64_t *phys_out,
		    unsigned *flags_out)
{
	if (address >= USER_SPACE_END)
		return false;
	irq_state_t state = spin_lock_irqsave(&space->lock);
	uint64_t *entry = walk(space, address, false);
	bool ok = entry && (*entry & PTE_PRESENT);
	if (ok) {
		*phys_out = (*entry & PTE_ADDR) | (address & (PAGE_SIZE - 1));
		unsigned flags = 0;
		if (*entry & PTE_WRITE)
			flags |= PMAP_WRITE;
		if (*entry & PTE_USER)
			flags |= PMAP_USER;
		if (!(*entry & PTE_NX))
			flags |= PMAP_EXECUTE;
		if (*entry & PTE_DEVICE)
			flags |= PMAP_DEVICE;
		*flags_out = flags;
	}
	spin_unlock_irqrestore(&space->lock, state);
	return ok;
}

bool pmap_copy_user(struct address_space *space, uint64_t address, void *buffer, size_t size,
		    bool to_user)
{
	if (address >= USER_SPACE_END || size > PAGE_SIZE - (address & (PAGE_SIZE - 1)))
		return false;
	irq_state_t state = spin_lock_irqsave(&space->lock);
	uint64_t *entry = walk(space, address, false);
	bool ok = entry && (*entry & PTE_PRESENT) && (*entry & PTE_USER) &&
		  !(*entry & PTE_DEVICE) && (!to_user || (*entry & PTE_WRITE));
	if (ok) {
		char *page = phys_to_virt(*entry & PTE_ADDR);
		if (to_user)
			memcpy(page + (address & (PAGE_SIZE - 1)), buffer, size);
		else
			memcpy(buffer, page + (address & (PAGE_SIZE - 1)), size);
	}
	spin_unlock_irqrestore(&space->lock, state);
	return ok;
}

void pmap_activate(struct address_space *space)
{
	uint64_t target = space ? space->pml4_phys : kernel_pml4_phys;
	if (read_cr3() != target)
		write_cr3(target);
}

/* TLB shootdown: per CPU, the latest flush generation asked of it and the
 * latest it has done. A CPU flushes its whole non-global TLB, whatever tables
 * it runs on: cheap, and no record of which CPU runs which tables is needed. */
static uint64_t flush_requested[MAX_CPUS], flush_completed[MAX_CPUS];

static void tlb_flush_service(void)
{
	irq_state_t state = irq_save_disable(); /* the IPI must not interleave with a poll */
	unsigned self = this_cpu()->index;
	uint64_t requested = __atomic_load_n(&flush_requested[self], __ATOMIC_ACQUIRE);
	if (requested != __atomic_load_n(&flush_completed[self], __ATOMIC_RELAXED)) {
		write_cr3(read_cr3());
		__atomic_store_n(&flush_completed[self], requested, __ATOMIC_RELEASE);
	}
	irq_restore(state);
}

void pmap_tlb_flush_serve(void)
{
	tlb_flush_service();
}

/* Every other online CPU flushes; waits for them, serving requests made of this
 * CPU meanwhile so two CPUs shooting at each other do not deadlock. */
static void tlb_shootdown(void)
{
	unsigned self = this_cpu()->index, count = __atomic_load_n(&cpu_count, __ATOMIC_ACQUIRE);
	uint64_t wanted[MAX_CPUS] = {0};
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the cleared entries before the requests */
	for (unsigned i = 0; i < count; i++) {
		if (i == self || !cpus[i].online)
			continue;
		wanted[i] = __atomic_add_fetch(&flush_requested[i], 1, __ATOMIC_ACQ_REL);
		lapic_send_ipi(cpus[i].apic_id, VECTOR_TLB_FLUSH);
	}
	for (unsigned i = 0; i < count; i++) {
		while (__atomic_load_n(&flush_completed[i], __ATOMIC_ACQUIRE) < wanted[i]) {
			tlb_flush_service();
			spin_pause();
		}
	}
}

/* An entry without the rights flags lacks; rights it lacks are not added. */
static uint64_t narrow(uint64_t pte, unsigned flags)
{
	if (!(flags & PMAP_WRITE))
		pte &= ~PTE_WRITE;
	if (!(flags & PMAP_EXECUTE) && nx_supported)
		pte |= PTE_NX;
	return pte;
}

/* Clears (clear) or narrows to flags the present entries of [start, end). */
static uint64_t change_range(struct address_space *space, uint64_t start, uint64_t end,
			     bool clear, unsigned flags)
{
	if (end > USER_SPACE_END)
		end = USER_SPACE_END;
	uint64_t changed = 0, address = start & ~(uint64_t)(PAGE_SIZE - 1);
	bool active_here = read_cr3() == space->pml4_phys;
	while (address < end) {
		irq_state_t state = spin_lock_irqsave(&space->lock);
		uint64_t *entry = walk(space, address, false);
		if (!entry) { /* no leaf table: skip its 2 MiB */
			spin_unlock_irqrestore(&space->lock, state);
			address = (address | (MIB2 - 1)) + 1;
			continue;
		}
		uint64_t old = *entry;
		if (old & PTE_PRESENT) {
			if (clear) {
				*entry = 0;
				space->resident_pages--;
			} else {
				*entry = narrow(old, flags);
			}
			if (active_here)
				invlpg(address);
		}
		spin_unlock_irqrestore(&space->lock, state);
		if (old & PTE_PRESENT) {
			if (clear)
				pv_unlink(old & PTE_ADDR, space, address);
			changed++;
		}
		address += PAGE_SIZE;
	}
	if (changed && __atomic_load_n(&cpu_count, __ATOMIC_ACQUIRE) > 1)
		tlb_shootdown();
	return changed;
}

uint64_t pmap_remove(struct address_space *space, uint64_t start, uint64_t end)
{
	return change_range(space, start, end, true, 0);
}

void pmap_protect(struct address_space *space, uint64_t start, uint64_t end, unsigned flags)
{
	change_range(space, start, end, flags == 0, flags);
}

/* Restricts (or, flags 0, removes) every mapping of the frame at phys; this
 * CPU's TLB is flushed, the others' are not. True if any mapping changed. */
static bool change_page_mappings(uint64_t phys, unsigned flags)
{
	struct pv_entry **link = pv_head(phys);
	if (!link || !*link)
		return false;
	bool changed = false;
	while (*link) {
		struct pv_entry *pv = *link;
		struct address_space *space = pv->space;
		irq_state_t state = spin_lock_irqsave(&space->lock);
		uint64_t *entry = walk(space, pv->address, false);
		bool remove = flags == 0;
		if (entry && (*entry & PTE_PRESENT) && (*entry & PTE_ADDR) == (phys & PTE_ADDR)) {
			if (remove) {
				*entry = 0;
				space->resident_pages--;
			} else {
				*entry = narrow(*entry, flags);
			}
			if (read_cr3() == space->pml4_phys)
				invlpg(pv->address);
			changed = true;
		}
		spin_unlock_irqrestore(&space->lock, state);
		if (remove) {
			*link = pv->next;
			zone_free(&pv_zone, pv);
		} else {
			link = &pv->next;
		}
	}
	return changed;
}

void pmap_page_protect(uint64_t phys, unsigned flags)
{
	if (change_page_mappings(phys, flags))
		pmap_tlb_shootdown_others();
}

bool pmap_page_remove_unflushed(uint64_t phys)
{
	return change_page_mappings(phys, 0);
}

void pmap_tlb_shootdown_others(void)
{
	if (__atomic_load_n(&cpu_count, __ATOMIC_ACQUIRE) > 1)
		tlb_shootdown();
}

bool pmap_page_test_and_clear_referenced(uint64_t phys)
{
	struct pv_entry **head = pv_head(phys);
	bool referenced = false;
	for (struct pv_entry *pv = head ? *head : NULL; pv; pv = pv->next) {
		struct address_space *space = pv->space;
		irq_state_t state = spin_lock_irqsave(&space->lock);
		uint64_t *entry = walk(space, pv->address, false);
		/* Atomic: the CPU sets the accessed and dirty bits with locked writes. */
		if (entry && (*entry & PTE_PRESENT) && (*entry & PTE_ADDR) == (phys & PTE_ADDR) &&
		    (__atomic_fetch_and(entry, ~PTE_ACCESSED, __ATOMIC_ACQ_REL) & PTE_ACCESSED))
			referenced = true;
		spin_unlock_irqrestore(&space->lock, state);
	}
	return referenced;
}
