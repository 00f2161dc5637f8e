package org.basket.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Java source reduced to its code: comments and string, text block and character literals blanked, lines kept. */
final class JavaCode {
    private final String code;

    private JavaCode(String code) {
        this.code = code;
    }

    static JavaCode of(String source) {
        return new JavaCode(blankCommentsAndLiterals(source));
    }

    String text() {
        return code;
    }

    /** A name of the code under {@code root} (imports, static imports, fully qualified names), with its line. */
    record Reference(int line, String name, String packageName) {
    }

    /**
     * Every name under {@code root} ({@code org.basket}, {@code org.osgi.framework}) the code uses, with the package it is in
     * (its lower-case segments, up to the first capitalised one).
     */
    List<Reference> references(String root) {
        Pattern name = Pattern.compile("(?<![\\w.])(" + Pattern.quote(root) + "(?:\\.[a-z_][a-z0-9_]*)*)(\\.[A-Z]\\w*)?");
        List<Reference> found = new ArrayList<>();
        Matcher matcher = name.matcher(code);
        while (matcher.find()) {
            String packageName = matcher.group(1);
            String full = matcher.group(2) == null ? packageName : packageName + matcher.group(2);
            found.add(new Reference(lineOf(matcher.start()), full, packageName));
        }
        return found;
    }

    /** The package the file declares, or "" for none. */
    String packageName() {
        Matcher matcher = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;").matcher(code);
        return matcher.find() ? matcher.group(1) : "";
    }

    private int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String blankCommentsAndLiterals(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int end;
            if (source.startsWith("//", i)) {
                end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, n);
            } else {
                out.append(c);
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(source.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }
}
