package org.basket.core.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.basket.api.config.StrictConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VM templates: the documented example in config/templates, placeholders, strict settings, sizes. */
class TemplateTest {
    private static final Path CONFIG = Path.of("../../config").toAbsolutePath().normalize();

    @TempDir
    Path etc;

    @Test
    void theDocumentedExampleReadsAndNamesEveryKey() throws Exception {
        Template small = Template.load(CONFIG, "small");
        assertEquals("kvm", small.settings().driver());
        assertEquals(10L << 30, Sizes.parse(small.settings().disk_size()));
        String text = Files.readString(CONFIG.resolve("templates/small.cfg"));
        for (String key : StrictConfig.keys(TemplateConfig.class)) {
            assertTrue(text.contains("\n" + key + " = ") || text.contains("\n#" + key + " = "), key);
        }
        String xml = small.render(Map.of("name", "web3", "cpus", "2", "memory.mb", "2048", "memory.kib", "2097152",
                "disk.path", "/var/lib/libvirt/images/web3.img", "network", "default"));
        assertTrue(xml.contains("<name>web3</name>") && xml.contains("<source file='/var/lib/libvirt/images/web3.img'/>"));
        for (String placeholder : Template.PLACEHOLDERS) {
            assertTrue(Files.readString(CONFIG.resolve("templates/small.xml")).contains("${" + placeholder + "}"),
                    "the example shows " + placeholder);
        }
    }

    @Test
    void valuesAreEscapedSoThatNoneChangesTheDefinitionsStructure() throws Exception {
        write("t.xml", "<domain><name>${name}</name><source network='${network}'/></domain>");
        String xml = Template.load(etc, "t").render(Map.of("name", "a", "network", "x'/><evil/>"));
        assertEquals("<domain><name>a</name><source network='x&apos;/&gt;&lt;evil/&gt;'/></domain>", xml);
    }

    @Test
    void aBadTemplateIsNamedWithItsFileAndKey() throws Exception {
        write("t.xml", "<domain/>");
        write("t.cfg", "pool = p\ndisk.size = 2X\n");
        assertEquals(etc.resolve("templates/t.cfg") + ": disk.size: '2X' is not a size (bytes, or a number with K, M, "
                + "G or T)", assertThrows(IllegalArgumentException.class, () -> Template.load(etc, "t")).getMessage());
        write("t.cfg", "pol = p\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Template.load(etc, "t")).getMessage()
                .startsWith(etc.resolve("templates/t.cfg") + ": key 'pol'"));
        assertEquals("template '../x': a name is letters, digits, '_', '.', '-'",
                assertThrows(IllegalArgumentException.class, () -> Template.load(etc, "../x")).getMessage());
    }

    @Test
    void sizesTakeBinaryUnits() {
        assertEquals(512L << 20, Sizes.parse("512M"));
        assertEquals(2L << 30, Sizes.parse("2g"));
        assertEquals(4096, Sizes.parse("4096"));
        assertEquals("2G", Sizes.describe(2L << 30));
        assertEquals("'0' is not a size (bytes, or a number with K, M, G or T)",
                assertThrows(IllegalArgumentException.class, () -> Sizes.parse("0")).getMessage());
    }

    private void write(String file, String text) throws Exception {
        Files.createDirectories(etc.resolve("templates"));
        Files.writeString(etc.resolve("templates").resolve(file), text);
    }
}
