package org.basket.northbound.snmp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.basket.api.cluster.ClusterSnapshot;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServerLookupEvent;
import org.snmp4j.agent.MOServerLookupListener;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.DefaultMOMutableTableModel;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.DefaultMOTableRow;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * BASKET-MIB's tables and scalars as SNMP4J managed objects. A table is filled from a fresh {@link ClusterSnapshot}
 * when a request reaches it and its rows are older than {@value #FRESH_MS} ms, so that one walk reads one snapshot.
 */
final class ClusterTables {
    static final long FRESH_MS = 500;
    private static final MOTableIndex BY_NAME = new MOTableIndex(
            new MOTableSubIndex[] {new MOTableSubIndex(SMIConstants.SYNTAX_OCTET_STRING, 1, 64)}, false);

    private final Supplier<ClusterSnapshot> snapshots;
    private final List<ManagedObject<?>> objects;

    ClusterTables(Supplier<ClusterSnapshot> snapshots, LongSupplier sent, LongSupplier dropped) {
        this.snapshots = snapshots;
        this.objects = List.of(
                table(BasketMib.HOST_ENTRY, new int[] {
                        SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_GAUGE32,
                        SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_GAUGE32,
                        SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_OCTET_STRING}, snapshot -> ClusterRows.hosts(snapshot)
                        .stream().map(h -> row(h.name(), new Integer32(h.state()), text(h.driver()), gauge(h.resources()),
                                gauge(h.cpusUsed()), gauge(h.cpus()), gauge(h.memoryUsed()), gauge(h.memory()),
                                text(h.reason()))).toList()),
                table(BasketMib.RESOURCE_ENTRY, new int[] {
                        SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_OCTET_STRING,
                        SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING}, snapshot -> ClusterRows
                        .resources(snapshot).stream().map(r -> row(r.name(), new Integer32(r.kind()),
                                new Integer32(r.state()), text(r.host()), text(r.container()), text(r.reason()))).toList()),
                table(BasketMib.WHERE_ENTRY, new int[] {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING},
                        snapshot -> ClusterRows.where(snapshot).stream().map(w -> row(w.name(), text(w.vm()),
                                text(w.host()))).toList()),
                scalar(BasketMib.MANAGER_STANDING, () -> text(snapshots.get().manager())),
                scalar(BasketMib.CONFIG_PROBLEMS, () -> gauge(snapshots.get().problems().stream()
                        .map(p -> p.source()).distinct().count())),
                scalar(BasketMib.NOTIFICATIONS_SENT, () -> new Counter32(sent.getAsLong() & 0xFFFFFFFFL)),
                scalar(BasketMib.NOTIFICATIONS_DROPPED, () -> new Counter32(dropped.getAsLong() & 0xFFFFFFFFL)));
    }

    void register(DefaultMOServer server) throws DuplicateRegistrationException {
        for (ManagedObject<?> object : objects) {
            server.register(object, null);
            if (object instanceof RefreshedTable table) {
                server.addLookupListener(table, table);
            }
        }
    }

    void unregister(DefaultMOServer server) {
        for (ManagedObject<?> object : objects) {
            if (object instanceof RefreshedTable table) {
                server.removeLookupListener(table, table);
            }
            server.unregister(object, null);
        }
    }

    private ManagedObject<?> table(OID entry, int[] syntaxes, java.util.function.Function<ClusterSnapshot,
            List<DefaultMOTableRow>> rows) {
        MOColumn<?>[] columns = new MOColumn<?>[syntaxes.length];
        for (int i = 0; i < syntaxes.length; i++) {
            columns[i] = new MOColumn<>(i + 2, syntaxes[i], MOAccessImpl.ACCESS_READ_ONLY);
        }
        return new RefreshedTable(entry, columns, rows);
    }

    /** A table whose rows are read again from a snapshot when a request finds them stale; its index, the name, is no column. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private final class RefreshedTable extends DefaultMOTable implements MOServerLookupListener {
        private final java.util.function.Function<ClusterSnapshot, List<DefaultMOTableRow>> rows;
        private long refreshed = Long.MIN_VALUE;

        RefreshedTable(OID entry, MOColumn<?>[] columns, java.util.function.Function<ClusterSnapshot,
                List<DefaultMOTableRow>> rows) {
            super(entry, BY_NAME, columns, new DefaultMOMutableTableModel<DefaultMOTableRow>());
            this.rows = rows;
            setVolatile(true);
        }

        @Override
        public void lookupEvent(MOServerLookupEvent event) {
            refresh();
        }

        @Override
        public void queryEvent(MOServerLookupEvent event) {
            refresh();
        }

        private synchronized void refresh() {
            long now = System.nanoTime() / 1_000_000;
            if (refreshed != Long.MIN_VALUE && now - refreshed < FRESH_MS) {
                return;
            }
            DefaultMOMutableTableModel<DefaultMOTableRow> model = (DefaultMOMutableTableModel<DefaultMOTableRow>) getModel();
            model.clear();
            rows.apply(snapshots.get()).forEach(model::addRow);
            refreshed = now;
        }
    }

    private static MOScalar<Variable> scalar(OID oid, Supplier<Variable> reading) {
        return new MOScalar<>(BasketMib.child(oid, 0), MOAccessImpl.ACCESS_READ_ONLY, reading.get()) {
            @Override
            public Variable getValue() {
                return reading.get();
            }
        };
    }

    private static DefaultMOTableRow row(String name, Variable... values) {
        return new DefaultMOTableRow(text(name).toSubIndex(false), values);
    }

    static OctetString text(String value) {
        return new OctetString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static Gauge32 gauge(long value) {
        return new Gauge32(Math.max(0, Math.min(value, 0xFFFFFFFFL)));
    }
}
