package dev.voicemail.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No migration after V8 changes the decision log's table on H2. H2 copies a whole table, in one
 * transaction, to add a column: a V9 that added one ran the embedded service out of heap on a 708 MB
 * log and it did not start (bench/NOTES.md, session 22). A new need of the log is met without it
 * (the request's form went into the existing text column), or by a new table.
 */
class LogMigrationsTest {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    /** ALTER TABLE decision_log, with or without quotes, a schema, IF EXISTS, in any case. */
    private static final Pattern ALTERS_THE_LOG = Pattern.compile(
            "alter\\s+table\\s+(if\\s+exists\\s+)?(\"?public\"?\\.)?\"?decision_log\"?\\s", Pattern.CASE_INSENSITIVE);
    private static final int LAST_THAT_DID = 8;

    @Test
    void noMigrationAfterV8AltersTheDecisionLogOnH2() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String location : List.of("db/migration", "db/h2")) {
            try (Stream<Path> sql = Files.list(Path.of("src/main/resources", location))) {
                for (Path file : sql.toList()) {
                    Matcher m = VERSION.matcher(file.getFileName().toString());
                    if (!m.matches()) {
                        continue;
                    }
                    files++;
                    String text = Files.readString(file).replaceAll("--[^\\n]*", " ");
                    if (Integer.parseInt(m.group(1)) > LAST_THAT_DID && ALTERS_THE_LOG.matcher(text + " ").find()) {
                        found.add(location + "/" + file.getFileName());
                    }
                }
            }
        }
        assertTrue(files >= 8, "found only " + files + " migrations");
        assertEquals(List.of(), found, "these alter decision_log on H2, which copies the whole log in one transaction");
    }

    @Test
    void thePatternFindsTheAlterationsItIsFor() {
        for (String sql : List.of("ALTER TABLE decision_log ADD (x INT);", "alter table \"decision_log\" add column x int",
                "ALTER TABLE IF EXISTS public.decision_log ALTER COLUMN request SET DATA TYPE VARCHAR")) {
            assertTrue(ALTERS_THE_LOG.matcher(sql.toLowerCase(Locale.ROOT) + " ").find(), sql);
        }
        assertTrue(!ALTERS_THE_LOG.matcher("ALTER TABLE decision_log_archive ADD (x INT) ").find());
    }
}
