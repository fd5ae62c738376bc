package nonblocking.report;

/** Writing HTML: escaping for element content and quoted attribute values alike, and tables. */
final class Html {

    private Html() {
    }

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String table(Table table) {
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        for (int c = 0; c < table.headers().size(); c++) {
            html.append(table.text().get(c) ? "<th class=\"text\">" : "<th>").append(escape(table.headers().get(c))).append("</th>");
        }
        html.append("</tr>\n");
        for (int r = 0; r < table.rows().size(); r++) {
            html.append("<tr class=\"").append(escape(table.classes().get(r))).append("\">");
            for (int c = 0; c < table.headers().size(); c++) {
                html.append(table.text().get(c) ? "<td class=\"text\">" : "<td>")
                        .append(escape(table.rows().get(r).get(c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }
}
