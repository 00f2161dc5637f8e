package org.basket.pacemaker;

import java.util.List;

/** docs/pacemaker-compatibility.md: the comparison's table, made by {@code scripts/compare-pacemaker-cts.sh}. */
final class CompatibilityDoc {
    private CompatibilityDoc() {
    }

    static String of(List<CtsComparison.Outcome> outcomes, String total) {
        StringBuilder b = new StringBuilder();
        b.append("## Every case\n\n");
        b.append("Made by `scripts/compare-pacemaker-cts.sh ../shared/pacemaker-cts` (").append(total).append(").\n\n");
        b.append("| case | result | how |\n|---|---|---|\n");
        for (CtsComparison.Outcome o : outcomes) {
            b.append("| ").append(o.name()).append(" | ").append(o.verdict()).append(" | ")
                    .append(o.detail().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }
}
