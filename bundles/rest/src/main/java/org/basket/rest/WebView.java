package org.basket.rest;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The web view's static files (bundle folder {@code /web}) at {@code /basket/}, through the OSGi HTTP whiteboard. They
 * hold no data: the page reads the API, which asks for a login.
 */
@Component(service = WebView.class)
@HttpWhiteboardResource(pattern = "/basket/*", prefix = "/web")
public final class WebView {
}
