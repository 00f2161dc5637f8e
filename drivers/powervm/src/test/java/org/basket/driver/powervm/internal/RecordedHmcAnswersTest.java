package org.basket.driver.powervm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.basket.api.driver.DomainState;
import org.basket.driver.powervm.internal.HmcModel.ManagedSystem;
import org.basket.driver.powervm.internal.HmcModel.Partition;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The driver's parsing of answers a real HMC gave, as pypowervm recorded them (src/test/resources/pypowervm): the
 * simulator renders the same shapes, and this test keeps both honest.
 */
class RecordedHmcAnswersTest {

    @Test
    void readsAManagedSystemFeed() throws IOException {
        List<ManagedSystem> systems = HmcModel.systems(read("managedsystem_feed.xml"));
        assertEquals(List.of(new ManagedSystem("caae9209-25e5-35cd-a71a-ed55c03f294d", "HV4", "operating", 5_242_880, 5_242_752,
                500, 500)), systems);
        assertTrue(systems.get(0).inContact());
    }

    @Test
    void readsALogicalPartitionFeed() throws IOException {
        List<Partition> partitions = HmcModel.partitions(read("lpar_feed.xml"));
        assertEquals(2, partitions.size());
        Partition first = partitions.get(0);
        assertEquals(new Partition("089FFB20-5D19-4A8C-BB80-13650627D985", "z3-9-5-126-127-00000001", "not activated",
                "a168a3ec-bb3e-3ead-86c1-7d98b9d50239", 512, 0.5, true), first);
        assertEquals(DomainState.SHUTOFF, first.domainState());
        assertEquals("z3-9-5-126-208-000001f0", partitions.get(1).name());
    }

    @Test
    void readsTheSessionOfALogonResponse() throws IOException {
        assertTrue(Xml.text(read("logon.xml"), "X-API-Session").startsWith("PUIoR6x0kP6fQqA7qZ8sLZQJ8MLx9JHfLCYzT4oGFSE2WaGIhaFXIyQY"));
    }

    @Test
    void readsAJobsStatusResultsAndFailure() throws IOException {
        Element ok = read("job_response_completed_ok.xml");
        assertEquals("COMPLETED_OK", Xml.text(ok, "Status"));
        assertEquals("1375391227297", Xml.text(ok, "JobID"));
        assertEquals(Map.of("returnCode", "0"), Jobs.results(ok));
        assertEquals("Complete", Jobs.progressOf(ok));
        Element failed = read("job_response_completed_failed.xml");
        assertEquals("COMPLETED_WITH_ERROR", Xml.text(failed, "Status"));
        assertEquals("HSCL05DF The partition is not in a state under which this operation can be performed. Check the state"
                + " of the partition.", Jobs.failure(failed));
        // LinearProgress 1.0 on a finished job: read as a percentage, so "1%" (it may be a fraction: docs/powervm.md)
        assertEquals("1% Completed with error", Jobs.progressOf(failed));
    }

    @Test
    void describesAnHttpErrorResponse() throws IOException {
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/pypowervm/fake_httperror.xml")) {
            body = in.readAllBytes();
        }
        assertEquals("HTTP 500 on GET /rest/api/uom/SharedStoragePool/3dc777cb-e7b1-3f3d-b904-b5e34b47c6fe: Unexpected error occurred"
                + " while fetching Cluster/SSP information : 9999-99Z*2125D4A/1 : Unable to send command to VIOS at this moment. VIOS"
                + " 1*9999-99Z*2125D4A is busy processing some other request. Please retry the operation after sometime."
                + " (Unknown internal error.)", new HmcClient.Answer(500, body, "GET /rest/api/uom/SharedStoragePool/3dc777cb-e7b1-3f3d-b904-b5e34b47c6fe").error());
    }

    private Element read(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/pypowervm/" + name)) {
            return Xml.parse(in.readAllBytes());
        }
    }
}
