package dev.voicemail.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The embedded default runs with the settings its URL ships with (application.properties). Each was
 * a measured fix: without WRITE_DELAY=0 a kill -9 lost acknowledged writes (AcknowledgedWritesIT);
 * with H2's default 16 MB page cache, the decision log's pages were promoted in the 160 MB heap and
 * made a full collection every 5 s under load (bench/NOTES.md, "December 4, later").
 */
@QuarkusTest
class H2SettingsTest {

    @Inject
    Database db;

    @Test
    void theEmbeddedDatabaseWritesEachCommitAndKeepsASmallPageCache() throws Exception {
        assertEquals("0", setting("WRITE_DELAY"), "each commit written to the file before it returns");
        assertEquals("1024", setting("CACHE_SIZE"), "H2's page cache in KB: the log's pages must not fill the old generation");
    }

    private String setting(String name) throws Exception {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
