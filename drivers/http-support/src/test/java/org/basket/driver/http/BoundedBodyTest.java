package org.basket.driver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void aBodyUpToTheBoundIsReadWhole() throws IOException {
        assertEquals(1024, BoundedBody.read(new ByteArrayInputStream(new byte[1024]), 1024, "answer").length);
    }

    @Test
    void anEndlessBodyIsRefusedAfterOneByteBeyondTheBound() {
        EndlessStream endless = new EndlessStream();

        BoundedBody.TooLarge e = assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(endless, 4096, "answer to GET /x"));
        assertEquals("answer to GET /x larger than 4096 bytes", e.getMessage());
        assertEquals(4097, endless.served);
    }

    private static final class EndlessStream extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }
    }
}
