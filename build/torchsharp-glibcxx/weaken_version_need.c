/*
 * Marks one version requirement (an Elf64_Vernaux entry of .gnu.version_r) as weak, so that the
 * dynamic loader accepts a system library that lacks that version instead of refusing to load.
 * patchelf cannot set this flag; the rest of the patch is done with patchelf.
 *
 * usage: weaken_version_need FILE VERSION   (for example GLIBCXX_3.4.32)
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *file, const char *why)
{
    fprintf(stderr, "weaken_version_need: %s: %s\n", file, why);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3)
    {
        fprintf(stderr, "usage: weaken_version_need FILE VERSION\n");
        return 2;
    }
    const char *file = argv[1], *version = argv[2];
    int fd = open(file, O_RDWR);
    if (fd < 0) return fail(file, "cannot open for writing");
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(Elf64_Ehdr)) return fail(file, "not an ELF file");
    unsigned char *image = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (image == MAP_FAILED) return fail(file, "cannot map");
    size_t size = (size_t)st.st_size;

    Elf64_Ehdr *header = (Elf64_Ehdr *)image;
    if (memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 || header->e_ident[EI_CLASS] != ELFCLASS64)
        return fail(file, "not a 64-bit ELF file");
    if (header->e_shoff + (size_t)header->e_shnum * sizeof(Elf64_Shdr) > size)
        return fail(file, "section headers out of range");

    Elf64_Shdr *sections = (Elf64_Shdr *)(image + header->e_shoff);
    int weakened = 0;
    for (int i = 0; i < header->e_shnum; i++)
    {
        if (sections[i].sh_type != SHT_GNU_verneed) continue;
        if (sections[i].sh_link >= header->e_shnum) return fail(file, "bad string table link");
        const char *strings = (const char *)(image + sections[sections[i].sh_link].sh_offset);
        size_t need_offset = sections[i].sh_offset;
        for (;;)
        {
            if (need_offset + sizeof(Elf64_Verneed) > size) return fail(file, "version needs out of range");
            Elf64_Verneed *need = (Elf64_Verneed *)(image + need_offset);
            size_t aux_offset = need_offset + need->vn_aux;
            for (int j = 0; j < need->vn_cnt; j++)
            {
                if (aux_offset + sizeof(Elf64_Vernaux) > size) return fail(file, "version entry out of range");
                Elf64_Vernaux *aux = (Elf64_Vernaux *)(image + aux_offset);
                if (strcmp(strings + aux->vna_name, version) == 0)
                {
                    aux->vna_flags |= VER_FLG_WEAK;
                    weakened++;
                }
                if (aux->vna_next == 0) break;
                aux_offset += aux->vna_next;
            }
            if (need->vn_next == 0) break;
            need_offset += need->vn_next;
        }
    }
    msync(image, size, MS_SYNC);
    munmap(image, size);
    close(fd);
    if (weakened == 0) return fail(file, "no requirement of that version");
    return 0;
}
