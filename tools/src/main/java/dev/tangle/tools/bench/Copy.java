package dev.tangle.tools.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** Bulk loading for the seeding benchmarks: PostgreSQL COPY in text format through one buffered stream. */
final class Copy {

    private Copy() {
    }

    interface Rows {
        void write(Writer w) throws IOException;
    }

    static void into(Connection db, String target, Rows rows) throws SQLException, IOException {
        PGConnection pg = db.unwrap(PGConnection.class);
        try (var out = new PGCopyOutputStream(pg, "COPY " + target + " FROM STDIN", 1 << 20);
             Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 20)) {
            rows.write(w);
        }
    }

    /** One COPY text-format row; null is \N. Values never contain tabs, newlines or backslashes here. */
    static void row(Writer w, Object... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                w.write('\t');
            }
            w.write(values[i] == null ? "\\N" : values[i].toString());
        }
        w.write('\n');
    }
}
