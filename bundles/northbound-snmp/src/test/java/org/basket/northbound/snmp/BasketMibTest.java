package org.basket.northbound.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BASKET-MIB passes smilint at its strictest and loads in snmptranslate, which finds every OID the code sends. */
class BasketMibTest {
    @TempDir
    Path temp;

    @Test
    void smilintFindsNothingAtItsStrictestLevel() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("smilint", "-l", "6", "-s",
                NetSnmp.BASKET_MIBS.resolve("BASKET-MIB.txt").toString());
        builder.environment().put("SMIPATH", NetSnmp.ietfMibs().toString());
        NetSnmp.Result lint = NetSnmp.run(temp, builder.command(), builder);

        assertEquals(new NetSnmp.Result(0, ""), lint);
    }

    @Test
    void snmptranslateResolvesEveryNotificationAndObjectTheCodeUsesToTheSameOid() throws Exception {
        List<String> names = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (BasketMib.Notification notification : BasketMib.Notification.values()) {
            names.add("BASKET-MIB::" + notification.mibName);
            expected.add("." + notification.oid());
        }
        String[][] objects = {{"basketHostEntry", BasketMib.HOST_ENTRY.toString()},
                {"basketResourceEntry", BasketMib.RESOURCE_ENTRY.toString()},
                {"basketWhereEntry", BasketMib.WHERE_ENTRY.toString()},
                {"basketManagerStanding", BasketMib.MANAGER_STANDING.toString()},
                {"basketConfigProblems", BasketMib.CONFIG_PROBLEMS.toString()},
                {"basketNotificationsSent", BasketMib.NOTIFICATIONS_SENT.toString()},
                {"basketNotificationsDropped", BasketMib.NOTIFICATIONS_DROPPED.toString()},
                {"basketEventSequence", BasketMib.EVENT_SEQUENCE.toString()},
                {"basketEventSeverity", BasketMib.EVENT_SEVERITY.toString()},
                {"basketEventHost", BasketMib.EVENT_HOST.toString()},
                {"basketEventResource", BasketMib.EVENT_RESOURCE.toString()},
                {"basketEventAction", BasketMib.EVENT_ACTION.toString()},
                {"basketEventMessage", BasketMib.EVENT_MESSAGE.toString()},
                {"basketEventRepeats", BasketMib.EVENT_REPEATS.toString()}};
        for (String[] object : objects) {
            names.add("BASKET-MIB::" + object[0]);
            expected.add("." + object[1]);
        }
        List<String> command = new ArrayList<>(NetSnmp.command("snmptranslate", "-On"));
        command.addAll(names);

        NetSnmp.Result translated = NetSnmp.run(temp, command);

        assertEquals(expected, translated.output().lines().filter(line -> !line.isBlank()).toList());
    }

    @Test
    void theStatesAndKindsAreTheApisInTheirOrder() throws Exception {
        assertEquals(enumeration(org.basket.api.model.HostState.values()), syntax("basketHostState"));
        assertEquals(enumeration(org.basket.api.model.ResourceKind.values()), syntax("basketResourceKind"));
    }

    private String syntax(String object) throws Exception {
        NetSnmp.Result described = NetSnmp.run(temp, NetSnmp.command("snmptranslate", "-Td", "BASKET-MIB::" + object));
        return described.output().lines().filter(l -> l.contains("SYNTAX")).findFirst().orElseThrow()
                .replaceAll(".*\\{(.*)}.*", "$1").replace(" ", "");
    }

    private static String enumeration(Enum<?>[] values) {
        List<String> items = new ArrayList<>();
        for (Enum<?> value : values) {
            String[] words = value.name().toLowerCase(java.util.Locale.ROOT).split("_");
            StringBuilder camel = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            items.add(camel + "(" + (value.ordinal() + 1) + ")");
        }
        return String.join(",", items);
    }
}
