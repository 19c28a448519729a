/* Validating the two images the loader maps (loader_image.c): a Linux program
 * and the emulator. Portable, so that host tests can feed it corrupt images. */
#ifndef LOADER_LOADER_IMAGE_H
#define LOADER_LOADER_IMAGE_H

#include <stddef.h>
#include <wildebeest/emul_image.h>

/* NULL if image is a static ELF64 x86_64 executable whose segments lie inside
 * the file and below the emulator; else why not. */
const char *loader_check_program(const void *image, size_t size);
/* NULL if image is an emulator: an ELF64 executable inside
 * [EMUL_IMAGE_BASE, EMUL_IMAGE_END) whose entry point names an image header
 * (copied to *header) with the right magic, whose start routine and system-call
 * entry lie in its executable segments; else why not. */
const char *loader_check_emulator(const void *image, size_t size, struct emul_image_header *header);

#endif
