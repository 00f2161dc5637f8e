# A diskless test guest: a multiboot kernel that writes 1, 2, 3, ... one line every ~0.2 s to COM1.
# It sleeps in hlt between timer ticks (PIT at ~18.2 Hz), so it costs the host almost no CPU.
# Built by build-guest.sh with binutils: as --32, ld -m elf_i386.

        .set MB_MAGIC, 0x1BADB002
        .set MB_FLAGS, 0
        .set COM1, 0x3F8
        .set TICKS_PER_LINE, 4

        .section .text
        # the multiboot header must lie in the file's first 8 KiB: first thing in .text
        .align 4
        .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

        .globl _start
_start:
        cli
        lgdt gdt_descriptor
        ljmp $0x08, $reload_segments
reload_segments:
        mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %es
        mov %ax, %ss
        mov $stack_top, %esp

        # every vector to ignore_interrupt, the timer (vector 0x20) to timer_interrupt
        mov $idt, %edi
        mov $ignore_interrupt, %edx
        mov $0x21, %ecx
fill_idt:
        call set_gate
        add $8, %edi
        loop fill_idt
        mov $idt + 0x20 * 8, %edi
        mov $timer_interrupt, %edx
        call set_gate
        lidt idt_descriptor

        # PIC: IRQs 0-7 at vectors 0x20-0x27, 8-15 at 0x28-0x2F; only IRQ 0 unmasked
        mov $0x11, %al
        outb %al, $0x20
        outb %al, $0xA0
        mov $0x20, %al
        outb %al, $0x21
        mov $0x28, %al
        outb %al, $0xA1
        mov $4, %al
        outb %al, $0x21
        mov $2, %al
        outb %al, $0xA1
        mov $1, %al
        outb %al, $0x21
        outb %al, $0xA1
        mov $0xFE, %al
        outb %al, $0x21
        mov $0xFF, %al
        outb %al, $0xA1

        # PIT channel 0, rate generator, divisor 65536
        mov $0x34, %al
        outb %al, $0x43
        xor %al, %al
        outb %al, $0x40
        outb %al, $0x40

        xor %ebx, %ebx
        sti
main_loop:
        hlt
        cmpl $TICKS_PER_LINE, ticks
        jb main_loop
        movl $0, ticks
        inc %ebx
        mov %ebx, %eax
        call print_decimal
        jmp main_loop

# edx: handler address; edi: the gate to write (32-bit interrupt gate, selector 0x08)
set_gate:
        mov %dx, (%edi)
        movw $0x08, 2(%edi)
        movw $0x8E00, 4(%edi)
        mov %edx, %eax
        shr $16, %eax
        mov %ax, 6(%edi)
        ret

timer_interrupt:
        push %eax
        incl ticks
        mov $0x20, %al
        outb %al, $0x20
        pop %eax
        iret

ignore_interrupt:
        iret

# eax: the number to print, followed by a newline
print_decimal:
        mov $digits_end, %edi
        mov $10, %ecx
next_digit:
        xor %edx, %edx
        div %ecx
        add $'0', %dl
        dec %edi
        mov %dl, (%edi)
        test %eax, %eax
        jnz next_digit
print_next:
        mov (%edi), %al
        call put_char
        inc %edi
        cmp $digits_end, %edi
        jb print_next
        mov $'\n', %al
        call put_char
        ret

put_char:
        mov %al, %ah
        mov $COM1 + 5, %dx
wait_transmitter:
        inb %dx, %al
        test $0x20, %al
        jz wait_transmitter
        mov $COM1, %dx
        mov %ah, %al
        outb %al, %dx
        ret

        .section .data
        .align 8
gdt:
        .quad 0
        .quad 0x00CF9A000000FFFF
        .quad 0x00CF92000000FFFF
gdt_descriptor:
        .word gdt_descriptor - gdt - 1
        .long gdt
idt_descriptor:
        .word 0x21 * 8 - 1
        .long idt
ticks:
        .long 0
digits:
        .space 12
digits_end:

        .section .bss
        .align 16
idt:
        .space 0x21 * 8
stack:
        .space 4096
stack_top:
