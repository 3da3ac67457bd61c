-- Clients of each agency; the same SQL runs on H2 (embedded default) and PostgreSQL.
CREATE TABLE clients (
    agency             VARCHAR(64)     NOT NULL,
    id                 VARCHAR(64)     NOT NULL,
    name               VARCHAR(200)    NOT NULL,
    policy             VARCHAR(64)     NOT NULL,
    timezone           VARCHAR(64),
    parameters         VARCHAR(20000)  NOT NULL,
    value_propositions VARCHAR(100000) NOT NULL,
    version            BIGINT          NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agency, id)
);

CREATE INDEX clients_policy ON clients (policy);
