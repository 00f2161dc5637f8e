package org.basket.channel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class UntrustedTest {

    @Test
    void newlinesControlCharactersAndTerminalEscapesBecomeVisibleText() {
        assertEquals("agent 1.0\\n2026-12-04 ERROR forged line", Untrusted.text("agent 1.0\n2026-12-04 ERROR forged line"));
        assertEquals("a\\rb\\tc", Untrusted.text("a\rb\tc"));
        assertEquals("\\u001b[2J\\u001b[31mred\\u001b[0m", Untrusted.text("\u001b[2J\u001b[31mred\u001b[0m"));
        assertEquals("bell\\u0007 nul\\u0000 del\\u007f csi\\u009b", Untrusted.text("bell\u0007 nul\u0000 del\u007f csi\u009b"));
        assertEquals("\\u202egnp.exe", Untrusted.text("\u202egnp.exe"));
    }

    @Test
    void ordinaryTextIsLeftAsItIsAndEscapingTwiceChangesNothing() {
        String plain = "nginx 1.24 – OK: ü, 日本, \\ and = kept";
        assertSame(plain, Untrusted.text(plain));
        String once = Untrusted.text("x\ny\u001b");
        assertEquals(once, Untrusted.text(once));
        assertEquals("", Untrusted.text(null));
    }
}
