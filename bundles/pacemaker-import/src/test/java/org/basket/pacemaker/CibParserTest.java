package org.basket.pacemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A CIB is untrusted input: no document type (entities), bounded size, a cib root, clear messages. */
class CibParserTest {
    private static CibException refused(String xml, int limit) {
        return assertThrows(CibException.class, () -> CibParser.parse(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "cib.xml", limit));
    }

    @Test
    void anExternalEntityIsRefusedWithoutBeingRead() {
        CibException e = refused("<?xml version=\"1.0\"?><!DOCTYPE cib [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<cib>&x;</cib>", CibParser.MAX_BYTES);
        assertTrue(e.getMessage().startsWith("cib.xml:1: not well-formed XML: "), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void entityExpansionIsRefusedToo() {
        CibException e = refused("<!DOCTYPE cib [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + "<cib>&b;</cib>", CibParser.MAX_BYTES);
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void aCibLargerThanTheLimitIsRefusedBeforeParsing() {
        CibException e = refused("<cib>" + " ".repeat(200) + "</cib>", 100);
        assertEquals("cib.xml: larger than 100 bytes; a CIB is refused above that", e.getMessage());
    }

    @Test
    void anotherDocumentOrBrokenXmlIsNamed() {
        assertEquals("cib.xml: not a CIB: the root element is <html>, not <cib>",
                refused("<html/>", 1000).getMessage());
        assertTrue(refused("<cib><configuration></cib>", 1000).getMessage().startsWith("cib.xml:1: not well-formed"));
    }
}
