package org.basket.itests.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.basket.api.model.HostState;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The web view in a real browser (Debian's chromium, headless, over the DevTools protocol): a simulated host crashes and
 * the page shows it fenced and its VMs restarted in the other baskets, from the event stream; then a VM whose stop
 * failed ({@code stop.failure = block}) and which is no longer seen running stays drawn blocked in its host's basket.
 * Screenshots in target/screenshots/.
 */
public class WebViewIT extends RestTestSupport {
    private static final Path TARGET = Path.of(System.getProperty("basket.itests.target", "target"));
    private static final Path SHOTS = TARGET.resolve("screenshots");

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.basket.manager.cfg", "stop.failure", "block"));
    }

    @Test
    public void aCrashedHostShowsFencedAndItsVmsMoveToTheOtherBaskets() throws Exception {
        awaitDemoRunning();
        String host = hostOf("db");
        List<String> moving = DEMO.stream().filter(vm -> host.equals(hostOf(vm))).toList();
        try (Chromium page = Chromium.start(TARGET.resolve("chromium-profile"))) {
            page.login("vera", "vera");
            page.navigate(base() + "/basket/index.html");
            awaitPage(page, "the page shows 3 baskets, 6 VMs, the tolerance report and is live",
                    "document.querySelectorAll('.basket').length === 3 && document.querySelectorAll('.egg').length === 6"
                            + " && document.getElementById('absorbed') !== null"
                            + " && document.getElementById('connection').textContent === 'live'");
            for (String vm : moving) {
                assertEquals(vm + " in the basket of " + host, host, basketOf(page, vm));
            }
            page.evaluate("document.querySelector('.basket[data-host=\"" + host + "\"]').click()");
            awaitPage(page, "the impact of rebooting " + host + " is one click away", "document.getElementById('impact')"
                    + ".textContent.includes('" + moving.get(0) + "')");
            page.screenshot(SHOTS.resolve("1-before-the-crash.png"));

            execute("sim:crash-host " + host);
            awaitPage(page, host + " shows as not online", stateIs(host, "suspect") + " || " + stateIs(host, "unclean")
                    + " || " + stateIs(host, "offline"));
            page.screenshot(SHOTS.resolve("2-host-crashed.png"));
            awaitPage(page, host + " shows fenced", stateIs(host, "offline") + " && document.querySelector('.basket[data-host=\""
                    + host + "\"] .reason').textContent.includes('fenced')");
            for (String vm : moving) {
                awaitPage(page, vm + " shows in another basket", "(function(){ const e = document.querySelector("
                        + "'.egg[data-resource=\"" + vm + "\"]'); const b = e && e.closest('.basket'); return b !== null && "
                        + "b.dataset.host !== '" + host + "' && e.classList.contains('running'); })()");
                assertEquals(hostOf(vm), basketOf(page, vm));
            }
            String events = page.evaluate("document.getElementById('events').textContent").asText();
            assertTrue(events, events.contains("host " + host + " fenced by sim-bmc:" + host));
            for (String vm : moving) {
                assertTrue(vm + " started elsewhere, in the page's events: " + events, events.contains("start " + vm + " on "));
            }
            page.screenshot(SHOTS.resolve("3-vms-moved.png"));
            aVmBlockedWhereItsStopFailedStaysInThatBasket(page);
        }
        assertEquals(HostState.OFFLINE, cluster.snapshot().state().hostState(host));
    }

    /** cache's stop fails, then its domain crashes: not seen running, it may still run there, and is drawn so. */
    private void aVmBlockedWhereItsStopFailedStaysInThatBasket(Chromium page) throws Exception {
        String host = hostOf("cache");
        execute("sim:fail STOP cache");
        Files.writeString(etc("org.basket.resource-cache.cfg"), "\nenabled = false\n", StandardOpenOption.APPEND);
        await("cache blocked on " + host, () -> host.equals(status("cache").blockedOn()));
        execute("sim:crash-vm cache");
        await("cache not seen running", () -> !status("cache").isActive());
        String egg = "document.querySelector('.egg[data-resource=\"cache\"]')";
        awaitPage(page, "cache drawn blocked", egg + " !== null && " + egg + ".classList.contains('blocked')");
        assertEquals("in the basket of " + host + ", not among those not running", host, basketOf(page, "cache"));
        String title = page.evaluate(egg + ".title").asText();
        assertTrue(title, title.startsWith("blocked on " + host));
        assertEquals(0, page.evaluate("document.querySelectorAll('#unplaced .egg').length").asInt());
        page.screenshot(SHOTS.resolve("4-vm-blocked.png"));
    }

    private static final List<String> DEMO = List.of("app1", "app2", "batch", "cache", "db", "web");

    private static String stateIs(String host, String state) {
        return "document.querySelector('.basket[data-host=\"" + host + "\"]').classList.contains('state-" + state + "')";
    }

    private static String basketOf(Chromium page, String vm) throws Exception {
        JsonNode host = page.evaluate("(function(){ const e = document.querySelector('.egg[data-resource=\"" + vm
                + "\"]'); const b = e && e.closest('.basket'); return b ? b.dataset.host : null; })()");
        return host.isNull() ? null : host.asText();
    }

    private void awaitPage(Chromium page, String description, String condition) {
        await(description, () -> {
            try {
                return page.evaluate(condition).asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
    }
}
