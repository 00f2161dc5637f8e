package org.basket.driver.http;

import java.io.IOException;
import java.io.InputStream;

/** An answer's body read up to a bound, so that an endpoint cannot make the manager hold more. */
public final class BoundedBody {
    private BoundedBody() {
    }

    /** Every byte of {@code in}; {@link TooLarge} once there are more than {@code max}, without reading further. */
    public static byte[] read(InputStream in, int max, String what) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
            throw new TooLarge(what + " larger than " + max + " bytes");
        }
        return body;
    }

    /** An answer beyond the bound: refused, not a lost connection. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }
}
