package org.basket.driver.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.junit.jupiter.api.Test;
import org.libvirt.ConnectAuth.CredentialType;
import org.libvirt.jna.virConnectCredential;

/** The answers are handed over as libvirt expects: memory from malloc that libvirt frees, and nobody else. */
class CredentialsTest {

    @Test
    void answersAreMallocedStringsThatLibvirtFreesAlone() throws Exception {
        assertEquals(List.of("-1", "basket", "s3cret", ""), promptedAndFreedAsLibvirtDoes());
        // Before, JNA freed the answers again once the prompts were collected, and the JVM aborted (glibc: double free).
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    /** The callback's result (-1: a prompt without an answer, the realm), then each answer. */
    private static List<String> promptedAndFreedAsLibvirtDoes() {
        virConnectCredential first = new virConnectCredential();
        Structure[] prompts = first.toArray(3);
        int[] types = { CredentialType.VIR_CRED_AUTHNAME.mapToInt(), CredentialType.VIR_CRED_PASSPHRASE.mapToInt(),
            CredentialType.VIR_CRED_REALM.mapToInt() };
        for (int i = 0; i < prompts.length; i++) {
            ((virConnectCredential) prompts[i]).type = types[i];
            prompts[i].write();
        }
        List<String> seen = new ArrayList<>();
        seen.add(String.valueOf(new Credentials("basket", "s3cret").authCallback(first, 3, Pointer.NULL)));
        for (Structure prompt : prompts) {
            seen.add(takeAnswer(prompt));
        }
        return seen;
    }

    /** Reads an answer as libvirt does and frees it, as libvirt does. */
    private static String takeAnswer(Structure prompt) {
        Pointer answer = prompt.getPointer().getPointer(Credentials.RESULT);
        String text = answer.getString(0);
        assertEquals(text.length(), prompt.getPointer().getInt(Credentials.RESULT_LENGTH));
        Native.free(Pointer.nativeValue(answer));
        return text;
    }
}
