package org.basket.pacemaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small helpers over the DOM of a CIB. */
final class Xml {
    private Xml() {
    }

    static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        if (parent == null) {
            return children;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    static List<Element> children(Element parent, String tag) {
        return children(parent).stream().filter(e -> e.getTagName().equals(tag)).toList();
    }

    static Element child(Element parent, String tag) {
        return children(parent, tag).stream().findFirst().orElse(null);
    }

    /** The attribute's value, or null where the element lacks it. */
    static String attr(Element e, String name) {
        return e != null && e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    static String attr(Element e, String name, String fallback) {
        String value = attr(e, name);
        return value == null ? fallback : value;
    }

    static String id(Element e) {
        return attr(e, "id", "");
    }

    /**
     * The name-value pairs of every set {@code tag} ({@code meta_attributes}, {@code instance_attributes},
     * {@code utilization}) under {@code parent}; a set under a rule (it holds only sometimes) is named in
     * {@code conditional} and left out.
     */
    static Map<String, String> nvpairs(Element parent, String tag, List<Unmapped> conditional) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Element set : children(parent, tag)) {
            if (child(set, "rule") != null) {
                conditional.add(new Unmapped(tag, id(set), "a set of attributes under a rule (holds only when the rule"
                        + " does): Basket's attributes hold always"));
                continue;
            }
            for (Element pair : children(set, "nvpair")) {
                String name = attr(pair, "name");
                if (name != null) {
                    pairs.put(name, attr(pair, "value", ""));
                }
            }
        }
        return pairs;
    }

    static boolean isTrue(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "y", "1" -> true;
            default -> false;
        };
    }
}
