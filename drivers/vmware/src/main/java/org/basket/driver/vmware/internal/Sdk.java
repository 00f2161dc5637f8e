package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URL;

import javax.net.ssl.SSLException;

import org.basket.api.driver.DriverException;

import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.FileFault;
import com.vmware.vim25.InvalidLogin;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.MethodFault;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.ServiceContent;
import com.vmware.vim25.VimPortType;
import com.vmware.vim25.ws.WSClient;

/** One logged-in session with a vCenter or ESXi: its port (vijava's SOAP client) and service content. */
final class Sdk {
    final VimPortType port;
    final ServiceContent content;
    private final String endpoint;

    private Sdk(String endpoint, VimPortType port, ServiceContent content) {
        this.endpoint = endpoint;
        this.port = port;
        this.content = content;
    }

    /** Logs in; a wrong credential, an unknown host or an untrusted certificate is an error naming the endpoint. */
    static Sdk login(VmwareSettings settings, URL url) throws DriverException {
        String where = "driver '" + settings.endpoint() + "': " + settings.url();
        try {
            WSClient client = new WSClient(settings.url().toString(), false);
            client.setBaseUrl(url);
            client.setVimNameSpace(com.vmware.vim25.mo.ServiceInstance.VIM25_NAMESPACE);
            client.setConnectTimeout((int) settings.https().connectTimeout().toMillis());
            client.setReadTimeout((int) settings.https().callTimeout().toMillis());
            VimPortType port = new VimPortType(client);
            ManagedObjectReference instance = new ManagedObjectReference();
            instance.setType("ServiceInstance");
            instance.set_value("ServiceInstance");
            ServiceContent content = port.retrieveServiceContent(instance);
            client.setSoapActionOnApiVersion(content.getAbout().getApiVersion());
            port.login(content.getSessionManager(), settings.username(), settings.password(), null);
            return new Sdk(settings.endpoint(), port, content);
        } catch (InvalidLogin e) {
            throw new DriverException(where + ": login refused for user '" + settings.username() + "' (wrong user name or password)");
        } catch (IOException e) {
            throw new DriverException(where + ": " + reason(e), e);
        }
    }

    /**
     * What went wrong with a call, in words that name the cause. vijava keeps only the text of what it caught
     * ("VI SDK invoke exception:java.net.UnknownHostException: name"), so the text is read as well.
     */
    static String reason(Throwable e) {
        if (e instanceof MethodFault fault && e.getMessage() == null) {
            // vijava keeps a fault's type and fields, not vCenter's text
            String file = fault instanceof FileFault f && f.getFile() != null ? " (" + f.getFile() + ")" : "";
            return "vCenter answered " + fault.getClass().getSimpleName() + file;
        }
        String text = String.valueOf(e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text += " " + cause;
        }
        java.util.regex.Matcher unknown = java.util.regex.Pattern.compile("UnknownHostException: (\\S+)").matcher(text);
        if (unknown.find()) {
            return "unknown host " + unknown.group(1);
        }
        if (text.contains("SSLHandshakeException") || text.contains("SSLException") || e instanceof SSLException) {
            return "TLS failed (is the endpoint's certificate in the truststore?): " + text.replaceFirst("^.*?SSL\\w*Exception: ", "");
        }
        if (text.contains("ConnectException") || e instanceof ConnectException) {
            return "cannot connect: " + text.replaceFirst("^.*?ConnectException: ", "");
        }
        if (text.contains("DocumentException") && (text.contains("\"spec\" is null") || text.contains("Premature end")
                || text.contains("DocumentException: null"))) {
            // vijava parses the missing answer of a connection that ended: its own cause is lost
            return "the connection ended without an answer";
        }
        if (text.contains("SocketTimeoutException")) {
            return "no answer in time: " + text.replaceFirst("^.*?SocketTimeoutException: ", "");
        }
        return text.replaceFirst("^VI SDK invoke exception:", "");
    }

    /** One property of one managed object, read now rather than followed; null when it has none. */
    Object property(ManagedObjectReference object, String path) throws IOException {
        PropertySpec property = new PropertySpec();
        property.setType(object.getType());
        property.setPathSet(new String[] { path });
        ObjectSpec which = new ObjectSpec();
        which.setObj(object);
        which.setSkip(false);
        PropertyFilterSpec spec = new PropertyFilterSpec();
        spec.setPropSet(new PropertySpec[] { property });
        spec.setObjectSet(new ObjectSpec[] { which });
        ObjectContent[] found = port.retrieveProperties(content.getPropertyCollector(), new PropertyFilterSpec[] { spec });
        for (ObjectContent one : found == null ? new ObjectContent[0] : found) {
            for (DynamicProperty value : one.getPropSet() == null ? new DynamicProperty[0] : one.getPropSet()) {
                if (path.equals(value.getName())) {
                    return value.getVal();
                }
            }
        }
        return null;
    }

    String endpoint() {
        return endpoint;
    }

    void logout() {
        try {
            port.logout(content.getSessionManager());
        } catch (IOException | RuntimeException e) {
            // the session ends with the connection anyway
        }
    }
}
