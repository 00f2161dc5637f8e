package org.basket.pacemaker;

/**
 * A part of the CIB that Basket cannot take over.
 *
 * @param element the element's tag ({@code clone}, {@code rsc_ticket}, {@code rule})
 * @param id      its id
 * @param reason  why, in an operator's words
 */
public record Unmapped(String element, String id, String reason) {
    @Override
    public String toString() {
        return "<" + element + " id=\"" + id + "\">: " + reason;
    }
}
