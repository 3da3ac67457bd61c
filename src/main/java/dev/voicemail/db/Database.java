package dev.voicemail.db;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * The one active datasource: embedded H2 by default, PostgreSQL under the {@code postgres} profile.
 * Both are built in because a datasource's kind is fixed at build time; configuration activates one
 * of them at start-up (see application.properties), so the same jar runs on either.
 */
@ApplicationScoped
public class Database {

    private final AgroalDataSource dataSource;

    public Database(@Any InjectableInstance<AgroalDataSource> dataSources) {
        this.dataSource = dataSources.getActive();
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** 23505: unique violation, in both H2 and PostgreSQL. */
    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
